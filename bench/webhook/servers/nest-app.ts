import type { INestApplication } from '@nestjs/common';
import type { BenchServer } from './http-server.js';

/** Listens on a free loopback port and returns the server handle of a Nest app. */
export async function listenNest(app: INestApplication): Promise<BenchServer> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { port, close: () => app.close() };
}
