import type { AuthorizerRequester } from '../authorizer-requester.js';

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

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DD` of a date in China time. */
export function toDataCubeDate(date: DataCubeDate): string {
  return typeof date === 'string' ? date : new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Analytics of an official account (数据统计): users, articles, messages and interface calls. */
export class DataCubeApi {
  constructor(private readonly requester: AuthorizerRequester) {}

  /** `POST datacube/getusersummary`: new and cancelled followers per day (≤ 7 days). */
  getUserSummary(begin: DataCubeDate, end: DataCubeDate): Promise<UserSummaryRow[]> {
    return this.report('getusersummary', begin, end);
  }

  /** `POST datacube/getusercumulate`: total followers per day (≤ 7 days). */
  getUserCumulate(begin: DataCubeDate, end: DataCubeDate): Promise<UserCumulateRow[]> {
    return this.report('getusercumulate', begin, end);
  }

  /** `POST datacube/getinterfacesummary` (≤ 30 days). */
  getInterfaceSummary(begin: DataCubeDate, end: DataCubeDate): Promise<InterfaceSummaryRow[]> {
    return this.report('getinterfacesummary', begin, end);
  }

  /** `POST datacube/getinterfacesummaryhour` (1 day). */
  getInterfaceSummaryHour(begin: DataCubeDate, end: DataCubeDate): Promise<InterfaceSummaryRow[]> {
    return this.report('getinterfacesummaryhour', begin, end);
  }

  /** `POST datacube/getarticlesummary`: per-article reads of one day. */
  getArticleSummary(begin: DataCubeDate, end: DataCubeDate): Promise<DataCubeRow[]> {
    return this.report('getarticlesummary', begin, end);
  }

  /** `POST datacube/getarticletotal`: an article's totals over its first 7 days. */
  getArticleTotal(begin: DataCubeDate, end: DataCubeDate): Promise<DataCubeRow[]> {
    return this.report('getarticletotal', begin, end);
  }

  /** `POST datacube/getuserread` (≤ 3 days). */
  getUserRead(begin: DataCubeDate, end: DataCubeDate): Promise<DataCubeRow[]> {
    return this.report('getuserread', begin, end);
  }

  /** `POST datacube/getuserreadhour` (1 day). */
  getUserReadHour(begin: DataCubeDate, end: DataCubeDate): Promise<DataCubeRow[]> {
    return this.report('getuserreadhour', begin, end);
  }

  /** `POST datacube/getusershare` (≤ 7 days). */
  getUserShare(begin: DataCubeDate, end: DataCubeDate): Promise<DataCubeRow[]> {
    return this.report('getusershare', begin, end);
  }

  /** `POST datacube/getusersharehour` (1 day). */
  getUserShareHour(begin: DataCubeDate, end: DataCubeDate): Promise<DataCubeRow[]> {
    return this.report('getusersharehour', begin, end);
  }

  /** `POST datacube/getupstreammsg` (≤ 7 days). */
  getUpstreamMsg(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsg', begin, end);
  }

  /** `POST datacube/getupstreammsghour` (1 day). */
  getUpstreamMsgHour(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsghour', begin, end);
  }

  /** `POST datacube/getupstreammsgweek` (≤ 30 days). */
  getUpstreamMsgWeek(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsgweek', begin, end);
  }

  /** `POST datacube/getupstreammsgmonth` (≤ 30 days). */
  getUpstreamMsgMonth(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsgmonth', begin, end);
  }

  /** `POST datacube/getupstreammsgdist` (≤ 15 days). */
  getUpstreamMsgDist(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsgdist', begin, end);
  }

  /** `POST datacube/getupstreammsgdistweek` (≤ 30 days). */
  getUpstreamMsgDistWeek(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsgdistweek', begin, end);
  }

  /** `POST datacube/getupstreammsgdistmonth` (≤ 30 days). */
  getUpstreamMsgDistMonth(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsgdistmonth', begin, end);
  }

  private async report<R>(name: string, begin: DataCubeDate, end: DataCubeDate): Promise<R[]> {
    const body = { begin_date: toDataCubeDate(begin), end_date: toDataCubeDate(end) };
    return (await this.requester.post<{ list: R[] }>(`/datacube/${name}`, body)).list;
  }
}
