import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A message between the bench runner and one of its child processes. */
export interface ChildMessage {
  readonly id?: number;
  readonly type: string;
  readonly [field: string]: unknown;
}

/**
 * A bench process (a server, a sandbox, a platform instance) started from a compiled file next to the caller, talked
 * to over IPC with request/answer pairs.
 */
export class Child {
  /** Lines the child wrote to stdout so far (read and dropped here, as a log collector would take them). */
  stdoutLines = 0;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(message: ChildMessage): void; reject(error: Error): void }>();
  private readonly ready: Promise<ChildMessage>;

  private constructor(private readonly process: ChildProcess) {
    process.stdout?.on('data', (chunk: Buffer) => {
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) this.stdoutLines++;
    });
    this.ready = new Promise((resolve, reject) => {
      process.once('exit', (code) => reject(new Error(`bench child exited early (code ${code})`)));
      process.on('message', (raw) => {
        const message = raw as ChildMessage;
        if (message.type === 'ready') resolve(message);
        const pending = message.id === undefined ? undefined : this.waiting.get(message.id);
        if (!pending) return;
        this.waiting.delete(message.id!);
        if (message.type === 'error') pending.reject(new Error(String(message.message)));
        else pending.resolve(message);
      });
    });
  }

  /**
   * Forks `file` (a path relative to `fromUrl`, i.e. `import.meta.url`) with `args`, and waits for its `ready`. Its
   * stdout is a pipe to this process (lines counted, then dropped); its stderr is this process's.
   */
  static async start(fromUrl: string, file: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ child: Child; ready: ChildMessage }> {
    const path = fileURLToPath(new URL(file, fromUrl));
    // BENCH_CHILD_FLAGS passes Node flags to the children, e.g. "--cpu-prof" to profile them.
    const execArgv = [...process.execArgv, ...(process.env.BENCH_CHILD_FLAGS ?? '').split(' ').filter(Boolean)];
    const child = new Child(fork(path, args, { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] }));
    return { child, ready: await child.ready };
  }

  /** Sends a request and resolves with the child's answer. */
  request(type: string, fields: Record<string, unknown> = {}): Promise<ChildMessage> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.process.send({ id, type, ...fields });
    });
  }

  /** Asks the child to stop and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.send({ type: 'stop' });
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * The child side: announces `ready` with `fields`, answers each request with `handle`, and exits on `stop` after
 * `close`.
 */
export function serveParent(
  fields: Record<string, unknown>,
  handle: (message: ChildMessage) => Promise<Record<string, unknown>>,
  close: () => Promise<void>,
): void {
  process.on('message', (raw) => {
    const message = raw as ChildMessage;
    if (message.type === 'stop') {
      void close().finally(() => process.exit(0));
      return;
    }
    handle(message).then(
      (answer) => process.send?.({ id: message.id, type: 'answer', ...answer }),
      (error: Error) => process.send?.({ id: message.id, type: 'error', message: error.message }),
    );
  });
  process.send?.({ type: 'ready', ...fields });
}
