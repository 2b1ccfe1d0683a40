/** Answers of {@link MiscApi} (网络检测, openApi 管理), as WeChat names the fields; `ApiQuotaInfo` is shared (`apis/common.ts`). */

/** `callback/check`. */
export interface NetworkCheckResult {
  dns: Array<{ ip: string; real_operator: string }>;
  ping: Array<{ ip: string; from_operator: string; package_loss: string; time: string }>;
}
