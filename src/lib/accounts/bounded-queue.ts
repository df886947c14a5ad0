/**
 * At most `concurrency` tasks run at once and at most `maxWaiting` wait; past that a task is
 * refused at once rather than queued. Password checks go through one: each scrypt takes ~32 MiB
 * and tens of milliseconds, so an unbounded burst of sign-ins would take the memory and the
 * thread pool that uploads and pages need.
 */
export interface BoundedQueue {
  /** Runs `task` when a slot frees, or returns undefined at once when the queue is full. */
  tryRun<T>(task: () => Promise<T>): Promise<T> | undefined;
  /** Whether `tryRun` would refuse now. */
  readonly full: boolean;
  /** Tasks running and waiting now (for tests and health). */
  readonly load: { running: number; waiting: number };
}

/** A new bounded queue. */
export function createBoundedQueue({ concurrency, maxWaiting }: { concurrency: number; maxWaiting: number }): BoundedQueue {
  let running = 0;
  const waiting: Array<() => void> = [];
  const isFull = () => running >= concurrency && waiting.length >= maxWaiting;
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return {
    tryRun<T>(task: () => Promise<T>): Promise<T> | undefined {
      if (isFull()) return undefined;
      const start = async (): Promise<T> => {
        running++;
        try {
          return await task();
        } finally {
          release();
        }
      };
      if (running < concurrency) return start();
      return new Promise<void>((resolve) => waiting.push(resolve)).then(start);
    },
    get full() {
      return isFull();
    },
    get load() {
      return { running, waiting: waiting.length };
    },
  };
}
