/** Answers of {@link CustomServiceApi} (客服帐号管理, 会话控制, 聊天记录), as WeChat names the fields. */

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
