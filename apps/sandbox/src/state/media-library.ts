import { WeChatError } from '../common/errors.js';
import { found } from '../common/found.js';
import type { StoredFile } from './file-store.js';
import type { UploadType } from './media-rules.js';

/** An article of news media, drafts and published articles (WeChat's `news_item`). */
export type NewsItem = Record<string, unknown> & { title: string; content: string; thumb_media_id?: string };

/** A temporary medium or a permanent material of an account. */
export interface MediaEntry {
  readonly mediaId: string;
  readonly type: UploadType | 'news';
  readonly file?: StoredFile;
  readonly createdAt: number;
  updateTime: number;
  /** Temporary media expire after 3 days. */
  readonly expiresAt?: number;
  /** Videos: title and introduction. */
  readonly title?: string;
  readonly introduction?: string;
  /** `news`: the articles. */
  readonly articles?: NewsItem[];
  /** Permanent images: the URL handed out. */
  readonly url?: string;
}

/** WeChat keeps temporary media 3 days. */
export const TEMPORARY_SECONDS = 3 * 86_400;

/** The temporary media and permanent materials of one official account. */
export class MediaLibrary {
  private readonly temporary = new Map<string, MediaEntry>();
  private readonly permanent = new Map<string, MediaEntry>();

  constructor(private readonly clock: () => number) {}

  addTemporary(entry: Omit<MediaEntry, 'createdAt' | 'updateTime' | 'expiresAt'>): MediaEntry {
    const now = this.clock();
    const stored = { ...entry, createdAt: now, updateTime: now, expiresAt: now + TEMPORARY_SECONDS * 1000 };
    this.temporary.set(stored.mediaId, stored);
    return stored;
  }

  addPermanent(entry: Omit<MediaEntry, 'createdAt' | 'updateTime' | 'expiresAt'>): MediaEntry {
    const now = this.clock();
    const stored = { ...entry, createdAt: now, updateTime: now };
    this.permanent.set(stored.mediaId, stored);
    return stored;
  }

  /** A temporary medium. @throws WeChatError 40007 unknown or expired. */
  temporaryMedia(mediaId: unknown): MediaEntry {
    const entry = typeof mediaId === 'string' ? this.temporary.get(mediaId) : undefined;
    if (!entry || (entry.expiresAt !== undefined && entry.expiresAt <= this.clock()) || (entry.file && entry.file.bytes.length === 0)) {
      throw new WeChatError(40007);
    }
    return entry;
  }

  /** A permanent material. @throws WeChatError 40007. */
  material(mediaId: unknown): MediaEntry {
    return found(typeof mediaId === 'string' ? this.permanent.get(mediaId) : undefined, 40007);
  }

  /** A medium usable in a message: temporary or permanent. @throws WeChatError 40007. */
  anyMedia(mediaId: unknown): MediaEntry {
    if (typeof mediaId === 'string' && this.permanent.has(mediaId)) return this.permanent.get(mediaId)!;
    return this.temporaryMedia(mediaId);
  }

  deleteMaterial(mediaId: unknown): MediaEntry {
    const entry = this.material(mediaId);
    this.permanent.delete(entry.mediaId);
    return entry;
  }

  counts(): { voice_count: number; video_count: number; image_count: number; news_count: number } {
    const count = (type: string): number => [...this.permanent.values()].filter((entry) => entry.type === type).length;
    return { voice_count: count('voice'), video_count: count('video'), image_count: count('image'), news_count: count('news') };
  }

  /** Permanent materials of a type, newest first. */
  materials(type: string): MediaEntry[] {
    return [...this.permanent.values()].filter((entry) => entry.type === type).reverse();
  }
}
