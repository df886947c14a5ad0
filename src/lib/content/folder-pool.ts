import { Worker } from 'node:worker_threads';
import type { PractitionerRead } from './read-portfolios.ts';
import { readerModule, type HeldCase, type ListingCaseRead, type ReadJob, type ReaderCaseRead, type ReaderData, type ReaderRequest } from './read-worker.ts';

/** A job's answer: what reading it gave, or `undefined` when no reader could (the caller reads it). */
export type ReadAnswer = ReaderCaseRead | PractitionerRead | undefined;
/** A job's answer when only the listing is asked for (see `ListingCaseRead`). */
export type ListingAnswer = ListingCaseRead | PractitionerRead | undefined;

/** Worker threads that read and validate portfolio files, so a start-up read uses every core. */
export interface FolderPool {
  /** How many readers run: a caller keeps about twice as many batches asked for, no more. */
  readonly size: number;
  /** Reads these files; one answer per job, in order. Never rejects. */
  read(jobs: readonly ReadJob[]): Promise<ReadAnswer[]>;
  /** Reads these files for a listing (cases as `ListedCase`s); one answer per job, in order. Never rejects. */
  readListing(jobs: readonly ReadJob[]): Promise<ListingAnswer[]>;
  /**
   * Hands every case the readers parsed and hold (their parse-cache rows: a first start's) to
   * `take`, a batch at a time, until each reader has none left or has ended. Never rejects.
   */
  handOverHeld(take: (cases: HeldCase[]) => Promise<void>): Promise<void>;
  /** Ends the readers once they wrote their parse cache; batches still queued answer `undefined`. */
  close(): Promise<void>;
}

/** A request sent, waiting for its answer; `fail` answers it when its reader ended first. */
interface Pending { request: ReaderRequest; resolve: (answer: never) => void; fail: () => void }

/** Batches a reader holds at once: one it works on and one waiting, so it never idles between messages. */
const inFlightPerWorker = 2;
/** Held cases per message of a hand-over (~20 ms of a reader's work). */
const heldPerMessage = 200;

/**
 * Starts `size` readers. A case costs ~100 µs at start (stat, read, YAML, listing, schema, rules):
 * on readers that runs on every core, and the main thread only receives validated cases (or, on a
 * first start, first what listings need of them, then the whole cases the readers hold) while it
 * keeps answering requests. Each reader runs `readCase` and `readPractitioner` themselves
 * (read-worker.ts), with its own connection to the parse cache.
 */
export function createFolderPool(size: number, data: Omit<ReaderData, 'role'>): FolderPool {
  const queue: Pending[] = [];
  const lanes = new Map<Worker, Pending[]>();
  let closed = false;

  const send = (worker: Worker, pending: Pending) => {
    lanes.get(worker)!.push(pending);
    worker.postMessage(pending.request);
  };
  const pump = () => {
    for (const [worker, running] of lanes) {
      while (running.length < inFlightPerWorker && queue.length) send(worker, queue.shift()!);
    }
  };
  const retire = (worker: Worker) => {
    // A reader that died (it could not load, ran out of memory) fails only its own requests.
    lanes.get(worker)?.forEach((pending) => pending.fail());
    lanes.delete(worker);
    if (lanes.size === 0) queue.splice(0).forEach((pending) => pending.fail());
  };

  const count = Math.max(1, Math.floor(size));
  for (let i = 0; i < count; i++) {
    // The young generation is large enough that a batch's garbage (YAML, JSON, zod) dies young.
    // The parse-cache rows a reader holds until the read is done are outside its heap
    // (parse-cache.ts); the old generation's cap is a ceiling, not a reservation: at 128 MB the
    // collector ran more often and a 100k-case read took ~0.3 s longer than at 320.
    const worker = new Worker(readerModule, { workerData: { ...data, role: 'healed-content-reader' } satisfies ReaderData, resourceLimits: { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 320 } });
    worker.unref();
    lanes.set(worker, []);
    // A reader answers its requests in the order they were sent.
    worker.on('message', (answer: unknown) => {
      lanes.get(worker)?.shift()?.resolve(answer as never);
      pump();
    });
    // Attached at once: a worker error with no listener would end the process.
    worker.on('error', () => retire(worker));
    worker.on('exit', () => retire(worker));
  }

  /** Asks any reader for a batch; answered `undefined` per job when none could read it. */
  function batch<A>(jobs: readonly ReadJob[], answer: 'case' | 'listing'): Promise<A[]> {
    const unread = () => jobs.map(() => undefined as A);
    if (closed || lanes.size === 0) return Promise.resolve(unread());
    return new Promise((resolve) => {
      queue.push({ request: { kind: 'read', jobs, answer }, resolve, fail: () => resolve(unread()) });
      pump();
    });
  }

  /** One reader's held cases, two messages ahead of the one taken, until it has none left (or ends). */
  async function handOverFrom(worker: Worker, take: (cases: HeldCase[]) => Promise<void>): Promise<void> {
    const ask = () => new Promise<HeldCase[]>((resolve) => {
      if (!lanes.has(worker)) return resolve([]);
      send(worker, { request: { kind: 'held', count: heldPerMessage }, resolve, fail: () => resolve([]) });
    });
    const asked = [ask(), ask()];
    for (;;) {
      const cases = await asked.shift()!;
      // None left (a failed message too: what it would have handed on, the caller reads itself).
      if (!cases.length) return;
      asked.push(ask());
      await take(cases);
    }
  }

  return {
    size: count,
    read: (jobs) => batch<ReadAnswer>(jobs, 'case'),
    readListing: (jobs) => batch<ListingAnswer>(jobs, 'listing'),
    handOverHeld: async (take) => void (await Promise.all([...lanes.keys()].map((worker) => handOverFrom(worker, take)))),
    async close() {
      closed = true;
      // Each reader writes the parse-cache rows it held through the read (~1 s for 50k rows) and
      // ends; one that does not within 60 s is stopped (the cache is derived: rows may go unwritten).
      await Promise.all([...lanes.keys()].map((worker) => new Promise<void>((resolve) => {
        const stop = setTimeout(() => void worker.terminate(), 60_000);
        worker.once('exit', () => (clearTimeout(stop), resolve()));
        worker.postMessage({ kind: 'close' } satisfies ReaderRequest);
      })));
    },
  };
}
