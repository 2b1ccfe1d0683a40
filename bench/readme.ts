// `npm run bench:readme -- bench/results/<file>.json [more files]`: rewrites the measured figures in README.md and
// docs/scale.md — between their `<!-- bench:… -->` markers — from committed result files, so the tables say exactly
// what a file holds, with its commit and the machine's load. A later file's section (webhook, tokens, refresh at N)
// replaces an earlier one's.
import { readFileSync, writeFileSync } from 'node:fs';
import { repositoryRoot } from './lib/report.js';
import { formatSpread, type Spread } from './lib/stats.js';

interface ResultFile {
  readonly path: string;
  readonly at: string;
  readonly commit: string;
  readonly dirty: boolean;
  readonly machine: { node: string; cpus: number; cpuModel?: string; loadAverage: number[]; loadAverageAtStart: number[] };
  readonly webhook?: { settings: { rounds: number; connections: number; warmupMs: number; durationMs: number }; figures: Figure[]; runs: Run[] };
  readonly tokens?: { settings: { reads: number }; stores: TokenStore[] };
  readonly refresh?: { settings: { rounds: number; authorizers: number; latencyMs: number; concurrency: number }; summary: RefreshSummary; rounds: RefreshRound[] };
}
interface Figure {
  kind: string;
  label: string;
  url: 'events' | 'messages';
  load: 'fresh' | 'retries';
  requestsPerSecond: Spread;
  ratioToFloor: Spread;
  cpuMicrosPerRequest: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  non200: number;
  logLinesPer1000: Spread;
}
interface Run {
  round: number;
  kind: string;
  url: string;
  load: string;
  cpuMicrosPerRequest: number;
}
interface ReadFigures {
  medianUs: Spread;
  meanUs: number;
  p99Us: number;
  throughput: number;
}
interface TokenStore {
  store: string;
  rawGet: ReadFigures;
  componentToken: ReadFigures;
  authorizerToken: ReadFigures;
  componentTokenUncached: ReadFigures;
  ratioMedian: number;
  ratioUncachedMedian: number;
}
interface RefreshSummary {
  authorizers: number;
  efficiencyOne: Spread;
  efficiencyTwo: Spread;
  cpuShareOne: Spread;
  cpuShareTwo: Spread;
  refreshedTwice: number;
}
interface RefreshRound {
  reconcileSeconds: number;
  redisBytesPerAuthorizer: number;
  retainedBytesPerAuthorizer: number;
  oneInstance: { cycleSeconds: number; idealSeconds: number };
  twoInstances: { cycleSeconds: number; idealSeconds: number };
}

const root = repositoryRoot();
const files: ResultFile[] = process.argv.slice(2).map((path) => ({ path, ...JSON.parse(readFileSync(`${root}${path}`, 'utf8')) }));
if (files.length === 0) throw new Error('usage: npm run bench:readme -- bench/results/<file>.json [more files]');
const latest = <K extends 'webhook' | 'tokens'>(key: K) => files.filter((file) => file[key]).at(-1);
const webhookFile = latest('webhook');
const tokensFile = latest('tokens');
const refreshFiles = [...new Map(files.filter((file) => file.refresh).map((file) => [file.refresh!.summary.authorizers, file])).values()].sort(
  (a, b) => a.refresh!.summary.authorizers - b.refresh!.summary.authorizers,
);

const s = formatSpread;
const n = (value: number) => value.toLocaleString('en-US');
const rate = (spread: Spread) => (spread.min === spread.max ? n(spread.median) : `${n(spread.median)} (${n(spread.min)}–${n(spread.max)})`);
const source = (file: ResultFile) =>
  `\`${file.path}\` — commit \`${file.commit.slice(0, 12)}\`${file.dirty ? ' (with uncommitted changes)' : ''}, ${file.at.slice(0, 16).replace('T', ' ')} UTC, ` +
  `${file.machine.cpus} × ${file.machine.cpuModel ?? 'CPU'}, Node ${file.machine.node}, load average ${file.machine.loadAverageAtStart[0]} at the start and ` +
  `${file.machine.loadAverage[0]} at the end (1 min; the machine is shared)`;
const figure = (kind: string, url: 'events' | 'messages', load: 'fresh' | 'retries') =>
  webhookFile?.webhook?.figures.find((f) => f.kind === kind && f.url === url && f.load === load);
