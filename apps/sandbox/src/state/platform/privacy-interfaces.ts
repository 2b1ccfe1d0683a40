import { WeChatError } from '../../common/errors.js';

/** The privacy interfaces a mini program applies for, with WeChat's names and the privacy key of the guide. */
export const PRIVACY_INTERFACES = [
  { apiName: 'wx.getLocation', chName: '获取当前的地理位置、速度', key: 'Location' },
  { apiName: 'wx.onLocationChange', chName: '监听实时地理位置变化事件', key: 'Location' },
  { apiName: 'wx.chooseAddress', chName: '获取用户收货地址', key: 'Address' },
  { apiName: 'wx.chooseLocation', chName: '打开地图选择位置', key: 'ChooseLocation' },
  { apiName: 'wx.getFuzzyLocation', chName: '获取模糊地理位置', key: 'Location' },
] as const;

/** One interface's state: 1 to apply, 3 applying, 4 refused, 5 granted. */
export interface PrivacyInterfaceState {
  status: 1 | 3 | 4 | 5;
  auditId?: number;
  applyTime?: number;
  auditTime?: number;
  reason: string;
  content?: string;
}

/** A mini program's privacy-interface applications (隐私接口). */
export class PrivacyInterfaces {
  private readonly states = new Map<string, PrivacyInterfaceState>();

  constructor(private readonly clock: () => number) {}

  /** `apply_privacy_interface`: a known interface (40097), a reason (40097), not applying or granted already (40097). */
  apply(body: Record<string, unknown>, auditId: number): number {
    const known = PRIVACY_INTERFACES.find((api) => api.apiName === body['api_name']);
    if (!known || typeof body['content'] !== 'string' || body['content'].trim() === '') throw new WeChatError(40097);
    const state = this.state(known.apiName);
    if (state.status === 3 || state.status === 5) throw new WeChatError(40097);
    Object.assign(state, { status: 3, auditId, applyTime: Math.floor(this.clock() / 1000), reason: '', content: body['content'] });
    return auditId;
  }

  /** The application in review for `apiName` (or the first one), if any. */
  pending(apiName?: string): { apiName: string; state: PrivacyInterfaceState } | undefined {
    for (const [name, state] of this.states) if (state.status === 3 && (apiName === undefined || apiName === name)) return { apiName: name, state };
    return undefined;
  }

  /** Decides an application (the reviewers). */
  decide(state: PrivacyInterfaceState, grant: boolean, reason: string): void {
    state.status = grant ? 5 : 4;
    state.reason = grant ? '' : reason;
    state.auditTime = Math.floor(this.clock() / 1000);
  }

  /** Whether the interface is granted. */
  granted(apiName: string): boolean {
    return this.states.get(apiName)?.status === 5;
  }

  /** `get_privacy_interface`'s `interface_list`. */
  list(): Array<Record<string, unknown>> {
    return PRIVACY_INTERFACES.map((api) => {
      const state = this.state(api.apiName);
      return {
        api_name: api.apiName,
        api_ch_name: api.chName,
        api_desc: api.chName,
        status: state.status,
        ...(state.auditId === undefined ? {} : { audit_id: state.auditId, apply_time: state.applyTime }),
        ...(state.status === 4 ? { fail_reason: state.reason } : {}),
        api_link: `https://developers.weixin.qq.com/miniprogram/dev/api/location/${api.apiName}.html`,
        group_name: '地理位置',
      };
    });
  }

  private state(apiName: string): PrivacyInterfaceState {
    let state = this.states.get(apiName);
    if (!state) this.states.set(apiName, (state = { status: 1, reason: '' }));
    return state;
  }
}
