/** A customer-service message an account sent through `message/custom/send`. */
export interface SentMessage {
  id: number;
  /** ms since the epoch. */
  at: number;
  appId: string;
  touser: string;
  msgtype: string;
  /** `text.content` for text messages. */
  content?: string;
  /** The request body as received. */
  body: Record<string, unknown>;
}

type Waiter = (message: SentMessage) => boolean;

/** Per account, the last messages it sent (bounded), and waiters for the next matching one. */
export class SentMessages {
  private readonly byAppId = new Map<string, SentMessage[]>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private nextId = 0;

  constructor(
    private readonly clock: () => number,
    private readonly perAccount = 100,
  ) {}

  record(appId: string, body: Record<string, unknown>, touser: string, msgtype: string, content?: string): SentMessage {
    const message: SentMessage = { id: ++this.nextId, at: this.clock(), appId, touser, msgtype, body };
    if (content !== undefined) message.content = content;
    let list = this.byAppId.get(appId);
    if (!list) this.byAppId.set(appId, (list = []));
    list.push(message);
    if (list.length > this.perAccount) list.shift();
    for (const waiter of this.waiters.get(appId) ?? []) waiter(message);
    return message;
  }

  /** Oldest first. */
  list(appId: string): readonly SentMessage[] {
    return this.byAppId.get(appId) ?? [];
  }

  /**
   * Resolves with the first message of the account sent after this call that matches, or undefined after
   * `timeoutMs`.
   */
  waitFor(appId: string, matches: (message: SentMessage) => boolean, timeoutMs: number): Promise<SentMessage | undefined> {
    return new Promise((resolve) => {
      let set = this.waiters.get(appId);
      if (!set) this.waiters.set(appId, (set = new Set()));
      const done = (message: SentMessage | undefined): void => {
        clearTimeout(timer);
        set.delete(waiter);
        if (set.size === 0) this.waiters.delete(appId);
        resolve(message);
      };
      const waiter: Waiter = (message) => {
        if (!matches(message)) return false;
        done(message);
        return true;
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      set.add(waiter);
    });
  }
}
