import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running benchmark server. */
export interface BenchServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Reads a request body as UTF-8 text. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}

/** The query string of a request as a plain object. */
export function queryOf(request: IncomingMessage): Record<string, string> {
  const url = request.url ?? '/';
  const at = url.indexOf('?');
  return at < 0 ? {} : Object.fromEntries(new URLSearchParams(url.slice(at + 1)));
}

/** A bare `node:http` server on a free loopback port, answering every request with `handle`. */
export async function startHttpServer(
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
): Promise<BenchServer> {
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.statusCode = 500;
      response.end('error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Answers a push the way WeChat expects: 200 `success`. */
export function answerSuccess(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/plain', 'content-length': 7 });
  response.end('success');
}
