import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A `redis-server` of a test's own, on a free port (never the shared 6379), that the test can kill, pause and
 * restart on the same port. Every server is killed when the test process exits; a server whose test process died
 * without exiting (SIGKILL) is found and killed by the next run (see {@link killOrphans}).
 */
export interface TestRedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:{port}`. */
  readonly url: string;
  /** Whether the server process is running. */
  readonly running: boolean;
  /** Kills the server with `signal` (default SIGKILL: a crash) and waits until it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /**
   * Starts the server again on the same port and waits until it answers PING. Without persistence it comes back
   * empty; with `persist` it reloads what it had (an append-only file synced on every write).
   */
  restart(): Promise<void>;
  /** Sends one command on a connection of its own; the reply as text (an array's items joined by newlines). */
  command(...args: string[]): Promise<string>;
  /** Stops the server for good and removes its files. Safe to call twice. */
  stop(): Promise<void>;
}

export interface TestRedisOptions {
  /** Keep the data across a kill and restart (appendonly, fsync always). Default false: a restart comes back empty. */
  persist?: boolean;
  /** The port (never 6379); default a free one. */
  port?: number;
  /** More `redis-server` arguments (e.g. cluster mode). */
  args?: readonly string[];
}

const STATE_DIR = join(tmpdir(), 'nestjs-wechat-component-test-redis');
const READY_TIMEOUT_MS = 10_000;
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Starts a `redis-server` on a free port and waits until it answers. */
export async function startRedisServer(options: TestRedisOptions = {}): Promise<TestRedisServer> {
  killOrphans();
  installExitHook();
  const port = options.port ?? (await freePort());
  if (port === 6379) throw new Error('tests never start or stop the shared Redis on 6379');
  const dir = mkdtempSync(join(tmpdir(), 'test-redis-'));
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--save', '',
    '--dir', dir,
    '--appendonly', options.persist ? 'yes' : 'no',
    '--appendfsync', 'always',
    '--protected-mode', 'no',
    ...(options.args ?? []),
  ];
  let current: ChildProcess | undefined;
  let stopped = false;

  const launch = async (): Promise<void> => {
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // redis-server logs to stdout (why it exited at start, e.g. a port in use): the last of it is kept for the error.
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
    let stderr = '';
    let spawnError: Error | undefined;
    child.once('error', (error: NodeJS.ErrnoException) => {
      spawnError = error.code === 'ENOENT' ? new Error('redis-server is not installed: the fault suite starts Redis servers of its own') : error;
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    live.add(child);
    child.once('exit', () => live.delete(child));
    current = child;
    if (child.pid !== undefined) writePidFile(port, child.pid, dir);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (spawnError) throw spawnError;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server on ${port} exited: ${stderr.trim()}\n${output.trim()}`);
      // PING answers -LOADING while an append-only file is replayed: wait for PONG.
      if ((await sendCommand(port, ['PING']).catch(() => '')) === 'PONG') return;
      if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not answer within ${READY_TIMEOUT_MS} ms`);
      await sleep(20);
    }
  };

  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const child = current;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  };

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return current !== undefined && current.exitCode === null && current.signalCode === null;
    },
    kill,
    restart: async () => {
      if (stopped) throw new Error('this Redis server was stopped for good');
      await kill();
      await launch();
    },
    command: (...command) => sendCommand(port, command),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await kill();
      removePidFile(port);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A port where nothing listens, below 50000 (a cluster node also needs port + 10000 for its bus). Another process
 * could take it before the test does; the range keeps that unlikely.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    if (await isFree(port)) return port;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A node's cluster bus listens on its port + 10000. */
const CLUSTER_BUS_OFFSET = 10_000;

/** A Redis Cluster of the test's own: three masters, no replicas, slots spread over them. */
export interface OwnRedisCluster {
  readonly nodes: ReadonlyArray<{ host: string; port: number }>;
  stop(): Promise<void>;
}

export async function startRedisCluster(): Promise<OwnRedisCluster> {
  const ports: number[] = [];
  while (ports.length < 3) {
    const port = await freePort();
    // A node whose bus port is taken exits at start: both must be free, and no node's bus on another's port.
    const taken = ports.flatMap((other) => [other, other + CLUSTER_BUS_OFFSET]);
    if (taken.includes(port) || taken.includes(port + CLUSTER_BUS_OFFSET)) continue;
    if (await isFree(port + CLUSTER_BUS_OFFSET)) ports.push(port);
  }
  // Each node keeps its cluster config in its own directory.
  const servers = await Promise.all(ports.map((port) => startRedisServer({ port, args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'] })));
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes']);
    const deadline = Date.now() + 10_000;
    for (const server of servers) {
      while (!(await server.command('CLUSTER', 'INFO')).includes('cluster_state:ok')) {
        if (Date.now() > deadline) throw new Error('the Redis Cluster did not become ready in time');
        await sleep(50);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: ports.map((port) => ({ host: '127.0.0.1', port })), stop };
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

/** One command over a fresh connection (RESP), so it works while the clients under test are paused or broken. */
function sendCommand(port: number, command: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(new Error(`${command[0]} got no answer`)), 5_000);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const parsed = parseReply(buffer, 0);
      if (!parsed) return;
      clearTimeout(timer);
      socket.end();
      if (parsed.error) reject(new Error(`Redis ${command[0]}: ${parsed.value}`));
      else resolve(parsed.value);
    });
    socket.write(command.reduce((wire, arg) => `${wire}$${Buffer.byteLength(arg)}\r\n${arg}\r\n`, `*${command.length}\r\n`));
  });
}

interface Parsed {
  value: string;
  error: boolean;
  end: number;
}

/** A whole RESP reply from `offset`, or undefined while more bytes are needed. */
function parseReply(buffer: Buffer, offset: number): Parsed | undefined {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buffer[offset]!);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  if (type === '+' || type === ':') return { value: line, error: false, end: next };
  if (type === '-') return { value: line, error: true, end: next };
  if (type === '$') {
    const length = Number(line);
    if (length < 0) return { value: '', error: false, end: next };
    if (buffer.length < next + length + 2) return undefined;
    return { value: buffer.toString('utf8', next, next + length), error: false, end: next + length + 2 };
  }
  if (type === '*') {
    const items: string[] = [];
    let at = next;
    for (let i = 0; i < Number(line); i++) {
      const item = parseReply(buffer, at);
      if (!item) return undefined;
      items.push(item.value);
      at = item.end;
    }
    return { value: items.join('\n'), error: false, end: at };
  }
  throw new Error(`unexpected RESP type ${type}`);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers run synchronously: a signal is all that can be sent, and it is enough.
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

function writePidFile(port: number, pid: number, dir: string): void {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(join(STATE_DIR, `${port}.json`), JSON.stringify({ pid, ownerPid: process.pid, dir }));
}

function removePidFile(port: number): void {
  rmSync(join(STATE_DIR, `${port}.json`), { force: true });
}

/** Kills test Redis servers left running by a test process that died without cleaning up (e.g. SIGKILLed). */
export function killOrphans(): void {
  let files: string[];
  try {
    files = readdirSync(STATE_DIR);
  } catch {
    return;
  }
  for (const file of files) {
    const path = join(STATE_DIR, file);
    try {
      const { pid, ownerPid, dir } = JSON.parse(readFileSync(path, 'utf8')) as { pid: number; ownerPid: number; dir: string };
      if (isAlive(ownerPid)) continue;
      if (isAlive(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('redis-server')) process.kill(pid, 'SIGKILL');
      if (dir.startsWith(join(tmpdir(), 'test-redis-'))) rmSync(dir, { recursive: true, force: true });
      unlinkSync(path);
    } catch {
      // Another process cleaned it up meanwhile, or the file was half written: leave it to the next run.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
