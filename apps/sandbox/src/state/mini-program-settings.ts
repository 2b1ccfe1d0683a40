import { WeChatError } from '../common/errors.js';
import { derivedHex } from '../common/ids.js';

/** The server domain kinds of `modify_domain` and the scheme each takes. */
export const DOMAIN_KINDS = {
  requestdomain: 'https:',
  wsrequestdomain: 'wss:',
  uploaddomain: 'https:',
  downloaddomain: 'https:',
  udpdomain: 'udp:',
  tcpdomain: 'tcp:',
} as const;

export type DomainKind = keyof typeof DOMAIN_KINDS;

/** The categories every simulated mini program has set (ids from WeChat's category table). */
export const CATEGORIES = [
  { first_class: '工具', second_class: '效率', first_id: 287, second_id: 616 },
  { first_class: '餐饮服务', second_class: '点餐平台', first_id: 220, second_id: 221 },
] as const;

/** Privacy keys of the privacy guide and what WeChat shows for each. */
export const PRIVACY_KEYS: Readonly<Record<string, string>> = {
  UserInfo: '用户信息（微信昵称、头像）',
  Location: '位置信息',
  Address: '地址',
  Invoice: '发票信息',
  RunData: '微信运动数据',
  Record: '麦克风',
  Album: '选中的照片或视频信息',
  Camera: '摄像头',
  PhoneNumber: '手机号码',
  Contact: '通讯录（仅写入）权限',
  DeviceInfo: '设备信息',
  EXIDNumber: '身份证号码',
  EXOrderInfo: '订单信息',
  EXUserPublishContent: '发布内容',
  EXUserFollowAcct: '所关注账号',
  EXUserOpLog: '操作日志',
  AlbumWriteOnly: '相册（仅写入）权限',
  Clipboard: '剪切板',
  ChooseLocation: '选择的位置信息',
  Email: '邮箱',
};

/** A privacy guide as stored. */
export interface PrivacyGuide {
  ownerSetting: Record<string, unknown>;
  settings: Array<{ privacy_key: string; privacy_text: string }>;
  sdkPrivacyInfoList: unknown[];
  updateTime: number;
}

const MAX_DOMAINS = 200;
const MAX_WEBVIEW = 100;
const MAX_TESTERS = 100;
/** Limited codes (`getwxacode`, `createwxaqrcode`) per mini program, in all. */
export const LIMITED_CODES = 100_000;

/** The settings of one mini program managed by the platform: domains, testers, privacy guide, codes issued. */
export class MiniProgramSettings {
  readonly domains: Record<DomainKind, string[]> = { requestdomain: [], wsrequestdomain: [], uploaddomain: [], downloaddomain: [], udpdomain: [], tcpdomain: [] };
  webviewDomains: string[] = [];
  private readonly testers = new Map<string, string>();
  readonly privacy = new Map<1 | 2, PrivacyGuide>();
  limitedCodes = 0;

  constructor(private readonly appId: string) {}

  /**
   * `add` / `delete` / `set` / `get` on the server domains. Domains of the wrong scheme are filtered out, as WeChat
   * does; nothing valid left to change answers 85017; over 200 of a kind, 85016.
   */
  modifyDomains(action: unknown, body: Record<string, unknown>): void {
    if (action === 'get') return;
    if (action !== 'add' && action !== 'delete' && action !== 'set') throw new WeChatError(40097);
    const given = Object.keys(DOMAIN_KINDS).filter((kind) => Array.isArray(body[kind])) as DomainKind[];
    const valid = Object.fromEntries(given.map((kind) => [kind, filterDomains(body[kind] as unknown[], DOMAIN_KINDS[kind])])) as Partial<Record<DomainKind, string[]>>;
    const total = Object.values(valid).reduce((sum, list) => sum + list.length, 0);
    if (total === 0 && action !== 'set') throw new WeChatError(85017);
    const next = { ...this.domains };
    for (const kind of given) {
      const list = valid[kind]!;
      if (action === 'set') next[kind] = list;
      else if (action === 'add') next[kind] = [...new Set([...next[kind], ...list])];
      else next[kind] = next[kind].filter((domain) => !list.includes(domain));
      if (next[kind].length > MAX_DOMAINS) throw new WeChatError(85016);
    }
    Object.assign(this.domains, next);
  }

