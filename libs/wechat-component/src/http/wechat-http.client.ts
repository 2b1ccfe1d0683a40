import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AxiosError, type AxiosResponse, type RawAxiosRequestHeaders } from 'axios';
import type { Readable } from 'node:stream';
import { firstValueFrom } from 'rxjs';
import { TOKEN_REJECTED_CODES, WeChatApiError } from '../errors/wechat-api.error.js';
import { WeChatHttpError } from '../errors/wechat-component.errors.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import { encodeMultipart, isReplayable } from './multipart.js';
import { parseAnswer, parseFileAnswer } from './wechat-answer.js';
import type { AccessTokenSource, WeChatRequest } from './wechat-request.js';

/**
 * The one way this module calls WeChat: injects the access token, turns `errcode` ≠ 0 into {@link WeChatApiError},
 * and when WeChat rejects the token (40001/40014/42001) drops it, gets a fresh one and retries once — never more.
 * JSON and multipart (streamed uploads) bodies; JSON or file (streamed downloads) answers.
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

  private async send<T>(request: WeChatRequest, token?: string, credential?: AccessTokenSource): Promise<T> {
    const params = { ...request.query, ...(token && credential ? { [credential.queryName]: token } : {}) };
    const { data, headers } = encodeBody(request);
    const asFile = request.responseType === 'file';
    const started = Date.now();
    let response: AxiosResponse<unknown>;
    try {
      response = await firstValueFrom(
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
          timeout: this.options.http.timeoutMs,
          validateStatus: () => true,
        }),
      );
    } catch (error) {
      // Axios errors carry the full URL (with the token): keep only what is safe.
      const reason = error instanceof AxiosError ? (error.code ?? 'network error') : 'request failed';
      throw new WeChatHttpError(request.path, reason);
    }
    this.logger.debug(`${request.method} ${request.path} → ${response.status} in ${Date.now() - started} ms`);
    if (asFile) return (await parseFileAnswer<T>(request.path, response as AxiosResponse<Readable>)) as T;
    return parseAnswer<T>(request.path, response);
  }
}

function encodeBody(request: WeChatRequest): { data?: unknown; headers?: RawAxiosRequestHeaders } {
  if (!request.multipart) return { data: request.body };
  const encoded = encodeMultipart(request.multipart);
  const headers: RawAxiosRequestHeaders = { 'Content-Type': encoded.contentType };
  if (encoded.length !== undefined) headers['Content-Length'] = encoded.length;
  return { data: encoded.body, headers };
}
