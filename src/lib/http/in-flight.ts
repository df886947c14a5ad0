/** Counts the requests being answered, so work that can wait lets them finish first. */
export interface RequestsInFlight {
  /** A request began; call the returned function once when it is answered (calling it again does nothing). */
  started(): () => void;
  /** Resolves when no request is being answered, or after `maxWaitMs` under steady traffic. */
  whenNone(maxWaitMs: number): Promise<void>;
}

export function createRequestsInFlight(): RequestsInFlight {
  let count = 0;
  let waiting: Array<() => void> = [];
  return {
    started() {
      count++;
      let answered = false;
      return () => {
        if (answered) return;
        answered = true;
        if (--count > 0) return;
        const wake = waiting;
        waiting = [];
        wake.forEach((resolve) => resolve());
      };
    },
    whenNone(maxWaitMs) {
      if (count === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, maxWaitMs);
        timer.unref();
        waiting.push(() => (clearTimeout(timer), resolve()));
      });
    },
  };
}

/**
 * The server's count, kept by the route-cache provider (Astro calls it around every request):
 * the start-up's background work waits for the pages that waited for content (gallery/startup.ts).
 */
export const requestsInFlight = createRequestsInFlight();
