import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { readerModule } from '../../src/lib/content/read-worker.ts';

/** A thread's nice value: field 19 of its /proc stat line (the fields after the command's ")"). */
const niceOf = (statLine: string) => Number(statLine.slice(statLine.lastIndexOf(')') + 2).split(' ')[16]);

describe('reader thread priority', () => {
  it.runIf(process.platform === 'linux')('lowers the calling thread only to the lowest priority', async () => {
    const code = `
      const { parentPort } = require('node:worker_threads');
      const { readFileSync } = require('node:fs');
      import(${JSON.stringify(readerModule.href)}).then((m) => {
        const before = readFileSync('/proc/thread-self/stat', 'utf8');
        m.lowerOwnPriority();
        parentPort.postMessage({ before, after: readFileSync('/proc/thread-self/stat', 'utf8') });
      });`;
    const worker = new Worker(code, { eval: true });
    const { before, after } = await new Promise<{ before: string; after: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(niceOf(before)).toBe(niceOf(readFileSync('/proc/thread-self/stat', 'utf8')));
    expect(niceOf(after)).toBe(19);
    // This thread (the server's main thread, in the server) keeps its priority.
    expect(niceOf(readFileSync('/proc/thread-self/stat', 'utf8'))).toBe(niceOf(before));
  });
});
