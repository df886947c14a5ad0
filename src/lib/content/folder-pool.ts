import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A YAML file of portfolios/ to read on a worker. */
export interface YamlJob {
  /** Absolute path of the file (a case.yaml or a practitioner.yaml). */
  file: string;
  /** Also list the names of the files beside it (a case folder's photos). */
  withFiles?: boolean;
  /** The stamp a parse cache holds for it: when the file still has it, it is not read again. */
  known?: string;
}

/**
 * What a worker found: the stamp (the file's size and times, its folder's time: it changes when
 * the file is rewritten or a file is added to or removed from the folder), and unless that is
 * the `known` stamp, `{ raw, files }` as JSON text (the YAML parsed by js-yaml's core schema, the
 * folder's file names or none). `undefined` when it could not read or parse the file (missing,
 * not YAML, a crashed worker): the caller reads that one itself, which words the problem.
 */
export type YamlAnswer = { stamp: string; json?: string } | undefined;

/** Worker threads that read and parse portfolio files, so a start-up read uses every core. */
export interface FolderPool {
  /** How many workers run: a caller keeps about twice as many batches asked for, no more. */
  readonly size: number;
  /** Reads these files; one answer per job, in order. Never rejects. */
  read(jobs: readonly YamlJob[]): Promise<YamlAnswer[]>;
  /** Ends the workers; batches still queued answer `undefined` for every file. */
  close(): Promise<void>;
}

interface Batch { jobs: readonly YamlJob[]; resolve: (answers: YamlAnswer[]) => void }

/** Batches a worker holds at once: one it works on and one waiting, so it never idles between messages. */
const inFlightPerWorker = 2;

/**
 * Starts `size` workers. Reading a case folder is I/O plus a YAML parse (about two thirds of what
 * a case costs at start): on worker threads that part runs on every core while the main thread
 * validates what comes back and keeps answering requests. JSON text is what crosses threads
 * (cheaper to receive than a cloned object tree, and what the parse cache stores); parsed on the
 * main thread, it leaves no string sharing memory with a whole file's text.
 */
export function createFolderPool(size: number): FolderPool {
  const jsYaml = createRequire(import.meta.url).resolve('js-yaml');
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
    // A worker that died fails only its own batches (read in-process by the caller).
    lanes.get(worker)?.forEach(fail);
    lanes.delete(worker);
    if (lanes.size === 0) queue.splice(0).forEach(fail);
  };

  const count = Math.max(1, Math.floor(size));
  for (let i = 0; i < count; i++) {
    // A worker holds one batch at a time: small heaps keep the read ~100 MB lighter at 100k cases.
    const worker = new Worker(workerSource, { eval: true, workerData: { jsYaml }, resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 } });
    worker.unref();
    lanes.set(worker, []);
    worker.on('message', (answers: YamlAnswer[]) => {
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
      await Promise.all([...lanes.keys()].map((worker) => worker.terminate()));
    },
  };
}

/**
 * The worker's code, as plain JavaScript text run with `eval: true`: the server is bundled, so no
 * source file of ours sits beside it to start a worker from, while js-yaml (an external package)
 * is found through node_modules. It reads what `readRaw` and `readCaseFolder` in
 * read-portfolios.ts read.
 */
const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');
const { load, CORE_SCHEMA } = require(workerData.jsYaml);
function read({ file, withFiles, known }) {
  try {
    const dir = path.dirname(file);
    const [yaml, folder] = [statSync(file), statSync(dir)];
    const stamp = yaml.size + ':' + yaml.mtimeMs + ':' + folder.mtimeMs;
    if (stamp === known) return { stamp };
    const raw = load(readFileSync(file, 'utf8'), { schema: CORE_SCHEMA });
    const files = withFiles ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
    return { stamp, json: JSON.stringify({ raw, files }) };
  } catch {
    return undefined;
  }
}
parentPort.on('message', (jobs) => parentPort.postMessage(jobs.map(read)));
`;
