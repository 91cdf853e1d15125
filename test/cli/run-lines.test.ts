import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, runBuiltCli } from '../helpers/run-built-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'gosched-run-lines-'));

beforeAll(() => ensureBuilt());

/** Real logs whose run ends past its last SCHED line, and the lines every command should give. */
const cases = [
  // Two gctrace cycles after the last dump (a cycle before the first one too).
  { log: 'samples/programs/lowgogc-go1.22-p2-gctrace-100ms.log', first: 2, last: 74 },
  // The last dump's P, M and G lines.
  { log: 'samples/go1.26/netpoll-p2-detail-200ms.log', first: 1, last: 723 },
  // The crash dump's P, M and G lines, then the panic and its traceback.
  { log: 'test/fixtures/procspanic-go1.26-p6-crash-100ms.log', first: 1, last: 47 },
];

describe('analyze, check and report give a run the same lines', () => {
  for (const { log, first, last } of cases) {
    test(log, () => {
      const analyze = runBuiltCli(['analyze', '--json', log]);
      expect(analyze.code).toBe(0);
      const runs = (JSON.parse(analyze.stdout) as { runs: { firstLine: number; lastLine: number }[] }).runs;
      expect(runs.map((r) => [r.firstLine, r.lastLine])).toEqual([[first, last]]);

      const check = runBuiltCli(['check', log, '--fail-on', 'none']);
      expect(check.stdout).toContain(`(lines ${first}-${last})`);

      const html = join(scratch, 'report.html');
      const report = runBuiltCli(['report', log, '-o', html, '--no-replay']);
      expect(report.code).toBe(0);
      expect(readFileSync(html, 'utf8')).toContain(`<td>${first}–${last}</td>`);
    });
  }
});
