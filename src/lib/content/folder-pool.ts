import { Worker } from 'node:worker_threads';
import type { PractitionerRead } from './read-portfolios.ts';
import { readerModule, type ReadJob, type ReaderCaseRead, type ReaderData } from './read-worker.ts';

/** A job's answer: what reading it gave, or `undefined` when no reader could (the caller reads it). */
export type ReadAnswer = ReaderCaseRead | PractitionerRead | undefined;

/** Worker threads that read and validate portfolio files, so a start-up read uses every core. */
export interface FolderPool {
  /** How many readers run: a caller keeps about twice as many batches asked for, no more. */
  readonly size: number;
  /** Reads these files; one answer per job, in order. Never rejects. */
  read(jobs: readonly ReadJob[]): Promise<ReadAnswer[]>;
  /** Ends the readers once they wrote their parse cache; batches still queued answer `undefined`. */
  close(): Promise<void>;
}

interface Batch { jobs: readonly ReadJob[]; resolve: (answers: ReadAnswer[]) => void }

/** Batches a reader holds at once: one it works on and one waiting, so it never idles between messages. */
const inFlightPerWorker = 2;

/**
 * Starts `size` readers. A case costs ~100 µs at start (stat, read, YAML, listing, schema, rules):
 * on readers that runs on every core, and the main thread only receives validated cases (~8 µs
 * each to clone in) while it keeps answering requests. Each reader runs `readCase` and
 * `readPractitioner` themselves (read-worker.ts), with its own connection to the parse cache.
 */
export function createFolderPool(size: number, data: Omit<ReaderData, 'role'>): FolderPool {
  const queue: Batch[] = [];
  const lanes = new Map<Worker, Batch[]>();
  let closed = false;

  const fail = (batch: Batch) => batch.resolve(batch.jobs.map(() => undefined));
  const pump = () => {
    for (const [worker, running] of lanes) {
      while (running.length < inFlightPerWorker && queue.length) {
        const batch = queue.shift()!;
        running.push(batch);
        worker.postMessage(batch.jobs);
      }
    }
  };
  const retire = (worker: Worker) => {
    // A reader that died (it could not load, ran out of memory) fails only its own batches.
    lanes.get(worker)?.forEach(fail);
    lanes.delete(worker);
    if (lanes.size === 0) queue.splice(0).forEach(fail);
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
    worker.on('message', (answers: ReadAnswer[]) => {
      lanes.get(worker)?.shift()?.resolve(answers);
      pump();
    });
    // Attached at once: a worker error with no listener would end the process.
    worker.on('error', () => retire(worker));
    worker.on('exit', () => retire(worker));
  }

  return {
    size: count,
    read(jobs) {
      if (closed || lanes.size === 0) return Promise.resolve(jobs.map(() => undefined));
      return new Promise((resolve) => {
        queue.push({ jobs, resolve });
        pump();
      });
    },
    async close() {
      closed = true;
      // Each reader writes the parse-cache rows it held through the read (~1 s for 50k rows) and
      // ends; one that does not within 60 s is stopped (the cache is derived: rows may go unwritten).
      await Promise.all([...lanes.keys()].map((worker) => new Promise<void>((resolve) => {
        const stop = setTimeout(() => void worker.terminate(), 60_000);
        worker.once('exit', () => (clearTimeout(stop), resolve()));
        worker.postMessage('close');
      })));
    },
  };
}
