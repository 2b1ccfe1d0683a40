import { postRead, type ApiRequester } from '../../apis/common.js';
import type { DataCubeDate, DataCubeRow, InterfaceSummaryRow, UpstreamMsgRow, UserCumulateRow, UserSummaryRow } from './datacube.types.js';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DD` of a date in China time. */
export function toDataCubeDate(date: DataCubeDate): string {
  return typeof date === 'string' ? date : new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Analytics of an official account (数据统计, permission set 5): users, articles, messages and interface calls. Every
 * report answers one field, `list`: its rows are returned.
 *
 * Envelope rule: see `apis/common.ts` (WeChat's answer minus `errcode`/`errmsg`; a one-field answer is its value).
 */
export class DataCubeApi {
  constructor(private readonly requester: ApiRequester) {}

  /**
   * `POST datacube/getusersummary`: new and cancelled followers per day (≤ 7 days).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/User_Analysis_Data_Interface.html
   */
  getUserSummary(begin: DataCubeDate, end: DataCubeDate): Promise<UserSummaryRow[]> {
    return this.report('getusersummary', begin, end);
  }

  /**
   * `POST datacube/getusercumulate`: total followers per day (≤ 7 days).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/User_Analysis_Data_Interface.html
   */
  getUserCumulate(begin: DataCubeDate, end: DataCubeDate): Promise<UserCumulateRow[]> {
    return this.report('getusercumulate', begin, end);
  }

  /**
   * `POST datacube/getinterfacesummary` (≤ 30 days).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Analytics_API.html
   */
  getInterfaceSummary(begin: DataCubeDate, end: DataCubeDate): Promise<InterfaceSummaryRow[]> {
    return this.report('getinterfacesummary', begin, end);
  }

  /**
   * `POST datacube/getinterfacesummaryhour` (1 day).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Analytics_API.html
   */
  getInterfaceSummaryHour(begin: DataCubeDate, end: DataCubeDate): Promise<InterfaceSummaryRow[]> {
    return this.report('getinterfacesummaryhour', begin, end);
  }

  /**
   * `POST datacube/getarticlesummary`: per-article reads of one day.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Graphic_Analysis_Data_Interface.html
   */
  getArticleSummary(begin: DataCubeDate, end: DataCubeDate): Promise<DataCubeRow[]> {
    return this.report('getarticlesummary', begin, end);
  }

  /**
   * `POST datacube/getarticletotal`: an article's totals over its first 7 days.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Graphic_Analysis_Data_Interface.html
   */
  getArticleTotal(begin: DataCubeDate, end: DataCubeDate): Promise<DataCubeRow[]> {
    return this.report('getarticletotal', begin, end);
  }

  /**
   * `POST datacube/getuserread` (≤ 3 days).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Graphic_Analysis_Data_Interface.html
   */
  getUserRead(begin: DataCubeDate, end: DataCubeDate): Promise<DataCubeRow[]> {
    return this.report('getuserread', begin, end);
  }

  /**
   * `POST datacube/getuserreadhour` (1 day).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Graphic_Analysis_Data_Interface.html
   */
  getUserReadHour(begin: DataCubeDate, end: DataCubeDate): Promise<DataCubeRow[]> {
    return this.report('getuserreadhour', begin, end);
  }

  /**
   * `POST datacube/getusershare` (≤ 7 days).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Graphic_Analysis_Data_Interface.html
   */
  getUserShare(begin: DataCubeDate, end: DataCubeDate): Promise<DataCubeRow[]> {
    return this.report('getusershare', begin, end);
  }

  /**
   * `POST datacube/getusersharehour` (1 day).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Graphic_Analysis_Data_Interface.html
   */
  getUserShareHour(begin: DataCubeDate, end: DataCubeDate): Promise<DataCubeRow[]> {
    return this.report('getusersharehour', begin, end);
  }

  /**
   * `POST datacube/getupstreammsg` (≤ 7 days).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html
   */
  getUpstreamMsg(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsg', begin, end);
  }

  /**
   * `POST datacube/getupstreammsghour` (1 day).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html
   */
  getUpstreamMsgHour(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsghour', begin, end);
  }

  /**
   * `POST datacube/getupstreammsgweek` (≤ 30 days).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html
   */
  getUpstreamMsgWeek(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsgweek', begin, end);
  }

  /**
   * `POST datacube/getupstreammsgmonth` (≤ 30 days).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html
   */
  getUpstreamMsgMonth(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsgmonth', begin, end);
  }

  /**
   * `POST datacube/getupstreammsgdist` (≤ 15 days).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html
   */
  getUpstreamMsgDist(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsgdist', begin, end);
  }

  /**
   * `POST datacube/getupstreammsgdistweek` (≤ 30 days).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html
   */
  getUpstreamMsgDistWeek(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsgdistweek', begin, end);
  }

  /**
   * `POST datacube/getupstreammsgdistmonth` (≤ 30 days).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html
   */
  getUpstreamMsgDistMonth(begin: DataCubeDate, end: DataCubeDate): Promise<UpstreamMsgRow[]> {
    return this.report('getupstreammsgdistmonth', begin, end);
  }

  /** `POST datacube/<name>` (a read: retried on transient failures) and its rows. */
  private async report<R>(name: string, begin: DataCubeDate, end: DataCubeDate): Promise<R[]> {
    const body = { begin_date: toDataCubeDate(begin), end_date: toDataCubeDate(end) };
    return (await postRead<{ list: R[] }>(this.requester, `/datacube/${name}`, body)).list;
  }
}
