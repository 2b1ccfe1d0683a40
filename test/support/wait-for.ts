/** The first item of `items` (a live list) matching `predicate`, polling until `timeoutMs`. */
export async function waitForItem<T>(items: readonly T[], predicate: (item: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = items.find(predicate);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} did not arrive in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The first defined value `check` resolves to, polling until `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} did not arrive in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves once `check` holds, polling until `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  await waitFor(async () => ((await check()) ? true : undefined), what, timeoutMs);
}
