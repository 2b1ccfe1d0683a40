import { postAction, postFor, postRead, type ApiRequester } from '../../apis/common.js';
import type { MassMessage, MassOptions, MassPreviewTarget, MassSendResult, MassStatus, MassTarget } from './message.types.js';

function massBody(message: MassMessage, options: MassOptions): Record<string, unknown> {
  return {
    ...message,
    send_ignore_reprint: options.sendIgnoreReprint ?? 0,
    ...(options.clientMsgId === undefined ? {} : { clientmsgid: options.clientMsgId }),
  };
}

/**
 * Mass messages of an official account (群发, permission set 7): to everyone, a tag's followers or a list of openids;
 * previews, status, deletion. Reached as `client.message.mass`; the sandbox's `mass-message.controller.ts`.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class MassMessageApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST cgi-bin/message/mass/sendall` to everyone or a tag, `POST cgi-bin/message/mass/send` to a list of openids.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  sendMass(target: MassTarget, message: MassMessage, options: MassOptions = {}): Promise<MassSendResult> {
    const body = massBody(message, options);
    if ('openIds' in target) return postFor<MassSendResult>(this.requester, '/cgi-bin/message/mass/send', { touser: [...target.openIds], ...body });
    const filter = 'toAll' in target ? { is_to_all: true } : { is_to_all: false, tag_id: target.tagId };
    return postFor<MassSendResult>(this.requester, '/cgi-bin/message/mass/sendall', { filter, ...body });
  }

  /**
   * `text` to many (`POST cgi-bin/message/mass/sendall` or `send`, as {@link MassMessageApi.sendMass}).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  sendMassText(content: string, target: MassTarget, options?: MassOptions): Promise<MassSendResult> {
    return this.sendMass(target, { msgtype: 'text', text: { content } }, options);
  }

  /**
   * `image` to many (`POST cgi-bin/message/mass/sendall` or `send`, as {@link MassMessageApi.sendMass}).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  sendMassImage(mediaId: string, target: MassTarget, options?: MassOptions): Promise<MassSendResult> {
    return this.sendMass(target, { msgtype: 'image', image: { media_id: mediaId } }, options);
  }

  /**
   * `voice` to many (`POST cgi-bin/message/mass/sendall` or `send`, as {@link MassMessageApi.sendMass}).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  sendMassVoice(mediaId: string, target: MassTarget, options?: MassOptions): Promise<MassSendResult> {
    return this.sendMass(target, { msgtype: 'voice', voice: { media_id: mediaId } }, options);
  }

  /**
   * `mpvideo` to many, a media id from `media.uploadVideo` (`POST cgi-bin/message/mass/sendall` or `send`, as
   * {@link MassMessageApi.sendMass}).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  sendMassVideo(mediaId: string, target: MassTarget, video: { title?: string; description?: string } = {}, options?: MassOptions): Promise<MassSendResult> {
    return this.sendMass(target, { msgtype: 'mpvideo', mpvideo: { media_id: mediaId, ...video } }, options);
  }

  /**
   * `mpnews` to many, articles from `media.uploadArticles` or a draft (`POST cgi-bin/message/mass/sendall` or
   * `send`, as {@link MassMessageApi.sendMass}).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  sendMassArticle(mediaId: string, target: MassTarget, options?: MassOptions): Promise<MassSendResult> {
    return this.sendMass(target, { msgtype: 'mpnews', mpnews: { media_id: mediaId } }, options);
  }

  /**
   * `wxcard` to many (`POST cgi-bin/message/mass/sendall` or `send`, as {@link MassMessageApi.sendMass}).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  sendMassCard(cardId: string, target: MassTarget, options?: MassOptions): Promise<MassSendResult> {
    return this.sendMass(target, { msgtype: 'wxcard', wxcard: { card_id: cardId } }, options);
  }

  /**
   * `POST cgi-bin/message/mass/preview`: sends a mass message to one follower only; returns its `msg_id`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  async previewMass(target: MassPreviewTarget, message: MassMessage): Promise<number> {
    const to = 'openId' in target ? { touser: target.openId } : { towxname: target.wxName };
    return (await postFor<{ msg_id: number }>(this.requester, '/cgi-bin/message/mass/preview', { ...to, ...message })).msg_id;
  }

  /**
   * `POST cgi-bin/message/mass/delete`: deletes a sent mass message (`articleIdx` 1-based; 0 or omitted: all).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  deleteMass(msgId: number, articleIdx?: number): Promise<void> {
    return postAction(this.requester, '/cgi-bin/message/mass/delete', { msg_id: msgId, ...(articleIdx === undefined ? {} : { article_idx: articleIdx }) });
  }

  /**
   * `POST cgi-bin/message/mass/get`: the status of a mass message.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  getMass(msgId: number): Promise<MassStatus> {
    return postRead<MassStatus>(this.requester, '/cgi-bin/message/mass/get', { msg_id: msgId });
  }
}
