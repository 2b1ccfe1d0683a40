import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AxiosError, type AxiosResponse, type RawAxiosRequestHeaders } from 'axios';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { firstValueFrom } from 'rxjs';
import { TOKEN_REJECTED_CODES, WeChatApiError } from '../errors/wechat-api.error.js';
import { WeChatComponentError, WeChatHttpError } from '../errors/wechat-component.errors.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { encodeMultipart, isReplayable } from './multipart.js';
import { retryDelayMs, transientReason } from './retry-policy.js';
import { parseAnswer, parseFileAnswer } from './wechat-answer.js';
import { isIdempotent, type AccessTokenSource, type QueryParams, type WeChatRequest } from './wechat-request.js';

/**
 * The one way this module calls WeChat: injects the access token, turns `errcode` ≠ 0 into {@link WeChatApiError},
 * and when WeChat rejects the token (40001/40014/42001) drops it, gets a fresh one and retries once — never more.
 * Every attempt has a total deadline (`http.timeoutMs`, an abort timer — not axios's idle timeout); transient
 * failures of idempotent calls are retried with jittered exponential backoff, all attempts within
 * `http.callBudgetMs`. JSON and multipart (streamed uploads) bodies; JSON or file (streamed downloads) answers.
 */
@Injectable()
export class WeChatHttpClient {
  private readonly logger = new Logger('WeChatHttpClient');

  constructor(
    private readonly http: HttpService,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  /**
   * Sends `request` and returns WeChat's answer: its JSON, or — for `responseType: 'file'` — a `WeChatFile` when
   * WeChat sends a file (then `T` names the JSON it may send instead).
   */
  async call<T>(request: WeChatRequest): Promise<T> {
    const { credential } = request;
    if (!credential) return this.send<T>(request, undefined);
    const token = await credential.getToken();
    try {
      return await this.send<T>(request, token, credential);
    } catch (error) {
      if (!(error instanceof WeChatApiError) || !TOKEN_REJECTED_CODES.has(error.errcode)) throw error;
      await credential.invalidate(token);
      if (request.multipart && !isReplayable(request.multipart)) {
        this.logger.warn(`${request.path}: access token rejected (${error.errcode}); a one-shot upload stream cannot be resent`);
        throw error;
      }
      this.logger.warn(`${request.path}: access token rejected (${error.errcode}); refreshing and retrying once`);
      return this.send<T>(request, await credential.getToken(), credential);
    }
  }

  /**
   * Sends `request` with `token`, retrying transient failures when it is idempotent. All attempts and waits stay
   * within `http.callBudgetMs` (a non-idempotent call: within `http.timeoutMs`).
   */
  private async send<T>(request: WeChatRequest, token?: string, credential?: AccessTokenSource): Promise<T> {
    const params = { ...request.query, ...(token && credential ? { [credential.queryName]: token } : {}) };
    const { timeoutMs, retries, retryBaseDelayMs, callBudgetMs } = this.options.http;
    // A one-shot upload stream cannot be sent twice, whatever the flag says.
    const retryable = isIdempotent(request) && !(request.multipart && !isReplayable(request.multipart));
    const started = performance.now();
    const deadline = started + (retryable ? callBudgetMs : timeoutMs);
    for (let retry = 0; ; retry++) {
      try {
        return await this.attempt<T>(request, params, Math.max(1, Math.min(timeoutMs, deadline - performance.now())));
      } catch (error) {
        const reason = transientReason(error);
        if (!retryable || reason === undefined || retry >= retries) throw error;
        const delayMs = retryDelayMs(retry + 1, retryBaseDelayMs);
        // Only with the budget policy computes; timer slack must not push the call past its bound.
        if (performance.now() + delayMs >= deadline) throw error;
        this.logger.warn(`${request.method} ${request.path}: ${reason}; retry ${retry + 1} of ${retries} in ${delayMs} ms`);
        await sleep(delayMs);
      }
    }
  }

  /**
   * One exchange, aborted `deadlineMs` after it starts. The abort timer covers connecting, the headers and the whole
   * JSON body; for file answers, until the answer is classified (a JSON error is read whole, a file is handed over
   * unread — its stream is the caller's, and no longer under the deadline).
   */
  private async attempt<T>(request: WeChatRequest, params: QueryParams, deadlineMs: number): Promise<T> {
    const { data, headers } = encodeBody(request);
    const asFile = request.responseType === 'file';
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), deadlineMs);
    const started = Date.now();
    try {
      const response = await firstValueFrom(
        this.http.request<unknown>({
          method: request.method,
          baseURL: request.baseUrl ?? this.options.apiBaseUrl,
          url: request.path,
          params,
          data,
          headers,
          responseType: asFile ? 'stream' : 'json',
          // WeChat never redirects; without redirects axios streams an upload instead of buffering it for a replay.
          ...(request.multipart ? { maxRedirects: 0 } : {}),
          // The abort signal is the deadline; axios's `timeout` is only an idle timeout of the socket.
          signal: abort.signal,
          timeout: 0,
          validateStatus: () => true,
        }),
      );
      this.logger.debug(`${request.method} ${request.path} → ${response.status} in ${Date.now() - started} ms`);
      if (asFile) return (await parseFileAnswer<T>(request.path, response as AxiosResponse<Readable>, request.appId)) as T;
      return parseAnswer<T>(request.path, response, request.appId);
    } catch (error) {
      if (error instanceof WeChatComponentError) throw error;
      if (abort.signal.aborted) {
        throw new WeChatHttpError(request.path, 'deadline', { transient: true, detail: `no complete answer within ${Math.round(deadlineMs)} ms` });
      }
      throw networkError(request.path, error);
    } finally {
      clearTimeout(timer);
    }
  }
}

function encodeBody(request: WeChatRequest): { data?: unknown; headers?: RawAxiosRequestHeaders } {
  if (!request.multipart) return { data: request.body };
  const encoded = encodeMultipart(request.multipart);
  const headers: RawAxiosRequestHeaders = { 'Content-Type': encoded.contentType };
  if (encoded.length !== undefined) headers['Content-Length'] = encoded.length;
  return { data: encoded.body, headers };
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const TEMPORARY_NETWORK_CODES = new Set(['ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

/** A failure below HTTP as a {@link WeChatHttpError}. Axios errors carry the full URL (with the token): keep only the code. */
function networkError(path: string, error: unknown): WeChatHttpError {
  const code = error instanceof AxiosError ? error.code : (error as { code?: unknown } | null)?.code;
  const detail = typeof code === 'string' ? code : undefined;
  const details = (transient: boolean) => ({ transient, ...(detail ? { detail } : {}) });
  // The answer's body stopped short (the connection closed or was reset mid-answer).
  if ((code !== undefined && RESET_CODES.has(String(code))) || (error instanceof AxiosError && error.message === 'stream has been aborted')) {
    return new WeChatHttpError(path, 'reset', details(true));
  }
  if (code === 'ECONNREFUSED') return new WeChatHttpError(path, 'refused', details(true));
  return new WeChatHttpError(path, 'network', details(code !== undefined && TEMPORARY_NETWORK_CODES.has(String(code))));
}
