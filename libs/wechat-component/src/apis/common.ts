/**
 * What every API group shares, whichever token it calls with (the component's or an authorizer's): the rules every
 * group follows, the helpers that apply them, and the types more than one group uses.
 *
 * **The envelope rule.** A group method returns WeChat's answer minus its envelope: `errcode` and `errmsg` are taken
 * off (a call that answers nothing else returns `void`). Failure never reaches a group as data: the request path
 * (`WeChatHttpClient.call`) turns `errcode` ≠ 0 into a `WeChatApiError` — with `rid`, the account the call was made
 * for, and the answer's other fields in `details` — before a group sees the answer. Field names inside an answer are
 * WeChat's own (snake_case, as documented), so WeChat's pages and the types here read the same.
 *
 * **One field, its value.** Where WeChat documents the answer (minus the envelope) as exactly one field, the method
 * returns that field's value — the list (`tags/get` → `tags`), the wrapped object (`tags/create` → `tag`,
 * `getgrayreleaseplan` → `gray_release_plan`) or the one value (`draft/add` → `media_id`, `submit_audit` →
 * `auditid`, `generatescheme` → `openlink`): the field's name says nothing the method's name and TSDoc do not. An
 * answer of two fields or more comes back whole, even when callers mostly read one of them (a page of openids:
 * `total`, `count`, `data`, `next_openid`); so does an answer whose fields depend on the arguments (the `get` action
 * of the domain endpoints answers the lists, the other actions nothing but the envelope).
 *
 * **Files.** A download returns a `WeChatFile` or — where WeChat answers JSON in its place (a video's URL, a news
 * material's articles) — that JSON minus its envelope.
 *
 * **The group rules.** One class per group, in its own file, calling WeChat only through an {@link ApiRequester}
 * (the one request path, with the token added, refreshed and retried once when WeChat rejects it) and the helpers
 * below (a read is retried on transient failures, an action is sent once); its request and answer types in
 * `<group>.types.ts` beside it, types several groups share here. A group of many endpoints is split the way the
 * sandbox splits its controllers, one sub-group a file (`wxa-audit.api.ts` → `client.wxa.audit`, like
 * `apps/sandbox/src/authorizer-api/wxa-audit.controller.ts`). Every method's TSDoc names the endpoint and links
 * WeChat's page for it (`@see`).
 */
import type { MultipartField } from '../http/multipart.js';
import { WeChatFile } from '../http/wechat-file.js';
import type { QueryParams, WeChatRequest } from '../http/wechat-request.js';

/** The envelope WeChat puts on every JSON answer (absent on some successful data answers). */
export interface WeChatEnvelope {
  errcode?: number;
  errmsg?: string;
}

/** The whole answer of an endpoint that answers nothing but the envelope (the component's own endpoints return it). */
export interface WeChatAck {
  errcode: number;
  errmsg: string;
}

/**
 * An answer with its envelope taken off (see the envelope rule above). A key-remapping mapped type, not `Omit`:
 * `Omit` of a type with an index signature (`[field: string]: unknown`) would drop its named fields.
 */
export type Unwrapped<T> = { [K in keyof T as K extends 'errcode' | 'errmsg' ? never : K]: T[K] };

/** A request an API group makes; the requester adds the token (or none, with `anonymous`). */
export type ApiRequest = Omit<WeChatRequest, 'credential'> & {
  /** Send no token at all (a page on mp.weixin.qq.com, for instance). */
  readonly anonymous?: boolean;
};

/**
 * How a group calls WeChat for one account — an authorizer (`AuthorizerClient`) or the platform itself
 * (`ComponentClient`): the account's token is added, refreshed and retried by the module's one request path.
 */
export interface ApiRequester {
  /** The account the calls are made for: the authorizer's AppID, or the component's. */
  readonly appId: string;
  get<T>(path: string, query?: QueryParams): Promise<T>;
  post<T>(path: string, body?: unknown, query?: QueryParams): Promise<T>;
  /** Any request: uploads (`multipart`), downloads (`responseType: 'file'`), another origin (`baseUrl`). */
  request<T>(request: ApiRequest): Promise<T>;
}

/** `answer` without `errcode`/`errmsg`. */
export function unwrap<T extends object>(answer: T): Unwrapped<T> {
  const { errcode: _errcode, errmsg: _errmsg, ...rest } = answer as T & WeChatEnvelope;
  return rest as unknown as Unwrapped<T>;
}

/** POSTs and returns the answer minus its envelope. */
export async function postFor<T extends object>(requester: ApiRequester, path: string, body: unknown = {}, query?: QueryParams): Promise<Unwrapped<T>> {
  return unwrap(await requester.post<T & WeChatEnvelope>(path, body, query));
}

/** GETs (a read: retried on transient failures) and returns the answer minus its envelope. */
export async function getFor<T extends object>(requester: ApiRequester, path: string, query?: QueryParams): Promise<Unwrapped<T>> {
  return unwrap(await requester.get<T & WeChatEnvelope>(path, query));
}

