/**
 * Ends every run with two plain lines: how many database tests ran on each database, and
 * the totals as `Tests: N passed, N failed, N skipped` — a closing line any CI log reader
 * understands, and proof in the log that both databases were exercised.
 */
import type { Reporter, TestModule } from 'vitest/node';

const DATABASE_PATTERN = /on the (embedded|postgres) database/;

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const totals = { passed: 0, failed: 0, skipped: 0 };
    const perDatabase = new Map<string, { passed: number; failed: number }>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        const outcome = state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped';
        totals[outcome] += 1;
        const database = DATABASE_PATTERN.exec(test.fullName)?.[1];
        if (database && outcome !== 'skipped') {
          const counts = perDatabase.get(database) ?? { passed: 0, failed: 0 };
          counts[outcome] += 1;
          perDatabase.set(database, counts);
        }
      }
    }
    const databases = ['embedded', 'postgres'].map((name) => {
      const counts = perDatabase.get(name);
      return counts ? `${name} ${counts.passed} passed, ${counts.failed} failed` : `${name} not run`;
    });
    console.log(`\nDatabase tests: ${databases.join('; ')}`);
    console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  }
}
