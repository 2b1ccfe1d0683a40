import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { WeChatComponentModuleOptions } from 'nestjs-wechat-component';
import type { RunningSandbox } from '../../apps/sandbox/src/index.js';
import { sandboxConnection } from './platform.js';

const FIXTURE = fileURLToPath(new URL('../faults/fixtures/platform-child.mjs', import.meta.url));
const READY_TIMEOUT_MS = 20_000;
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Module options a child platform can be given: plain data (the child builds its own Redis store). */
export type ChildPlatformOptions = Partial<Omit<WeChatComponentModuleOptions, 'store' | 'authorizerStore'>>;

/** What a probe of the child answered: 200 with a value, 404, or 503 with the error the call threw. */
export interface ProbeAnswer<T> {
  readonly status: number;
  readonly value?: T;
  readonly error?: { name: string; code?: string; message: string };
}

/** A platform instance in a child process (see test/faults/fixtures/platform-child.mjs). */
export interface ChildPlatform {
  readonly pid: number;
  readonly url: string;
  readonly eventsUrl: string;
  /** The message and event URL for `appId` (WeChat's `…/$APPID$`). */
  messagesUrl(appId: string): string;
  /** Whether the process is still running. */
  readonly alive: boolean;
  /** Resolves when the process exits. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  health(): Promise<ProbeAnswer<{ ticket: boolean; componentToken: boolean; store: string; storeReachable: boolean }>>;
  token(appId: string): Promise<ProbeAnswer<{ token: string }>>;
  call(appId: string): Promise<ProbeAnswer<{ ips: string[] }>>;
  refresh(appId: string): Promise<ProbeAnswer<{ expiresAt: number }>>;
  authorizer(appId: string): Promise<ProbeAnswer<{ status: string; hasRefreshToken: boolean }>>;
  /** Sends `signal` (default SIGKILL) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Shuts the instance down (SIGTERM, SIGKILL after 5 s). Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a platform in a child process on the Redis at `redisUrl`, under `keyPrefix`, wired to `sandbox`. The child
 * runs the built library (libs/wechat-component/dist), which test/global-setup.ts rebuilds when stale.
 */
export async function startChildPlatform(
  sandbox: RunningSandbox,
  setup: { redisUrl: string; keyPrefix: string; options?: ChildPlatformOptions },
): Promise<ChildPlatform> {
  installExitHook();
  const config = {
    redisUrl: setup.redisUrl,
    keyPrefix: setup.keyPrefix,
    options: { ...sandboxConnection(sandbox), refresh: false, ...setup.options },
  };
  const child = spawn(process.execPath, [FIXTURE], {
    env: { ...process.env, PLATFORM_CHILD_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  live.add(child);
  let output = '';
  child.once('error', (error) => (output += `\nspawn failed: ${error.message}\n`));
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child platform not ready within ${READY_TIMEOUT_MS} ms:\n${output}`)), READY_TIMEOUT_MS);
    const onData = (): void => {
      const match = /^READY (\{.*\})$/m.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve((JSON.parse(match[1]!) as { port: number }).port);
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`child platform exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });

  const url = `http://127.0.0.1:${port}`;
  const probe = async <T>(method: 'GET' | 'POST', path: string): Promise<ProbeAnswer<T>> => {
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, { method, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      await Promise.race([exited, sleep(200)]); // a refused connection may be the process dying: let its exit arrive
      if (child.exitCode === null && child.signalCode === null) throw error;
      throw new Error(`the platform process has exited (${child.exitCode ?? child.signalCode}); its last output:\n${output.slice(-3000)}`, { cause: error });
    }
    const body = (await response.json()) as unknown;
    if (response.status === 503) return { status: 503, error: body as ProbeAnswer<T>['error'] };
    return response.status === 200 ? { status: 200, value: body as T } : { status: response.status };
  };
  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };

  return {
    pid: child.pid!,
    url,
    eventsUrl: `${url}/wechat/component/events`,
    messagesUrl: (appId) => `${url}/wechat/component/messages/${appId}`,
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    exited,
    output: () => output,
    health: () => probe('GET', '/probe/health'),
    token: (appId) => probe('GET', `/probe/token/${appId}`),
    call: (appId) => probe('GET', `/probe/call/${appId}`),
    refresh: (appId) => probe('POST', `/probe/refresh/${appId}`),
    authorizer: (appId) => probe('GET', `/probe/authorizer/${appId}`),
    kill,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await kill('SIGTERM');
      clearTimeout(forced);
    },
  };
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}
