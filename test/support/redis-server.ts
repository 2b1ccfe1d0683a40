import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

/** A redis-server of the test's own on `port` (never 6379's data): no persistence, stopped with `stop()`. */
export interface OwnRedisServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `redis-server` on `port` and waits until it answers PING. Fails loudly when redis-server is not installed. */
export async function startRedisServer(port: number): Promise<OwnRedisServer> {
  if (port === 6379) throw new Error('tests never start or stop the shared Redis on 6379');
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`cannot start redis-server (is it installed?): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server on port ${port} exited with ${code}`)));
  });
  failed.catch(() => {});
  const deadline = Date.now() + 5000;
  while (!(await answersPing(port))) {
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 20)), failed]);
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer in time`);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL'); // an outage, not a shutdown
      await exited;
    },
  };
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
