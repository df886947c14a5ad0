/**
 * A silent vitest reporter: writes `{ passed, failed, skipped }` to `$HEALED_TEST_TOTALS` so
 * `.ci/run` can close with one plain "N passed, N failed" line. vitest's own JSON reporter prints
 * a line after the summary; this one prints nothing, so `npm test` still ends with the summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class TotalsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const file = process.env.HEALED_TEST_TOTALS;
    if (!file) return;
    const totals = { passed: 0, failed: 0, skipped: 0, errors: unhandledErrors.length };
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') totals.passed++;
        else if (state === 'failed') totals.failed++;
        else totals.skipped++;
      }
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(totals));
  }
}
