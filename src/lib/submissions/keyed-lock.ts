/**
 * Runs tasks one at a time per key, in arrival order, within this process. Masters are shared by
 * content address: adding one photo and deleting another with the same master must not interleave
 * their "is it still used?" check with the file write or delete.
 */
export function createKeyedLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task);
    const tail = run.catch(() => {});
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
