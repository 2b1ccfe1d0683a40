import { extname } from 'node:path';
import { WeChatError } from '../common/errors.js';
import type { UploadedFile } from '../http/multipart-form.js';

/** Media types of uploads. */
export type UploadType = 'image' | 'voice' | 'video' | 'thumb';

const MB = 1_048_576;

/** WeChat's accepted formats and sizes per type (临时素材 / 永久素材). */
const RULES: Readonly<Record<UploadType, { extensions: readonly string[]; maxBytes: number }>> = {
  image: { extensions: ['bmp', 'png', 'jpeg', 'jpg', 'gif'], maxBytes: 10 * MB },
  voice: { extensions: ['mp3', 'wma', 'wav', 'amr'], maxBytes: 2 * MB },
  video: { extensions: ['mp4'], maxBytes: 10 * MB },
  thumb: { extensions: ['jpg', 'jpeg'], maxBytes: 64 * 1024 },
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  bmp: 'image/bmp',
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  mp3: 'audio/mpeg',
  wma: 'audio/x-ms-wma',
  wav: 'audio/wav',
  amr: 'audio/amr',
  mp4: 'video/mp4',
  txt: 'text/plain',
};

/** The lower-case extension of a file name, without the dot. */
export const extensionOf = (filename: string): string => extname(filename).slice(1).toLowerCase();

/** The content type WeChat serves a stored file with (by its extension). */
export const contentTypeOf = (filename: string): string => CONTENT_TYPES[extensionOf(filename)] ?? 'application/octet-stream';

/** The upload type named by `?type=`. @throws WeChatError 40004. */
export function uploadType(value: unknown): UploadType {
  if (value === 'image' || value === 'voice' || value === 'video' || value === 'thumb') return value;
  throw new WeChatError(40004);
}

/** Checks a file against the rules of its type. @throws WeChatError 40005 format, 40006 size. */
export function checkUpload(type: UploadType, file: UploadedFile): void {
  checkFile(file, RULES[type].extensions, RULES[type].maxBytes);
}

/** Checks a file's format and size. @throws WeChatError 40005 format, 40006 size. */
export function checkFile(file: UploadedFile, extensions: readonly string[], maxBytes: number): void {
  if (!extensions.includes(extensionOf(file.filename))) throw new WeChatError(40005);
  if (file.bytes.length > maxBytes) throw new WeChatError(40006);
}
