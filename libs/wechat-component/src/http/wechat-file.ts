import type { Readable } from 'node:stream';

/**
 * A file WeChat answered with (a temporary medium, a permanent material, a QR code …): its bytes as a stream, read
 * once, or all at once with {@link WeChatFile.toBuffer}. The connection stays open until the stream is read to its
 * end: read it, pipe it, or `stream.destroy()` it.
 */
export class WeChatFile {
  constructor(
    /** The response body; consume it (or call `toBuffer()`) exactly once. */
    readonly stream: Readable,
    /** `Content-Type` of the answer, e.g. `image/jpeg`. */
    readonly contentType: string,
    /** The file name of `Content-Disposition`, when WeChat names one. */
    readonly filename?: string,
    /** `Content-Length`, when sent. */
    readonly size?: number,
  ) {}

  /** Reads the whole file into memory. */
  async toBuffer(): Promise<Buffer> {
    return readAll(this.stream);
  }
}

/** Reads a stream to its end. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The file name of a `Content-Disposition` header (`filename*=UTF-8''…` or `filename="…"`). */
export function filenameOf(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      return extended[1]!.trim();
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(disposition);
  return plain ? (plain[1] ?? plain[2]) : undefined;
}
