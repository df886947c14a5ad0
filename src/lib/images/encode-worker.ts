/**
 * Worker thread entry of the encode pool: encodes one photo per message. Each worker owns one
 * photo at a time, which is how the pool keeps every core busy (sharp.concurrency() is 1 here).
 */
import { parentPort } from 'node:worker_threads';
import { runEncodeTask, type EncodeTask } from './encode-task.ts';

if (!parentPort) throw new Error('encode-worker.ts runs only as a worker thread (see pool.ts)');
const port = parentPort;

port.on('message', async (task: EncodeTask) => {
  // runEncodeTask never rejects, so every message gets exactly one answer.
  port.postMessage(await runEncodeTask(task));
});
