import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EncodeOutcome, EncodeTask } from './encode-task.ts';

/** Runs encode tasks on up to `size` photos at once, one worker thread per photo. */
export interface EncodePool {
  /** Encodes one photo; resolves with a status, never rejects (a crashed worker is a `failed`). */
  run(task: EncodeTask): Promise<EncodeOutcome>;
  /** Stops every worker; pending tasks must have settled first. */
  close(): Promise<void>;
}

interface Job { task: EncodeTask; resolve: (outcome: EncodeOutcome) => void }

/**
 * Where the worker entry is, or `undefined` when workers cannot run it. Built with path.join rather
 * than `new URL(…, import.meta.url)` so bundlers leave it alone: in Astro's bundled server the
 * source file is not beside the chunk, and on a Node that cannot strip types a `.ts` worker cannot
 * load. Then tasks run in-process; sharp still works off the main thread on libuv's pool.
 */
function workerEntry(): string | undefined {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'encode-worker.ts');
  const stripsTypes = Boolean((process.features as { typescript?: unknown }).typescript);
  return stripsTypes && existsSync(file) ? file : undefined;
}

/** Creates a pool of `size` lanes: worker threads when possible, in-process tasks otherwise. */
export function createEncodePool(size: number): EncodePool {
  const entry = workerEntry();
  const limit = Math.max(1, Math.floor(size));
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  const workers = new Set<Worker>();
  let inProcess = 0;

  const settle = (worker: Worker, outcome: EncodeOutcome) => {
    const job = busy.get(worker);
    busy.delete(worker);
    job?.resolve(outcome);
  };

  const spawn = (file: string): Worker => {
    const worker = new Worker(file);
    workers.add(worker);
    worker.on('message', (outcome: EncodeOutcome) => {
      settle(worker, outcome);
      idle.push(worker);
      pump();
    });
    // A worker that dies (out of memory, a native crash) fails its photo only; a new worker
    // takes the next one.
    worker.on('error', (error) => settle(worker, { status: 'failed', message: `the encoder crashed: ${error.message}` }));
    worker.on('exit', (code) => {
      workers.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      settle(worker, { status: 'failed', message: `the encoder stopped (exit code ${code})` });
      pump();
    });
    return worker;
  };

  const runInProcess = (job: Job) => {
    inProcess++;
    import('./encode-task.ts')
      .then(({ runEncodeTask }) => runEncodeTask(job.task))
      .catch((error: Error): EncodeOutcome => ({ status: 'failed', message: `the encoder failed to load: ${error.message}` }))
      .then((outcome) => {
        inProcess--;
        job.resolve(outcome);
        pump();
      });
  };

  function pump(): void {
    while (queue.length > 0) {
      if (!entry) {
        if (inProcess >= limit) return;
        runInProcess(queue.shift()!);
        continue;
      }
      const worker = idle.pop() ?? (workers.size < limit ? spawn(entry) : undefined);
      if (!worker) return;
      const job = queue.shift()!;
      busy.set(worker, job);
      worker.postMessage(job.task);
    }
  }

  return {
    run(task) {
      return new Promise((resolve) => {
        queue.push({ task, resolve });
        pump();
      });
    },
    async close() {
      queue.length = 0;
      const stopping = [...workers].map((worker) => worker.terminate());
      idle.length = 0;
      await Promise.all(stopping);
    },
  };
}
