import { randomUrlSafe } from '../common/ids.js';

/** Bytes the sandbox keeps (uploads), answered by `media/get`, `get_material` and the file URLs it hands out. */
export interface StoredFile {
  readonly id: string;
  readonly appId: string;
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly filename: string;
  readonly createdAt: number;
  /** ms; undefined: kept until evicted. */
  readonly expiresAt?: number;
}

/**
 * Every uploaded file, bounded in total size (the oldest go first, as a CDN would lose them): a sandbox that runs
 * for days must not grow without limit.
 */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  private total = 0;

  constructor(
    private readonly clock: () => number,
    private readonly maxBytes = 64 * 1_048_576,
  ) {}

  put(appId: string, file: { bytes: Buffer; contentType: string; filename: string }, ttlSeconds?: number): StoredFile {
    const now = this.clock();
    const stored: StoredFile = {
      id: randomUrlSafe(64),
      appId,
      bytes: file.bytes,
      contentType: file.contentType,
      filename: file.filename,
      createdAt: now,
      ...(ttlSeconds === undefined ? {} : { expiresAt: now + ttlSeconds * 1000 }),
    };
    this.files.set(stored.id, stored);
    this.total += stored.bytes.length;
    for (const [id, old] of this.files) {
      if (this.total <= this.maxBytes || id === stored.id) break;
      this.delete(old.id);
    }
    return stored;
  }

  /** The file, if still there and not expired. */
  get(id: string): StoredFile | undefined {
    const file = this.files.get(id);
    if (file?.expiresAt !== undefined && file.expiresAt <= this.clock()) {
      this.delete(id);
      return undefined;
    }
    return file;
  }

  delete(id: string): void {
    const file = this.files.get(id);
    if (!file) return;
    this.files.delete(id);
    this.total -= file.bytes.length;
  }

  /** Where the sandbox serves a file (its stand-in for mmbiz.qpic.cn). */
  url(baseUrl: string, id: string): string {
    return `${baseUrl}/mmbiz_file/${id}/0`;
  }
}