const met = (value: number, wanted: number) => (value >= wanted ? '✔' : '✘');
/** The floor's CPU per request over the server's, round by round (also for files written before the field existed). */
function cpuRatio(f: Figure): Spread {
  const runs = webhookFile!.webhook!.runs;
  const ratios = runs
    .filter((run) => run.kind === f.kind && run.url === f.url && run.load === f.load)
    .map((run) => {
      const floor = runs.find((other) => other.kind === 'xml2js-floor' && other.round === run.round && other.url === run.url && other.load === run.load);
      return floor ? floor.cpuMicrosPerRequest / run.cpuMicrosPerRequest : Number.NaN;
    })
    .filter(Number.isFinite);
  const round3 = (value: number) => Math.round(value * 1000) / 1000;
  return { median: round3(median(ratios)), min: round3(Math.min(...ratios)), max: round3(Math.max(...ratios)) };
}

function summary(): string {
  const rows: string[] = ['| what | measured: median (min–max) | target |', '|---|---|---|'];
  if (webhookFile) {
    const ratioRow = (what: string, f: Figure | undefined, target?: number) =>
      f &&
      rows.push(
        `| ${what} | **${s(f.ratioToFloor)}** × the floor's req/s (${rate(f.requestsPerSecond)} req/s); by CPU a push ${s(cpuRatio(f))} × (${s(f.cpuMicrosPerRequest)} µs) | ${target ? `≥ ${target} ${met(f.ratioToFloor.median, target)}` : '—'} |`,
      );
    ratioRow('event URL, the demo as shipped (Express, memory store), pushes with WeChat’s retries', figure('demo', 'events', 'retries'), 0.9);
    ratioRow('same, fresh pushes only', figure('demo', 'events', 'fresh'), 0.9);
    ratioRow('same, Redis store, with retries', figure('demo-redis', 'events', 'retries'), 0.9);
    ratioRow('event URL on Fastify (default options, memory store), with retries', figure('fastify', 'events', 'retries'), 0.9);
    ratioRow('event URL with `webhook.fastPath: false` (through Nest and Express), fresh', figure('express-nest-route', 'events', 'fresh'));
    ratioRow('message URL, text message with an encrypted echo reply, the demo as shipped, with retries', figure('demo', 'messages', 'retries'), 0.9);
    ratioRow('same, Redis store, with retries', figure('demo-redis', 'messages', 'retries'), 0.9);
    const floor = figure('xml2js-floor', 'events', 'fresh');
    if (floor) rows.push(`| the xml2js floor itself (bare \`node:http\`: verify + decrypt + one xml2js parse), event URL | ${rate(floor.requestsPerSecond)} req/s, ${s(floor.cpuMicrosPerRequest)} µs CPU a push | — |`);
  }
  if (tokensFile) {
    const memory = tokensFile.tokens!.stores.find((store) => store.store === 'memory')!;
    const redis = tokensFile.tokens!.stores.find((store) => store.store === 'redis')!;
    rows.push(`| \`getAccessToken()\`, memory store | median **${s(memory.componentToken.medianUs)} µs** | ≤ 1 µs ${memory.componentToken.medianUs.median <= 1 ? '✔' : '✘'} |`);
    rows.push(`| \`getAccessToken()\`, Redis store, token held in the process (10 s) | **${redis.ratioMedian}×** a raw \`GET\` at the median (${redis.componentToken.medianUs.median} vs ${redis.rawGet.medianUs.median} µs) | ≤ 0.05 ${redis.ratioMedian <= 0.05 ? '✔' : '✘'} |`);
    rows.push(`| same, nothing held (a store read) | **${redis.ratioUncachedMedian}×** a raw \`GET\` | ≤ 1.1 ${redis.ratioUncachedMedian <= 1.1 ? '✔' : '✘'} |`);
  }
  for (const file of refreshFiles) {
    const r = file.refresh!;
    rows.push(
      `| scheduled refresh of ${n(r.summary.authorizers)} authorizers, sandbox latency ${r.settings.latencyMs} ms, ${r.settings.concurrency} in flight | efficiency ${s(r.summary.efficiencyOne)} with 1 instance, ${s(r.summary.efficiencyTwo)} with 2 (CPU share ${s(r.summary.cpuShareTwo)}); refreshed twice: **${r.summary.refreshedTwice}** | 0 refreshed twice ${r.summary.refreshedTwice === 0 ? '✔' : '✘'} |`,
    );
  }
  const sources = [...new Set([webhookFile, tokensFile, ...refreshFiles].filter((file): file is ResultFile => file !== undefined))];
  return [...rows, '', ...sources.map((file) => `From ${source(file)}.`)].join('\n');
}

