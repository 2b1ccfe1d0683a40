import { createHash } from 'node:crypto';
import { getAction, getFor, postAction, postRead, uploadFor, type ApiRequester } from '../../apis/common.js';
import type { UploadFile } from '../../http/multipart.js';
import type { KfAccount, KfRecordPage, KfSession, KfWaitCases, OnlineKfAccount } from './customservice.types.js';

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
const seconds = (time: number | Date): number => (time instanceof Date ? Math.floor(time.getTime() / 1000) : Math.floor(time));

/**
 * Customer service of an official account (客服帐号管理, 会话控制, 聊天记录, permission set 1); its messages are
 * `message.custom`.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class CustomServiceApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST customservice/kfaccount/add`: `account` is `prefix@account-id`; the password, if any, is sent as MD5.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html
   */
  addAccount(account: string, nickname: string, password?: string): Promise<void> {
    return postAction(this.requester, '/customservice/kfaccount/add', { kf_account: account, nickname, ...(password ? { password: md5(password) } : {}) });
  }

  /**
   * `POST customservice/kfaccount/update`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html
   */
  updateAccount(account: string, nickname: string, password?: string): Promise<void> {
    return postAction(this.requester, '/customservice/kfaccount/update', { kf_account: account, nickname, ...(password ? { password: md5(password) } : {}) });
  }

  /**
   * `GET customservice/kfaccount/del` (a GET that acts: sent once).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html
   */
  deleteAccount(account: string): Promise<void> {
    return getAction(this.requester, '/customservice/kfaccount/del', { kf_account: account });
  }

  /**
   * `POST customservice/kfaccount/inviteworker`: invites a WeChat user to operate the account.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html
   */
  inviteWorker(account: string, wechatId: string): Promise<void> {
    return postAction(this.requester, '/customservice/kfaccount/inviteworker', { kf_account: account, invite_wx: wechatId });
  }

  /**
   * `POST customservice/kfaccount/uploadheadimg`: the account's avatar (form field `media`).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html
   */
  async uploadHeadimg(account: string, file: UploadFile): Promise<void> {
    await uploadFor(this.requester, '/customservice/kfaccount/uploadheadimg', [{ name: 'media', file }], { kf_account: account });
  }

  /**
   * `GET cgi-bin/customservice/getkflist`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html
   */
  async getAccounts(): Promise<KfAccount[]> {
    return (await getFor<{ kf_list: KfAccount[] }>(this.requester, '/cgi-bin/customservice/getkflist')).kf_list;
  }

  /**
   * `GET cgi-bin/customservice/getonlinekflist`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Customer_Service_Management.html
   */
  async getOnlineAccounts(): Promise<OnlineKfAccount[]> {
    return (await getFor<{ kf_online_list: OnlineKfAccount[] }>(this.requester, '/cgi-bin/customservice/getonlinekflist')).kf_online_list;
  }

  /**
   * `POST customservice/kfsession/create`: hands a user to an account.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Session_control.html
   */
  createSession(openId: string, account: string): Promise<void> {
    return postAction(this.requester, '/customservice/kfsession/create', { kf_account: account, openid: openId });
  }

  /**
   * `POST customservice/kfsession/close`.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Session_control.html
   */
  closeSession(openId: string, account: string): Promise<void> {
    return postAction(this.requester, '/customservice/kfsession/close', { kf_account: account, openid: openId });
  }

  /**
   * `GET customservice/kfsession/getsession`: a user's session.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Session_control.html
   */
  getSession(openId: string): Promise<KfSession> {
    return getFor<KfSession>(this.requester, '/customservice/kfsession/getsession', { openid: openId });
  }

  /**
   * `GET customservice/kfsession/getsessionlist`: an account's sessions.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Session_control.html
   */
  async getSessionList(account: string): Promise<Array<{ openid: string; createtime: number }>> {
    const answer = await getFor<{ sessionlist: Array<{ openid: string; createtime: number }> }>(this.requester, '/customservice/kfsession/getsessionlist', { kf_account: account });
    return answer.sessionlist;
  }

  /**
   * `GET customservice/kfsession/getwaitcase`: users waiting for an account.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Session_control.html
   */
  getWaitCase(): Promise<KfWaitCases> {
    return getFor<KfWaitCases>(this.requester, '/customservice/kfsession/getwaitcase');
  }

  /**
   * `POST customservice/msgrecord/getmsglist`: message records within one day, from `msgId` (1 first).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Obtain_chat_transcript.html
   */
  getRecords(startTime: number | Date, endTime: number | Date, msgId = 1, number = 10000): Promise<KfRecordPage> {
    return postRead<KfRecordPage>(this.requester, '/customservice/msgrecord/getmsglist', { starttime: seconds(startTime), endtime: seconds(endTime), msgid: msgId, number });
  }
}
