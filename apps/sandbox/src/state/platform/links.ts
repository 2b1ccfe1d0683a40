import { WeChatError } from '../../common/errors.js';
import { randomUrlSafe } from '../../common/ids.js';

/** What a URL Scheme or URL Link opens. */
export interface LinkRecord {
  readonly appId: string;
  readonly path: string;
  readonly query: string;
  readonly envVersion: string;
  /** seconds. */
  readonly createTime: number;
  /** seconds; 0 never. */
  readonly expireTime: number;
}

/** The pages a link may open: released pages for `release`, the committed ones for trial and develop. */
export interface LinkPages {
  readonly released?: readonly string[];
  readonly committed?: readonly string[];
}

const MAX_EXPIRE_DAYS = 30;
const PERMANENT_SHORT_LINKS = 100_000;
const ENVS = ['release', 'trial', 'develop'];

/** URL Schemes, URL Links and Short Links issued by the platform's mini programs. */
export class Links {
  private readonly schemes = new Map<string, LinkRecord>();
  private readonly urlLinks = new Map<string, LinkRecord>();
  private readonly permanentShortLinks = new Map<string, number>();

  constructor(private readonly clock: () => number) {}

  /** `generatescheme` → `weixin://dl/business/?t=…`. */
  generateScheme(appId: string, body: Record<string, unknown>, pages: LinkPages): string {
    const jump = (body['jump_wxa'] ?? {}) as Record<string, unknown>;
    const record = this.target(appId, jump['path'], jump['query'], jump['env_version'], body, pages);
    const code = randomUrlSafe(11);
    this.schemes.set(code, record);
    return `weixin://dl/business/?t=${code}`;
  }

  /** `queryscheme`. @throws WeChatError 40097 not a scheme of this mini program. */
  scheme(appId: string, scheme: unknown): LinkRecord {
    const code = typeof scheme === 'string' ? /^weixin:\/\/dl\/business\/\?t=([A-Za-z0-9_-]+)$/.exec(scheme)?.[1] : undefined;
    return this.owned(appId, code === undefined ? undefined : this.schemes.get(code));
  }

  /** `generate_urllink` → `https://wxaurl.cn/…`. */
  generateUrlLink(appId: string, body: Record<string, unknown>, pages: LinkPages): string {
    const record = this.target(appId, body['path'], body['query'], body['env_version'], body, pages);
    const code = randomUrlSafe(11);
    this.urlLinks.set(code, record);
    return `https://wxaurl.cn/${code}`;
  }

  /** `query_urllink`. @throws WeChatError 40097. */
  urlLink(appId: string, link: unknown): LinkRecord {
    const code = typeof link === 'string' ? /^https:\/\/wxaurl\.cn\/([A-Za-z0-9_-]+)$/.exec(link)?.[1] : undefined;
    return this.owned(appId, code === undefined ? undefined : this.urlLinks.get(code));
  }

  /** `genwxashortlink` → `#小程序://<name>/<title>/<code>`: a released page (40165), 100 000 permanent ones (85400). */
  generateShortLink(appId: string, nickName: string, body: Record<string, unknown>, pages: LinkPages): string {
    if (!pages.released) throw new WeChatError(85079);
    const pageUrl = body['page_url'];
    if (typeof pageUrl !== 'string' || !pages.released.includes(pageUrl.split('?')[0]!)) throw new WeChatError(40165);
    const title = typeof body['page_title'] === 'string' ? body['page_title'] : '';
    if ([...title].length > 20) throw new WeChatError(40097);
    if (body['is_permanent'] === true) {
      const used = this.permanentShortLinks.get(appId) ?? 0;
      if (used >= PERMANENT_SHORT_LINKS) throw new WeChatError(85400);
      this.permanentShortLinks.set(appId, used + 1);
    }
    return `#小程序://${nickName}/${title || '页面'}/${randomUrlSafe(12)}`;
  }

  private target(appId: string, path: unknown, query: unknown, env: unknown, body: Record<string, unknown>, pages: LinkPages): LinkRecord {
    const envVersion = env === undefined ? 'release' : env;
    if (typeof envVersion !== 'string' || !ENVS.includes(envVersion)) throw new WeChatError(40097);
    const available = envVersion === 'release' ? pages.released : (pages.committed ?? pages.released);
    if (!pages.released && envVersion === 'release') throw new WeChatError(85079);
    if (!available) throw new WeChatError(85079);
    const page = path === undefined || path === '' ? available[0]! : path;
    if (typeof page !== 'string' || !available.includes(page)) throw new WeChatError(40165);
    const q = query === undefined ? '' : query;
    if (typeof q !== 'string' || q.length > 1024 || /[\s#]/.test(q)) throw new WeChatError(40212);
    const now = Math.floor(this.clock() / 1000);
    return { appId, path: page, query: q, envVersion, createTime: now, expireTime: this.expireTime(body, now) };
  }

  /** Since 2023 every scheme and URL Link expires within 30 days (85401 otherwise). */
  private expireTime(body: Record<string, unknown>, now: number): number {
    if (body['expire_type'] === 0 || (body['expire_type'] === undefined && body['expire_time'] !== undefined)) {
      const at = body['expire_time'];
      if (typeof at !== 'number' || at <= now || at > now + MAX_EXPIRE_DAYS * 86_400) throw new WeChatError(85401);
      return at;
    }
    const days = body['expire_interval'] ?? MAX_EXPIRE_DAYS;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_EXPIRE_DAYS) throw new WeChatError(85401);
    return now + days * 86_400;
  }

  private owned(appId: string, record: LinkRecord | undefined): LinkRecord {
    if (!record || record.appId !== appId) throw new WeChatError(40097);
    return record;
  }
}
