import net from 'node:net';
import { percentile } from './stats.js';

/** A closed-loop HTTP/1.1 load: `connections` keep-alive sockets, each sending the next request as soon as the last is answered. */
export interface LoadOptions {
  readonly port: number;
  /** Whole requests, pre-serialized, sent in order (the same order to every server). */
  readonly requests: readonly Buffer[];
  readonly connections: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /** Called (and awaited) as the measured window opens and as it closes, e.g. to read the server's CPU time. */
  readonly window?: { readonly opened: () => Promise<void>; readonly closed: () => Promise<void> };
}

/** What the measured part of a load run saw. */
export interface LoadResult {
  /** Answered requests in the measured window. */
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** Answers with a status other than 200 (there should be none). */
  readonly non200: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Whether the run used more requests than were prepared (so some were sent twice). */
  readonly wrapped: boolean;
}

/**
 * Drives a server with raw sockets: no HTTP client library, a few microseconds of work per response, so the server
 * (in another process, on another core) is what limits the rate.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let next = 0;
  let measuring = false;
  let stopped = false;
  let answered = 0;
  let non200 = 0;
  const latencies: number[] = [];
  const take = (): Buffer => options.requests[next++ % options.requests.length]!;

  const connection = () =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect(options.port, '127.0.0.1');
      socket.setNoDelay(true);
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      const send = () => {
        if (stopped) {
          socket.end();
          return;
        }
        sentAt = performance.now();
        socket.write(take());
      };
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        for (;;) {
          const size = responseSize(pending);
          if (size === undefined) return;
          const status = Number(pending.toString('latin1', 9, 12));
          pending = pending.subarray(size);
          if (measuring) {
            answered++;
            if (status !== 200) non200++;
            latencies.push(performance.now() - sentAt);
          }
          send();
        }
      });
      socket.on('close', () => resolve());
      socket.on('error', (error) => (stopped ? resolve() : reject(error)));
    });

  const running = Promise.all(Array.from({ length: options.connections }, connection));
  await sleep(options.warmupMs);
  await options.window?.opened();
  measuring = true;
  const started = performance.now();
  await sleep(options.durationMs);
  measuring = false;
  const elapsed = performance.now() - started;
  await options.window?.closed();
  stopped = true;
  await running;
  latencies.sort((a, b) => a - b);
  return {
    requests: answered,
    requestsPerSecond: (answered / elapsed) * 1000,
    non200,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    wrapped: next > options.requests.length,
  };
}

/** Serializes a POST with a text body. */
export function postRequest(path: string, body: string): Buffer {
  const payload = Buffer.from(body, 'utf8');
  const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: ${payload.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), payload]);
}

/** Length of the first complete response in `data` (Content-Length or chunked), or undefined if incomplete. */
function responseSize(data: Buffer): number | undefined {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const head = data.toString('latin1', 0, headEnd).toLowerCase();
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
  if (length) {
    const size = headEnd + 4 + Number(length[1]);
    return data.length >= size ? size : undefined;
  }
  const end = data.indexOf('0\r\n\r\n', headEnd + 4);
  return end < 0 ? undefined : end + 5;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
