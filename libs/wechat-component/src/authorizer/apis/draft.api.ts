import { getFor, postAction, postFor, postRead, type ApiRequester, type MaterialPage, type NewsItem } from '../../apis/common.js';
import type { DraftArticle } from './draft.types.js';

/**
 * The draft box (草稿箱, permission set 8): articles written before they are published (`freepublish`) or sent
 * (`message.mass`).
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class DraftApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/draft/add`: a new draft of 1–8 articles; returns its media id.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Add_draft.html
   */
  async add(articles: readonly DraftArticle[]): Promise<string> {
    return (await postFor<{ media_id: string }>(this.requester, '/cgi-bin/draft/add', { articles: [...articles] })).media_id;
  }

  /**
   * `POST cgi-bin/draft/get`: the draft's articles.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Get_draft.html
   */
  async get(mediaId: string): Promise<NewsItem[]> {
    return (await postRead<{ news_item: NewsItem[] }>(this.requester, '/cgi-bin/draft/get', { media_id: mediaId })).news_item;
  }

  /**
   * `POST cgi-bin/draft/delete`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Delete_draft.html
   */
  delete(mediaId: string): Promise<void> {
    return postAction(this.requester, '/cgi-bin/draft/delete', { media_id: mediaId });
  }

  /**
   * `POST cgi-bin/draft/update`: replaces the article at `index` (0-based).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Update_draft.html
   */
  update(mediaId: string, index: number, article: DraftArticle): Promise<void> {
    return postAction(this.requester, '/cgi-bin/draft/update', { media_id: mediaId, index, articles: article });
  }

  /**
   * `GET cgi-bin/draft/count`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Count_drafts.html
   */
  async count(): Promise<number> {
    return (await getFor<{ total_count: number }>(this.requester, '/cgi-bin/draft/count')).total_count;
  }

  /**
   * `POST cgi-bin/draft/batchget`: a page (count 1–20); `noContent` leaves out the article bodies.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Draft_Box/Get_draft_list.html
   */
  batchget(offset = 0, count = 20, noContent = false): Promise<MaterialPage> {
    return postRead<MaterialPage>(this.requester, '/cgi-bin/draft/batchget', { offset, count, no_content: noContent ? 1 : 0 });
  }
}
