import { postAction, postFor, postRead, type ApiRequester } from '../../apis/common.js';
import type { PublishedArticle, PublishedPage, PublishStatus, PublishSubmitResult } from './freepublish.types.js';

/**
 * Publishing drafts (发布能力, permission set 8).
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class FreePublishApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/freepublish/submit`: publishes a draft; poll {@link FreePublishApi.get} for the outcome.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Publish/Publish.html
   */
  submit(mediaId: string): Promise<PublishSubmitResult> {
    return postFor<PublishSubmitResult>(this.requester, '/cgi-bin/freepublish/submit', { media_id: mediaId });
  }

  /**
   * `POST cgi-bin/freepublish/get`: the state of a publish job.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Publish/Get_status.html
   */
  get(publishId: string): Promise<PublishStatus> {
    return postRead<PublishStatus>(this.requester, '/cgi-bin/freepublish/get', { publish_id: publishId });
  }

  /**
   * `POST cgi-bin/freepublish/delete`: deletes a published article (`index` 1-based; 0 or omitted: all).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Publish/Delete_posts.html
   */
  delete(articleId: string, index = 0): Promise<void> {
    return postAction(this.requester, '/cgi-bin/freepublish/delete', { article_id: articleId, index });
  }

  /**
   * `POST cgi-bin/freepublish/getarticle`: the articles of a published set.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Publish/Get_article_from_id.html
   */
  async getArticle(articleId: string): Promise<PublishedArticle[]> {
    return (await postRead<{ news_item: PublishedArticle[] }>(this.requester, '/cgi-bin/freepublish/getarticle', { article_id: articleId })).news_item;
  }

  /**
   * `POST cgi-bin/freepublish/batchget`: a page (count 1–20) of published articles.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Publish/Get_publication_records.html
   */
  batchget(offset = 0, count = 20, noContent = false): Promise<PublishedPage> {
    return postRead<PublishedPage>(this.requester, '/cgi-bin/freepublish/batchget', { offset, count, no_content: noContent ? 1 : 0 });
  }
}
