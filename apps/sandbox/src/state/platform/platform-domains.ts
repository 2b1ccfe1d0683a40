import { WeChatError } from '../../common/errors.js';
import { derivedHex, derivedUrlSafe } from '../../common/ids.js';

/** A `;`-separated list of the platform's domains, testing and published versions. */
interface DomainPair {
  testing: string[];
  published: string[];
}

const MAX_SERVER = 1000;
const MAX_JUMP = 200;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i;

/** A confirm file: what a domain must serve at `https://<domain>/<file_name>`. */
export interface ConfirmFile {
  readonly file_name: string;
  readonly file_content: string;
}

/** A confirm file derived from its owner (stable for the life of the sandbox, like WeChat's). */
export function confirmFileOf(...owner: string[]): ConfirmFile {
  return { file_name: `${derivedUrlSafe(10, 'confirm-name', ...owner).replace(/[-_]/g, 'x')}.txt`, file_content: derivedHex(32, 'confirm-content', ...owner) };
}

/**
 * The platform's own mini-program domains (第三方平台服务器域名 / 业务域名), and which domains serve which confirm
 * file — the sandbox cannot fetch `https://<domain>/<file>`, so tests say a file is in place through the control API.
 */
export class PlatformDomains {
  private readonly server: DomainPair = { testing: [], published: [] };
  private readonly jump: DomainPair = { testing: [], published: [] };
  /** host → the confirm files it serves (by file name). */
  private readonly served = new Map<string, Set<string>>();

  /** The control API: `domain` now serves `file`. */
  serve(domain: string, file: ConfirmFile): void {
    let files = this.served.get(domain);
    if (!files) this.served.set(domain, (files = new Set()));
    files.add(`${file.file_name}\u0000${file.file_content}`);
  }

  /** Whether `domain` serves `file` at its root. */
  serves(domain: string, file: ConfirmFile): boolean {
    return this.served.get(domain)?.has(`${file.file_name}\u0000${file.file_content}`) ?? false;
  }

  /** `modify_wxa_server_domain`. */
  modifyServer(body: Record<string, unknown>): Record<string, string> {
    return this.modify(this.server, body, 'wxa_server_domain', MAX_SERVER, () => true);
  }

  /** `modify_wxa_jump_domain`: a domain must serve the platform's confirm file, else it is listed as invalid. */
  modifyJump(body: Record<string, unknown>, file: ConfirmFile): Record<string, string> {
    return this.modify(this.jump, body, 'wxa_jump_h5_domain', MAX_JUMP, (domain) => this.serves(domain, file));
  }

  /** The platform's server domains (testing version), for the checks of `wxa/modify_domain`. */
  serverDomains(): readonly string[] {
    return this.server.testing;
  }

  private modify(pair: DomainPair, body: Record<string, unknown>, field: string, max: number, proven: (domain: string) => boolean): Record<string, string> {
    const action = body['action'];
    const view = (invalid: string[] = []): Record<string, string> => ({
      [`published_${field}`]: pair.published.join(';'),
      [`testing_${field}`]: pair.testing.join(';'),
      ...(invalid.length > 0 ? { [`invalid_${field}`]: invalid.join(';') } : {}),
    });
    if (action === 'get') return view();
    if (action !== 'add' && action !== 'delete' && action !== 'set') throw new WeChatError(40097);
    const raw = body[field];
    const given = typeof raw === 'string' ? raw.split(';').map((d) => d.trim()).filter((d) => d !== '') : [];
    const valid = given.filter((d) => DOMAIN.test(d) && (action === 'delete' || proven(d)));
    const invalid = given.filter((d) => !valid.includes(d));
    const apply = (list: string[]): string[] => {
      if (action === 'set') return [...new Set(valid)];
      if (action === 'add') return [...new Set([...list, ...valid])];
      return list.filter((d) => !valid.includes(d));
    };
    const testing = apply(pair.testing);
    const published = body['is_modify_published_together'] === true ? apply(pair.published) : pair.published;
    if (testing.length > max || published.length > max) throw new WeChatError(85016);
    pair.testing = testing;
    pair.published = published;
    return view(invalid);
  }
}
