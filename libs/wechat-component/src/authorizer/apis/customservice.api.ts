import { createHash } from 'node:crypto';
import type { WeChatAck } from '../../component/component-api.types.js';
import type { UploadFile } from '../../http/multipart.js';
import type { AuthorizerRequester } from '../authorizer-requester.js';

/** A customer-service account (`customservice/getkflist`). */
export interface KfAccount {
  kf_account: string;
  kf_nick: string;
  kf_id: string;
  kf_headimgurl: string;
  kf_wx?: string;
  invite_wx?: string;
  invite_expire_time?: number;
  invite_status?: string;
}

/** An online customer-service account (`customservice/getonlinekflist`). */
export interface OnlineKfAccount {
  kf_account: string;
  /** 1 online on the web client. */
  status: number;
  kf_id: string;
  accepted_case: number;
}

/** `kfsession/getsession`. */
export interface KfSession {
  /** Empty when the user is waiting. */
  kf_account: string;
  createtime: number;
}

/** `kfsession/getwaitcase`. */
export interface KfWaitCases {
  count: number;
  waitcaselist: Array<{ latest_time: number; openid: string }>;
}

/** One record of `msgrecord/getmsglist`. */
export interface KfRecord {
  openid: string;
  /** 2001 user's message, 2002 account's message, 1000 creation of a session … */
  opercode: number;
  text: string;
  time: number;
  worker: string;
}

/** `msgrecord/getmsglist`. */
export interface KfRecordPage {
  recordlist: KfRecord[];
  number: number;
  msgid: number;
}

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
const seconds = (time: number | Date): number => (time instanceof Date ? Math.floor(time.getTime() / 1000) : Math.floor(time));

/** Customer service (客服帐号管理, 会话控制, 聊天记录). */
export class CustomServiceApi {
  constructor(private readonly requester: AuthorizerRequester) {}

  /** `POST customservice/kfaccount/add`: `account` is `prefix@account-id`; the password, if any, is sent as MD5. */
  addAccount(account: string, nickname: string, password?: string): Promise<WeChatAck> {
    return this.requester.post('/customservice/kfaccount/add', { kf_account: account, nickname, ...(password ? { password: md5(password) } : {}) });
  }

  /** `POST customservice/kfaccount/update`. */
  updateAccount(account: string, nickname: string, password?: string): Promise<WeChatAck> {
    return this.requester.post('/customservice/kfaccount/update', { kf_account: account, nickname, ...(password ? { password: md5(password) } : {}) });
  }

  /** `GET customservice/kfaccount/del`. */
  deleteAccount(account: string): Promise<WeChatAck> {
    return this.requester.request({ method: 'GET', path: '/customservice/kfaccount/del', query: { kf_account: account }, idempotent: false });
  }

  /** `POST customservice/kfaccount/inviteworker`: invites a WeChat user to operate the account. */
  inviteWorker(account: string, wechatId: string): Promise<WeChatAck> {
    return this.requester.post('/customservice/kfaccount/inviteworker', { kf_account: account, invite_wx: wechatId });
  }

  /** `POST customservice/kfaccount/uploadheadimg`: the account's avatar (form field `media`). */
  uploadHeadimg(account: string, file: UploadFile): Promise<WeChatAck> {
    return this.requester.request({ method: 'POST', path: '/customservice/kfaccount/uploadheadimg', query: { kf_account: account }, multipart: [{ name: 'media', file }] });
  }

  /** `GET cgi-bin/customservice/getkflist`. */
  async getAccounts(): Promise<KfAccount[]> {
    return (await this.requester.get<{ kf_list: KfAccount[] }>('/cgi-bin/customservice/getkflist')).kf_list;
  }

  /** `GET cgi-bin/customservice/getonlinekflist`. */
  async getOnlineAccounts(): Promise<OnlineKfAccount[]> {
    return (await this.requester.get<{ kf_online_list: OnlineKfAccount[] }>('/cgi-bin/customservice/getonlinekflist')).kf_online_list;
  }

  /** `POST customservice/kfsession/create`: hands a user to an account. */
  createSession(openId: string, account: string): Promise<WeChatAck> {
    return this.requester.post('/customservice/kfsession/create', { kf_account: account, openid: openId });
  }

  /** `POST customservice/kfsession/close`. */
  closeSession(openId: string, account: string): Promise<WeChatAck> {
    return this.requester.post('/customservice/kfsession/close', { kf_account: account, openid: openId });
  }

  /** `GET customservice/kfsession/getsession`: a user's session. */
  getSession(openId: string): Promise<KfSession> {
    return this.requester.get('/customservice/kfsession/getsession', { openid: openId });
  }

  /** `GET customservice/kfsession/getsessionlist`: an account's sessions. */
  async getSessionList(account: string): Promise<Array<{ openid: string; createtime: number }>> {
    return (await this.requester.get<{ sessionlist: Array<{ openid: string; createtime: number }> }>('/customservice/kfsession/getsessionlist', { kf_account: account })).sessionlist;
  }

  /** `GET customservice/kfsession/getwaitcase`: users waiting for an account. */
  getWaitCase(): Promise<KfWaitCases> {
    return this.requester.get('/customservice/kfsession/getwaitcase');
  }

  /** `POST customservice/msgrecord/getmsglist`: message records within one day, from `msgId` (1 first). */
  getRecords(startTime: number | Date, endTime: number | Date, msgId = 1, number = 10000): Promise<KfRecordPage> {
    return this.requester.post('/customservice/msgrecord/getmsglist', { starttime: seconds(startTime), endtime: seconds(endTime), msgid: msgId, number });
  }
}
