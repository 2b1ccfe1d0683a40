import { createHash } from 'node:crypto';
import { WeChatError } from '../common/errors.js';

/** A data-cube report: how many days it may span, whether it is hourly, and how a row is made. */
interface Report {
  readonly maxDays: number;
  readonly hourly?: boolean;
  readonly rows: (pick: (max: number, salt: string) => number, date: string) => Array<Record<string, unknown>>;
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

const readRow = (pick: (max: number, salt: string) => number): Record<string, number> => ({
  int_page_read_user: pick(500, 'iu'),
  int_page_read_count: pick(900, 'ic'),
  ori_page_read_user: pick(100, 'ou'),
  ori_page_read_count: pick(150, 'oc'),
  share_user: pick(60, 'su'),
  share_count: pick(80, 'sc'),
  add_to_fav_user: pick(30, 'fu'),
  add_to_fav_count: pick(40, 'fc'),
});
const upstream = (pick: (max: number, salt: string) => number): Array<Record<string, unknown>> => [
  { msg_type: 1, msg_user: pick(200, 'mu1'), msg_count: pick(400, 'mc1') },
  { msg_type: 2, msg_user: pick(50, 'mu2'), msg_count: pick(80, 'mc2') },
];
const dist = (pick: (max: number, salt: string) => number): Array<Record<string, unknown>> => [
  { count_interval: 1, msg_user: pick(150, 'd1') },
  { count_interval: 2, msg_user: pick(60, 'd2') },
  { count_interval: 3, msg_user: pick(20, 'd3') },
];

/** WeChat's reports, with their span limits (数据统计). */
export const REPORTS: Readonly<Record<string, Report>> = {
  getusersummary: { maxDays: 7, rows: (pick) => [0, 30, 43].map((source) => ({ user_source: source, new_user: pick(50, `n${source}`), cancel_user: pick(10, `c${source}`) })) },
  getusercumulate: { maxDays: 7, rows: () => [{}] },
  getarticlesummary: { maxDays: 1, rows: (pick, date) => [{ msgid: `${pick(1e9, 'id') + 1}_1`, title: `${date} 推送`, ...readRow(pick) }] },
  getarticletotal: { maxDays: 1, rows: (pick, date) => [{ msgid: `${pick(1e9, 'id') + 1}_1`, title: `${date} 推送`, details: [{ stat_date: date, target_user: pick(5000, 't'), ...readRow(pick) }] }] },
  getuserread: { maxDays: 3, rows: (pick) => [readRow(pick)] },
  getuserreadhour: { maxDays: 1, hourly: true, rows: (pick) => [{ user_source: 0, ...readRow(pick) }] },
  getusershare: { maxDays: 7, rows: (pick) => [{ share_scene: 1, share_count: pick(80, 'sc'), share_user: pick(60, 'su') }] },
  getusersharehour: { maxDays: 1, hourly: true, rows: (pick) => [{ share_scene: 1, share_count: pick(20, 'sc'), share_user: pick(15, 'su') }] },
  getupstreammsg: { maxDays: 7, rows: upstream },
  getupstreammsghour: { maxDays: 1, hourly: true, rows: upstream },
  getupstreammsgweek: { maxDays: 30, rows: upstream },
  getupstreammsgmonth: { maxDays: 30, rows: upstream },
  getupstreammsgdist: { maxDays: 15, rows: dist },
  getupstreammsgdistweek: { maxDays: 30, rows: dist },
  getupstreammsgdistmonth: { maxDays: 30, rows: dist },
  getinterfacesummary: { maxDays: 30, rows: (pick) => [{ callback_count: pick(3000, 'cb'), fail_count: pick(20, 'f'), total_time_cost: pick(90_000, 't'), max_time_cost: pick(900, 'm') }] },
  getinterfacesummaryhour: { maxDays: 1, hourly: true, rows: (pick) => [{ callback_count: pick(200, 'cb'), fail_count: pick(3, 'f'), total_time_cost: pick(6000, 't'), max_time_cost: pick(500, 'm') }] },
};

function parseDay(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new WeChatError(61500);
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new WeChatError(61500);
  return ms;
}

/**
 * A report's rows for an account: deterministic figures per account, report, day and hour (the same question gets
 * the same answer); `cumulate_user` counts down from the account's current followers. Days are China days; the
 * range must end by yesterday and stay within the report's span (61501), dates are `YYYY-MM-DD` (61500).
 */
export function dataCube(name: string, appId: string, body: Record<string, unknown>, now: number, followers: number): Array<Record<string, unknown>> {
  const report = REPORTS[name];
  if (!report) throw new WeChatError(40097);
  const begin = parseDay(body['begin_date']);
  const end = parseDay(body['end_date']);
  const today = Math.floor((now + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS;
  if (end < begin || end >= today || (end - begin) / DAY_MS + 1 > report.maxDays) throw new WeChatError(61501);
  const list: Array<Record<string, unknown>> = [];
  for (let day = begin; day <= end; day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    for (const hour of report.hourly ? Array.from({ length: 24 }, (_, h) => h * 100) : [undefined]) {
      const pick = (max: number, salt: string): number =>
        createHash('sha256').update(`${appId}|${name}|${date}|${hour ?? ''}|${salt}`).digest().readUInt32BE(0) % (max + 1);
      for (const row of report.rows(pick, date)) {
        const cumulate = name === 'getusercumulate' ? { cumulate_user: Math.max(0, followers - (today - day) / DAY_MS + 1) } : {};
        list.push({ ref_date: date, ...(hour === undefined ? {} : { ref_hour: hour }), ...row, ...cumulate });
      }
    }
  }
  return list;
}
