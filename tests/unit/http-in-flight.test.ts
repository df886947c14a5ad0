import { describe, expect, it, vi } from 'vitest';
import createProvider from '../../src/lib/cache/route-cache-provider.ts';
import { createRequestsInFlight, requestsInFlight } from '../../src/lib/http/in-flight.ts';

/** Whether `promise` has settled once pending callbacks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('requests in flight', () => {
  it('lets waiting work start once every request being answered is answered', async () => {
    const inFlight = createRequestsInFlight();
    expect(await settled(inFlight.whenNone(60_000))).toBe(true);
    const first = inFlight.started();
    const second = inFlight.started();
    const waiting = inFlight.whenNone(60_000);
    first();
    first(); // answered twice counts once
    expect(await settled(waiting)).toBe(false);
    second();
    expect(await settled(waiting)).toBe(true);
  });

  it('stops waiting after the longest wait under steady traffic', async () => {
    vi.useFakeTimers();
    try {
      const inFlight = createRequestsInFlight();
      inFlight.started();
      let done = false;
      void inFlight.whenNone(2_000).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(1_999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts a request through the route-cache provider until its answer is made', async () => {
    const provider = createProvider({ max: 10 });
    const request = new Request('http://healed.test/', { headers: { 'Accept-Encoding': 'br' } });
    let release!: () => void;
    const rendering = new Promise<void>((resolve) => (release = resolve));
    const answer = provider.onRequest!({ request, url: new URL(request.url), logger: { info() {}, warn() {}, error() {} } } as never, async () => {
      await rendering;
      return new Response('<p>home</p>'.repeat(100), { headers: { 'Content-Type': 'text/html' } });
    });
    const quiet = requestsInFlight.whenNone(60_000);
    expect(await settled(quiet)).toBe(false);
    release();
    await answer;
    expect(await settled(quiet)).toBe(true);
  });
});
