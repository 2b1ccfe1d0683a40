import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AxiosError, type AxiosResponse } from 'axios';
import { firstValueFrom } from 'rxjs';
import { TOKEN_REJECTED_CODES, WeChatApiError } from '../errors/wechat-api.error.js';
import { WeChatHttpError } from '../errors/wechat-component.errors.js';
import { RESOLVED_OPTIONS } from '../options/option-tokens.js';
import type { ResolvedOptions } from '../options/resolved-options.js';
import type { AccessTokenSource, WeChatRequest } from './wechat-request.js';

/**
 * The one way this module calls WeChat: injects the access token, turns `errcode` ≠ 0 into {@link WeChatApiError},
 * and when WeChat rejects the token (40001/40014/42001) drops it, gets a fresh one and retries once — never more.
 */
@Injectable()
export class WeChatHttpClient {
  private readonly logger = new Logger('WeChatHttpClient');

  constructor(
    private readonly http: HttpService,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  /** Sends `request` and returns WeChat's JSON answer. */
  async call<T>(request: WeChatRequest): Promise<T> {
    const { credential } = request;
    if (!credential) return this.send<T>(request, undefined);
    const token = await credential.getToken();
    try {
      return await this.send<T>(request, token, credential);
    } catch (error) {
      if (!(error instanceof WeChatApiError) || !TOKEN_REJECTED_CODES.has(error.errcode)) throw error;
      this.logger.warn(`${request.path}: access token rejected (${error.errcode}); refreshing and retrying once`);
      await credential.invalidate(token);
      return this.send<T>(request, await credential.getToken(), credential);
    }
  }

  private async send<T>(request: WeChatRequest, token?: string, credential?: AccessTokenSource): Promise<T> {
    const params = { ...request.query, ...(token && credential ? { [credential.queryName]: token } : {}) };
    const started = Date.now();
    let response: AxiosResponse<unknown>;
    try {
      response = await firstValueFrom(
        this.http.request<unknown>({
          method: request.method,
          baseURL: this.options.apiBaseUrl,
          url: request.path,
          params,
          data: request.body,
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
    return parseAnswer<T>(request.path, response);
  }
}

function parseAnswer<T>(path: string, response: AxiosResponse<unknown>): T {
  if (response.status < 200 || response.status >= 300) {
    throw new WeChatHttpError(path, `HTTP ${response.status}`, response.status);
  }
  const data = response.data;
  if (data === null || typeof data !== 'object') throw new WeChatHttpError(path, 'answer is not JSON', response.status);
  const { errcode, errmsg } = data as { errcode?: unknown; errmsg?: unknown };
  // WeChat sometimes renders errcode as a string ("40029").
  const code = errcode === undefined ? 0 : Number(errcode);
  if (code !== 0) throw new WeChatApiError(code, typeof errmsg === 'string' ? errmsg : '', path);
  return data as T;
}