/**
 * POSTs a read (WeChat reads many things by POST): sending it twice does no harm, so transient failures are retried.
 */
export async function postRead<T extends object>(requester: ApiRequester, path: string, body: unknown = {}, query?: QueryParams): Promise<Unwrapped<T>> {
  return unwrap(await requester.request<T & WeChatEnvelope>({ method: 'POST', path, body, ...(query ? { query } : {}), idempotent: true }));
}

/** POSTs an action that answers nothing but the envelope. */
export async function postAction(requester: ApiRequester, path: string, body: unknown = {}, query?: QueryParams): Promise<void> {
  await requester.post<WeChatEnvelope>(path, body, query);
}

/** GETs an action (WeChat acts on some GETs: withdraw, revert, delete): sent once, since a retry could act twice. */
export async function getAction(requester: ApiRequester, path: string, query?: QueryParams): Promise<void> {
  await requester.request<WeChatEnvelope>({ method: 'GET', path, ...(query ? { query } : {}), idempotent: false });
}

/** POSTs a `multipart/form-data` upload (sent once) and returns the answer minus its envelope. */
export async function uploadFor<T extends object>(requester: ApiRequester, path: string, multipart: readonly MultipartField[], query?: QueryParams): Promise<Unwrapped<T>> {
  return unwrap(await requester.request<T & WeChatEnvelope>({ method: 'POST', path, multipart, ...(query ? { query } : {}) }));
}

/** A download: the file, or the JSON WeChat answers in its place (`T`) minus its envelope. */
export async function download<T extends object>(requester: ApiRequester, request: Omit<ApiRequest, 'responseType'>): Promise<WeChatFile | Unwrapped<T>> {
  const answer = await requester.request<WeChatFile | (T & WeChatEnvelope)>({ ...request, responseType: 'file' });
  return answer instanceof WeChatFile ? answer : unwrap(answer);
}

// ——— Types several groups share ———

/** `add` / `delete` / `set` / `get` of WeChat's domain-list endpoints. */
export type DomainAction = 'add' | 'delete' | 'set' | 'get';

/** A page of openids: `user/get` (followers), `user/tag/get` (a tag's followers), `tags/members/getblacklist`. */
export interface OpenIdPage {
  total?: number;
  count: number;
  data?: { openid: string[] };
  /** Where the next page starts; WeChat sends one even on the last page. */
  next_openid: string;
}

/**
 * Every openid of a paged list, page by page until WeChat has no more. WeChat returns a `next_openid` even on the
 * last page, so a page without `data` (or with no openids) ends the walk too.
 */
export async function* iterateOpenIds(fetchPage: (next?: string) => Promise<OpenIdPage>, first?: string): AsyncGenerator<string> {
  let next = first;
  for (;;) {
    const page = await fetchPage(next);
    const openIds = page.data?.openid ?? [];
    yield* openIds;
    if (openIds.length === 0 || !page.next_openid) return;
    next = page.next_openid;
  }
}

/** The fields every article has (news materials, drafts, mass `mpnews`). */
export interface ArticleFields {
  title: string;
  author?: string;
  digest?: string;
  content: string;
  content_source_url?: string;
  thumb_media_id: string;
  need_open_comment?: 0 | 1;
  only_fans_can_comment?: 0 | 1;
}

/** An article of a news material, a draft or a published article, as WeChat returns it. */
export interface NewsItem extends Omit<ArticleFields, 'need_open_comment' | 'only_fans_can_comment'> {
  thumb_url?: string;
  show_cover_pic?: number;
  need_open_comment?: number;
  only_fans_can_comment?: number;
  url?: string;
  [field: string]: unknown;
}

/** One item of a page of materials or drafts. */
export interface MaterialItem {
  media_id: string;
  name?: string;
  update_time: number;
  url?: string;
  content?: { news_item: NewsItem[] };
}

/** A page of materials (`material/batchget_material`) or drafts (`draft/batchget`). */
export interface MaterialPage {
  total_count: number;
  item_count: number;
  item: MaterialItem[];
}

/** `openapi/quota/get`: today's use of one API by one account (an authorizer's or the platform's). */
export interface ApiQuotaInfo {
  readonly quota: { readonly daily_limit: number; readonly used: number; readonly remain: number };
  /** The per-period limit of the API (when it has one). */
  readonly rate_limit?: { readonly call_count: number; readonly refresh_second: number };
  /** The per-period limit of the API across the platform (calls on behalf of authorizers). */
  readonly component_rate_limit?: { readonly call_count: number; readonly refresh_second: number };
}

/** `wxa/queryquota`: the platform's code-audit quota of the month (shared by its mini programs). */
export interface AuditQuotaInfo {
  readonly rest: number;
  readonly limit: number;
  readonly speedup_rest: number;
  readonly speedup_limit: number;
}
