import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Three projects, so `npm test` reports each part and `npx vitest run --project unit` runs in seconds:
 * - unit: the library in-process;
 * - e2e: the built CLI as a user runs it (a test file is e2e when it uses the built-CLI helper);
 *   dist/ is rebuilt first when any file under src/ is newer than it;
 * - browser: HTML reports in headless Chromium (each file skips with a line when there is none).
 */
function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? testFiles(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}
const all = testFiles('test');
const browser = all.filter((f) => f.startsWith(join('test', 'browser')));
const e2e = all.filter((f) => !browser.includes(f) && /run-built-cli\.js/.test(readFileSync(f, 'utf8')));
const unit = all.filter((f) => !browser.includes(f) && !e2e.includes(f));

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Two test files at a time even on two cores (vitest's default leaves one core to itself): much of
    // the suite waits on child processes and Chromium, and the run takes about 0.7 of the time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: unit } },
      { extends: true, test: { name: 'e2e', include: e2e, globalSetup: ['test/helpers/build-once.ts'] } },
      { extends: true, test: { name: 'browser', include: browser } },
    ],
  },
});