  /** The web-view domains (https only; 89021 nothing valid, 89019 unchanged on `set`, 89029 over 100). */
  modifyWebview(action: unknown, domains: unknown): void {
    if (action === 'get') return;
    if (action !== 'add' && action !== 'delete' && action !== 'set') throw new WeChatError(40097);
    const list = filterDomains(Array.isArray(domains) ? domains : [], 'https:');
    if (list.length === 0 && action !== 'set') throw new WeChatError(89021);
    let next: string[];
    if (action === 'set') {
      if (list.length === this.webviewDomains.length && list.every((d) => this.webviewDomains.includes(d))) throw new WeChatError(89019);
      next = list;
    } else if (action === 'add') next = [...new Set([...this.webviewDomains, ...list])];
    else next = this.webviewDomains.filter((domain) => !list.includes(domain));
    if (next.length > MAX_WEBVIEW) throw new WeChatError(89029);
    this.webviewDomains = next;
  }

  /** @throws WeChatError 85001 not a WeChat ID, 85004 already a tester, 85002 too many. */
  bindTester(wechatId: unknown): string {
    if (typeof wechatId !== 'string' || !/^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/.test(wechatId)) throw new WeChatError(85001);
    const userstr = derivedHex(64, 'tester', this.appId, wechatId);
    if (this.testers.has(userstr)) throw new WeChatError(85004);
    if (this.testers.size >= MAX_TESTERS) throw new WeChatError(85002);
    this.testers.set(userstr, wechatId);
    return userstr;
  }

  /** By WeChat ID or `userstr`. @throws WeChatError 85001 not a tester. */
  unbindTester(body: Record<string, unknown>): void {
    const wechatId = body['wechatid'];
    const userstr = typeof wechatId === 'string' ? derivedHex(64, 'tester', this.appId, wechatId) : body['userstr'];
    if (typeof userstr !== 'string' || !this.testers.delete(userstr)) throw new WeChatError(85001);
  }

  testerList(): Array<{ userstr: string }> {
    return [...this.testers.keys()].map((userstr) => ({ userstr }));
  }

  /** Stores a privacy guide: `notice_method` required, known keys only (47003). */
  setPrivacy(body: Record<string, unknown>, now: number): void {
    const version = body['privacy_ver'] === 1 ? 1 : 2;
    const owner = body['owner_setting'];
    if (typeof owner !== 'object' || owner === null || typeof (owner as Record<string, unknown>)['notice_method'] !== 'string') throw new WeChatError(47003);
    const list = body['setting_list'];
    if (!Array.isArray(list)) throw new WeChatError(47003);
    const settings = list.map((item: unknown) => {
      const { privacy_key: key, privacy_text: text } = (item ?? {}) as Record<string, unknown>;
      if (typeof key !== 'string' || PRIVACY_KEYS[key] === undefined || typeof text !== 'string' || text === '') throw new WeChatError(47003);
      return { privacy_key: key, privacy_text: text };
    });
    const sdk = Array.isArray(body['sdk_privacy_info_list']) ? (body['sdk_privacy_info_list'] as unknown[]) : [];
    this.privacy.set(version, { ownerSetting: structuredClone(owner) as Record<string, unknown>, settings, sdkPrivacyInfoList: sdk, updateTime: Math.floor(now / 1000) });
  }

  /** Counts a limited code. @throws WeChatError 45029 over 100 000. */
  useLimitedCode(): void {
    if (this.limitedCodes >= LIMITED_CODES) throw new WeChatError(45029);
    this.limitedCodes++;
  }
}

function filterDomains(values: unknown[], scheme: string): string[] {
  return values.filter((value): value is string => {
    if (typeof value !== 'string') return false;
    try {
      const url = new URL(value);
      return url.protocol === scheme && url.hostname.includes('.') && (url.pathname === '/' || url.pathname === '');
    } catch {
      return false;
    }
  });
}
