/**
 * What every API group shares, whichever token it calls with (the component's or an authorizer's).
 *
 * **The envelope rule.** A group method returns WeChat's answer minus its envelope: `errcode` and `errmsg` are taken
 * off (a call that answers nothing else returns `void`). Failure never reaches a group as data: the request path
 * (`WeChatHttpClient.call`) turns `errcode` ≠ 0 into a `WeChatApiError` — with `rid`, the account the call was made
 * for, and the answer's other fields in `details` — before a group sees the answer. Field names inside an answer are
 * WeChat's own (snake_case, as documented), so WeChat's pages and the types here read the same.
 *
 * **The group rules.** One class per group, in its own file, calling WeChat only through an {@link ApiRequester}
 * (the one request path, with the token added, refreshed and retried once when WeChat rejects it); its request and
 * answer types in `<group>.types.ts` beside it; every method's TSDoc names the endpoint and links WeChat's page.
 */
import type { QueryParams, WeChatRequest } from '../http/wechat-request.js';

/** The envelope WeChat puts on every JSON answer (absent on some successful data answers). */
export interface WeChatEnvelope {
  errcode?: number;
  errmsg?: string;
}

/** An answer with its envelope taken off (see the envelope rule above). */
export type Unwrapped<T> = Omit<T, 'errcode' | 'errmsg'>;

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
  request<T>(request: ApiRequest): Promise<T>;
}

/** `answer` without `errcode`/`errmsg`. */
export function unwrap<T extends object>(answer: T): Unwrapped<T> {
  const { errcode: _errcode, errmsg: _errmsg, ...rest } = answer as T & WeChatEnvelope;
  return rest as Unwrapped<T>;
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

/** `add` / `delete` / `set` / `get` of WeChat's domain-list endpoints. */
export type DomainAction = 'add' | 'delete' | 'set' | 'get';
