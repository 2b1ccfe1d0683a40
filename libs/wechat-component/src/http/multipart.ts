import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';

/**
 * A file to upload. `content` is the bytes, a stream, or a function that opens a fresh stream: a one-shot stream
 * cannot be sent twice, so when WeChat rejects the access token the upload fails instead of being retried; bytes
 * and stream factories are re-sent after the token is refreshed.
 */
export interface UploadFile {
  readonly content: Uint8Array | Readable | (() => Readable);
  /** The file name WeChat sees (its extension decides the accepted format). */
  readonly filename: string;
  /** MIME type; guessed from the file name when omitted. */
  readonly contentType?: string;
  /** Byte length of a stream, so the request carries a Content-Length (bytes know their own length). */
  readonly size?: number;
}

/** One part of a `multipart/form-data` body: a text field or a file. */
export type MultipartField =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly file: UploadFile };

/** A multipart body ready to send. */
export interface EncodedMultipart {
  readonly body: Readable;
  readonly contentType: string;
  /** Total length when every part's length is known. */
  readonly length?: number;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.webp': 'image/webp',
  '.mp3': 'audio/mpeg',
  '.amr': 'audio/amr',
  '.wma': 'audio/x-ms-wma',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
};

/** The MIME type of a file name by its extension (`application/octet-stream` when unknown). */
export function mimeTypeOf(filename: string): string {
  return MIME_TYPES[extname(filename).toLowerCase()] ?? 'application/octet-stream';
}

/** An {@link UploadFile} reading `path` (re-opened for a retry, with its size for Content-Length). */
export async function uploadFromPath(path: string, options: { filename?: string; contentType?: string } = {}): Promise<UploadFile> {
  const { size } = await stat(path);
  const filename = options.filename ?? basename(path);
  return { content: () => createReadStream(path), filename, contentType: options.contentType ?? mimeTypeOf(filename), size };
}

/** True when every file can be sent again (bytes or a stream factory), so the request can be retried. */
export function isReplayable(fields: readonly MultipartField[]): boolean {
  return fields.every((field) => !('file' in field) || !(field.file.content instanceof Readable));
}

function quoted(text: string): string {
  return `"${text.replace(/[\r\n"\\]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ' '))}"`;
}

function partHeader(boundary: string, field: MultipartField): Buffer {
  const lines = [`--${boundary}`];
  if ('file' in field) {
    lines.push(`Content-Disposition: form-data; name=${quoted(field.name)}; filename=${quoted(field.file.filename)}`);
    lines.push(`Content-Type: ${field.file.contentType ?? mimeTypeOf(field.file.filename)}`);
  } else {
    lines.push(`Content-Disposition: form-data; name=${quoted(field.name)}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8');
}

function contentOf(file: UploadFile): { chunks: AsyncIterable<Uint8Array> | Uint8Array; size?: number } {
  const { content } = file;
  if (content instanceof Uint8Array) return { chunks: content, size: content.byteLength };
  return { chunks: typeof content === 'function' ? content() : content, ...(file.size === undefined ? {} : { size: file.size }) };
}

/** Encodes `fields` as a streamed `multipart/form-data` body (files are piped, never buffered). */
export function encodeMultipart(fields: readonly MultipartField[]): EncodedMultipart {
  const boundary = `----WeChatComponent${randomBytes(12).toString('hex')}`;
  const parts = fields.map((field) => {
    const header = partHeader(boundary, field);
    const payload = 'file' in field ? contentOf(field.file) : { chunks: Buffer.from(field.value, 'utf8'), size: Buffer.byteLength(field.value) };
    return { header, payload };
  });
  const closing = Buffer.from(`--${boundary}--\r\n`, 'utf8');
  const known = parts.every((part) => part.payload.size !== undefined);
  const length = known
    ? parts.reduce((sum, part) => sum + part.header.length + part.payload.size! + 2, closing.length)
    : undefined;
  async function* generate(): AsyncGenerator<Uint8Array> {
    for (const { header, payload } of parts) {
      yield header;
      if (payload.chunks instanceof Uint8Array) yield payload.chunks;
      else for await (const chunk of payload.chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      yield Buffer.from('\r\n');
    }
    yield closing;
  }
  return {
    body: Readable.from(generate(), { objectMode: false }),
    contentType: `multipart/form-data; boundary=${boundary}`,
    ...(length === undefined ? {} : { length }),
  };
}
