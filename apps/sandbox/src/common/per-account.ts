/** State kept per account, created on first use (most accounts never touch most API groups). */
export class PerAccount<T> {
  private readonly byAppId = new Map<string, T>();

  constructor(private readonly create: (appId: string) => T) {}

  /** The account's state, created if needed. */
  of(appId: string): T {
    let state = this.byAppId.get(appId);
    if (state === undefined) this.byAppId.set(appId, (state = this.create(appId)));
    return state;
  }

  /** The account's state if it exists. */
  peek(appId: string): T | undefined {
    return this.byAppId.get(appId);
  }

  /** The accounts that have this state, in creation order. */
  entries(): IterableIterator<[appId: string, state: T]> {
    return this.byAppId.entries();
  }
}
