import { found } from '../common/found.js';
import { randomDigits, randomUrlSafe } from '../common/ids.js';
import type { NewsItem } from './media-library.js';

/** A draft of the draft box. */
export interface Draft {
  readonly mediaId: string;
  articles: NewsItem[];
  updateTime: number;
}

/** A publish job and, once done, its article. */
export interface Publication {
  readonly publishId: string;
  readonly articleId: string;
  readonly msgDataId: number;
  readonly articles: Array<NewsItem & { url: string; is_deleted: boolean }>;
  readonly createTime: number;
  updateTime: number;
}

/** The draft box and the published articles of one official account (草稿箱, 发布能力). */
export class Articles {
  private readonly drafts = new Map<string, Draft>();
  private readonly publications = new Map<string, Publication>();
  private readonly byArticleId = new Map<string, Publication>();

  constructor(private readonly clock: () => number) {}

  addDraft(articles: NewsItem[]): Draft {
    const draft = { mediaId: randomUrlSafe(43), articles, updateTime: this.clock() };
    this.drafts.set(draft.mediaId, draft);
    return draft;
  }

  /** @throws WeChatError 40007 unknown draft. */
  draft(mediaId: unknown): Draft {
    return found(typeof mediaId === 'string' ? this.drafts.get(mediaId) : undefined, 40007);
  }

  deleteDraft(mediaId: unknown): void {
    this.drafts.delete(this.draft(mediaId).mediaId);
  }

  /** Drafts, newest first. */
  listDrafts(): Draft[] {
    return [...this.drafts.values()].reverse();
  }

  /** Publishes a draft: the draft leaves the box, its articles get URLs (WeChat publishes asynchronously; the sandbox at once). */
  publish(mediaId: unknown, baseUrl: string): Publication {
    const draft = this.draft(mediaId);
    this.drafts.delete(draft.mediaId);
    const now = this.clock();
    const articleId = randomUrlSafe(43);
    const publication: Publication = {
      publishId: randomDigits(10),
      articleId,
      msgDataId: Number(randomDigits(10)),
      articles: draft.articles.map((article, index) => ({ ...article, url: `${baseUrl}/s/${articleId}/${index + 1}`, is_deleted: false })),
      createTime: now,
      updateTime: now,
    };
    this.publications.set(publication.publishId, publication);
    this.byArticleId.set(articleId, publication);
    return publication;
  }

  /** @throws WeChatError 40097 unknown publish id. */
  publication(publishId: unknown): Publication {
    return found(this.publications.get(String(publishId)), 40097);
  }

  /** @throws WeChatError 40097 unknown article id. */
  article(articleId: unknown): Publication {
    return found(typeof articleId === 'string' ? this.byArticleId.get(articleId) : undefined, 40097);
  }

  /** Published article sets, newest first. */
  listPublished(): Publication[] {
    return [...this.publications.values()].reverse();
  }
}
