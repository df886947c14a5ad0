/**
 * vitest globalSetup of the `integration` and `e2e` projects: build `dist/` once, before any test
 * file starts a server, and only when it is missing or older than its sources.
 */
import { ensureBuilt } from './server.ts';

/** Runs in vitest's main process, so one build serves every worker. */
export default function setup(): void {
  ensureBuilt((line) => console.log(line));
}