function webhookTables(): string {
  if (!webhookFile) return '';
  const w = webhookFile.webhook!;
  const table = (url: 'events' | 'messages') =>
    [
      '| server | load | req/s | vs xml2js floor | CPU µs a request | by CPU vs floor | p50 ms | p99 ms | non-200 | log lines / 1000 |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...w.figures
        .filter((f) => f.url === url)
        .map((f) => `| ${f.label} | ${f.load} | ${rate(f.requestsPerSecond)} | ${s(f.ratioToFloor)} | ${s(f.cpuMicrosPerRequest)} | ${s(cpuRatio(f))} | ${s(f.p50Ms)} | ${s(f.p99Ms)} | ${f.non200} | ${s(f.logLinesPer1000)} |`),
    ].join('\n');
  return [
    `${w.settings.rounds} rounds; in each, every server once per URL and load (rotated order), ${w.settings.connections} keep-alive connections, ` +
      `${w.settings.warmupMs / 1000} s warm-up, ${w.settings.durationMs / 1000} s measured. Median over the rounds (lowest–highest round); a ratio is ` +
      'taken against the xml2js floor of the same round. From ' + source(webhookFile) + '.',
    '',
    '**Authorization event URL** (`component_verify_ticket` pushes):',
    '',
    table('events'),
    '',
    '**Message and event URL** (text messages; the echo handler answers each with an encrypted passive reply):',
    '',
    table('messages'),
  ].join('\n');
}

function tokenTable(): string {
  if (!tokensFile) return '';
  const rows = tokensFile.tokens!.stores.flatMap((store) =>
    (
      [
        ['raw get', store.rawGet],
        ['component `getAccessToken()`', store.componentToken],
        ['authorizer `getAccessToken()`', store.authorizerToken],
        ['component, nothing held in the process', store.componentTokenUncached],
      ] as const
    ).map(([what, f]) => `| ${store.store} | ${what} | ${s(f.medianUs)} | ${f.meanUs} | ${f.p99Us} | ${n(f.throughput)} |`),
  );
  return [
    '| store | read | median µs (block medians) | mean µs | p99 µs | reads/s, 64 in flight |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `From ${source(tokensFile)}.`,
  ].join('\n');
}

function refreshTable(): string {
  if (refreshFiles.length === 0) return '';
  const rows = refreshFiles.flatMap((file) => {
    const r = file.refresh!;
    const cycle = (which: 'oneInstance' | 'twoInstances') => s({ median: median(r.rounds.map((x) => x[which].cycleSeconds)), min: Math.min(...r.rounds.map((x) => x[which].cycleSeconds)), max: Math.max(...r.rounds.map((x) => x[which].cycleSeconds)) });
    return [
      `| ${n(r.summary.authorizers)} | ${r.settings.concurrency} | 1 | ${r.rounds.length} | ${cycle('oneInstance')} | ${r.rounds[0]!.oneInstance.idealSeconds} | **${s(r.summary.efficiencyOne)}** | ${s(r.summary.cpuShareOne)} | — |`,
      `| ${n(r.summary.authorizers)} | ${r.settings.concurrency} | 2 | ${r.rounds.length} | ${cycle('twoInstances')} | ${r.rounds[0]!.twoInstances.idealSeconds} | ${s(r.summary.efficiencyTwo)} | ${s(r.summary.cpuShareTwo)} | **${r.summary.refreshedTwice}** |`,
    ];
  });
  const details = refreshFiles.map((file) => {
    const last = file.refresh!.rounds.at(-1)!;
    return `${n(file.refresh!.summary.authorizers)}: reconciliation of an empty store ${last.reconcileSeconds} s, Redis ${last.redisBytesPerAuthorizer} B per authorizer, instance heap kept after a full GC ${last.retainedBytesPerAuthorizer} B per authorizer — from ${source(file)}.`;
  });
  return [
    '| N | C | instances | rounds | cycle s | ideal s | efficiency | CPU share | refreshed twice |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    ...details.flatMap((line) => ['', line]),
  ].join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Replaces the text between `<!-- bench:name:start -->` and `<!-- bench:name:end -->` in `path`. */
function replaceSection(path: string, name: string, text: string): void {
  if (!text) return;
  const content = readFileSync(`${root}${path}`, 'utf8');
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = content.indexOf(start);
  const to = content.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path} has no ${start} … ${end} section`);
  writeFileSync(`${root}${path}`, `${content.slice(0, from + start.length)}\n${text}\n${content.slice(to)}`);
  console.log(`${path}: ${name} rewritten`);
}

replaceSection('README.md', 'summary', summary());
replaceSection('docs/scale.md', 'webhook', webhookTables());
replaceSection('docs/scale.md', 'tokens', tokenTable());
replaceSection('docs/scale.md', 'refresh', refreshTable());
