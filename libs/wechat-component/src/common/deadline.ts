/**
 * Settles as `work` does, or — when `ms` pass first — as `onTimeout()` does: return a value to resolve with it, throw
 * (a typed error) to reject. `work` is never cancelled: it keeps running, and a late failure of it is observed here so
 * it is never an unhandled rejection. The timer is cleared as soon as either side wins and never holds the process
 * open on its own.
 */
export function withinDeadline<T, L = never>(work: PromiseLike<T>, ms: number, onTimeout: () => L): Promise<T | L> {
  return new Promise<T | L>((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (error) {
        reject(error);
      }
    }, Math.max(0, ms));
    timer.unref();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Whether `work` settles, either way, within `ms` (it keeps running either way). */
export function settlesWithin(work: PromiseLike<unknown>, ms: number): Promise<boolean> {
  const settled = work.then(
    () => true,
    () => true,
  );
  return withinDeadline(settled, ms, () => false);
}
