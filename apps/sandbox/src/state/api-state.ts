import { PerAccount } from '../common/per-account.js';
import type { AccountStore } from './accounts.js';
import { Articles } from './articles.js';
import { Audience } from './audience.js';
import { AuditQuota, CodeTemplates, SEED_DRAFT } from './code-templates.js';
import { ConditionalMenus } from './conditional-menus.js';
import { CustomerService } from './customer-service.js';
import { FileStore } from './file-store.js';
import { JsTickets } from './js-tickets.js';
import { MediaLibrary } from './media-library.js';
import { MessageTemplates } from './message-templates.js';
import { MiniProgramCode } from './mini-program-code.js';
import { MiniProgramSettings } from './mini-program-settings.js';
import { Outbox } from './outbox.js';
import { QrCodes } from './qr-codes.js';

/**
 * The state behind the authorizer API groups, created per account on first use (a sandbox with 100k accounts pays
 * only for the ones that call), plus the component-wide parts: uploaded files, QR codes, the code-template
 * library and the audit quota.
 */
export class AuthorizerApiState {
  readonly files: FileStore;
  readonly qrCodes: QrCodes;
  readonly codeTemplates: CodeTemplates;
  readonly auditQuota: AuditQuota;
  readonly audiences: PerAccount<Audience>;
  readonly menus = new PerAccount(() => new ConditionalMenus());
  readonly media: PerAccount<MediaLibrary>;
  readonly articles: PerAccount<Articles>;
  readonly outboxes: PerAccount<Outbox>;
  readonly templates = new PerAccount((appId) => new MessageTemplates(appId));
  readonly customerService: PerAccount<CustomerService>;
  readonly jsTickets: PerAccount<JsTickets>;
  readonly code: PerAccount<MiniProgramCode>;
  readonly miniPrograms = new PerAccount((appId) => new MiniProgramSettings(appId));
  private nextAuditId = 400_000_001;

  constructor(clock: () => number, componentAppId: string, accounts: AccountStore) {
    this.files = new FileStore(clock);
    this.qrCodes = new QrCodes(clock);
    this.codeTemplates = new CodeTemplates(clock);
    this.codeTemplates.upload(SEED_DRAFT);
    this.auditQuota = new AuditQuota(clock);
    this.audiences = new PerAccount((appId) => new Audience(appId, componentAppId, clock));
    this.media = new PerAccount(() => new MediaLibrary(clock));
    this.articles = new PerAccount(() => new Articles(clock));
    this.outboxes = new PerAccount(() => new Outbox(clock));
    this.customerService = new PerAccount((appId) => {
      const account = accounts.get(appId);
      return new CustomerService([account?.alias, account?.userName].filter((id): id is string => !!id), clock);
    });
    this.jsTickets = new PerAccount(() => new JsTickets(clock));
    this.code = new PerAccount(() => new MiniProgramCode(clock));
  }

  /** Audit ids are unique across the platform's mini programs. */
  newAuditId(): number {
    return this.nextAuditId++;
  }
}
