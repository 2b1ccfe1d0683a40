/** Requests and answers of {@link DataCubeApi} (数据统计), as WeChat names the fields. */

/** A day: `YYYY-MM-DD`, or a `Date` (taken in China time, UTC+8, as WeChat counts days). */
export type DataCubeDate = string | Date;

/** One row of a data-cube report; fields depend on the report (`ref_date` always, `ref_hour` for hourly ones). */
export interface DataCubeRow {
  ref_date: string;
  ref_hour?: number;
  [field: string]: unknown;
}

/** `getusersummary`. */
export interface UserSummaryRow extends DataCubeRow {
  user_source: number;
  new_user: number;
  cancel_user: number;
}

/** `getusercumulate`. */
export interface UserCumulateRow extends DataCubeRow {
  cumulate_user: number;
}

/** `getinterfacesummary`, `getinterfacesummaryhour`. */
export interface InterfaceSummaryRow extends DataCubeRow {
  callback_count: number;
  fail_count: number;
  total_time_cost: number;
  max_time_cost: number;
}

/** `getupstreammsg*`. */
export interface UpstreamMsgRow extends DataCubeRow {
  msg_type?: number;
  msg_user: number;
  msg_count?: number;
  count_interval?: number;
}
