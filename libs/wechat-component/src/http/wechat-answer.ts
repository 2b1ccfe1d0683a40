import type { AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import { WeChatApiError } from '../errors/wechat-api.error.js';
import { WeChatHttpError } from '../errors/wechat-component.errors.js';
import { filenameOf, readAll, WeChatFile } from './wechat-file.js';

/** A status other than 2xx; 5xx (a gateway in front of WeChat, WeChat down) is worth another try. */
function statusError(path: string, status: number): WeChatHttpError {
  return new WeChatHttpError(path, `http ${status}`, { status, transient: status >= 500 });
}

/**
 * WeChat's JSON answer: `errcode` ≠ 0 becomes a {@link WeChatApiError} (naming `appId`, the account the call was
 * made for); anything else is returned as is.
 */
export function parseAnswer<T>(path: string, response: AxiosResponse<unknown>, appId?: string): T {
  if (response.status < 200 || response.status >= 300) {
    throw statusError(path, response.status);
  }
  return checkErrcode<T>(path, response.data, response.status, appId);
}

function checkErrcode<T>(path: string, data: unknown, status: number, appId: string | undefined): T {
  if (data === null || typeof data !== 'object') throw new WeChatHttpError(path, 'not json', { status, transient: false });
  const { errcode, errmsg, ...details } = data as { errcode?: unknown; errmsg?: unknown };
  // WeChat sometimes renders errcode as a string ("40029").
  const code = errcode === undefined ? 0 : Number(errcode);
  if (code !== 0) throw new WeChatApiError(code, typeof errmsg === 'string' ? errmsg : '', path, { ...(appId === undefined ? {} : { appId }), details });
  return data as T;
}

// Errors (and the few data answers, such as a video's `down_url`) come as JSON, often labelled text/plain.
const JSON_TYPES = /^(application\/json|text\/plain|text\/json|application\/javascript)/i;

/**
 * An answer that is a file when things go well: binary content becomes a {@link WeChatFile}; a JSON body is
 * checked like any other answer (errcode → error) and returned parsed.
 */
export async function parseFileAnswer<T>(path: string, response: AxiosResponse<Readable>, appId?: string): Promise<WeChatFile | T> {
  const contentType = String(response.headers['content-type'] ?? '');
  if (response.status < 200 || response.status >= 300) {
    response.data.resume();
    throw statusError(path, response.status);
  }
  if (!JSON_TYPES.test(contentType)) {
    const length = Number(response.headers['content-length']);
    const disposition = response.headers['content-disposition'] as string | undefined;
    return new WeChatFile(response.data, contentType || 'application/octet-stream', filenameOf(disposition), Number.isFinite(length) ? length : undefined);
  }
  const text = (await readAll(response.data)).toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new WeChatHttpError(path, 'not json', { status: response.status, transient: false });
  }
  return checkErrcode<T>(path, data, response.status, appId);
}
