/** Runs at most `size` tasks at once; the rest wait their turn in order. */
export interface Gate {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * A counting semaphore. Ingest decodes through it so that ten uploads arriving together hold ten
 * compressed files in memory, but only `size` decoded ones: the difference is hundreds of MB.
 */
export function createGate(size: number): Gate {
  const limit = Math.max(1, Math.floor(size));
  const waiting: (() => void)[] = [];
  let active = 0;
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < limit) active++;
      else await new Promise<void>((resolve) => waiting.push(resolve)); // the releaser hands its slot over
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
