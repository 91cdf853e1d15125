import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { findingKinds, type Finding } from '../../src/findings/finding.js';
import { evaluateGate, type RunCheck } from '../../src/findings/gate.js';
import { parseText } from '../../src/parse/index.js';
import { checkTrace } from '../../src/pipeline.js';
import { renderAnnotations } from '../../src/report/annotations.js';
import { checkRunLines, checkVerdictLine } from '../../src/report/check-lines.js';
import { gateTotals } from '../../src/findings/gate.js';
import { renderJunit } from '../../src/report/junit.js';
import {
  MAX_SUMMARY_FINDINGS,
  MAX_SUMMARY_ROWS,
  MarkdownSummary,
  renderMarkdownSummary,
} from '../../src/report/markdown-summary.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

/**
 * `check` judges each run as it closes and spools its text; the outputs must be the bytes of
 * judging every run in memory at the end (the library's checkTrace over whole timelines).
 */
let out = '';
beforeEach(() => {
  out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  process.env.GITHUB_ACTIONS = 'true';
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.GITHUB_ACTIONS;
});
const dir = mkdtempSync(join(tmpdir(), 'gosched-check-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (f: string) => readFileSync(f, 'utf8');

/**
 * Two compose services from real samples, interleaved: `api-1` one long run, `worker-1` three
 * samples one after the other (three runs, each restarting at SCHED 0ms). The worker's runs close
 * while the api's first run, which appeared first, is still open.
 */
function interleavedCompose(): string {
  const lines = (f: string) =>
    read(join('samples', f))
      .split('\n')
      .filter((l) => l !== '');
  const api = lines('go1.26/overflow-p1-10ms-a.log');
  const worker = [
    ...lines('go1.26/oversub-p2-20ms-a.log'),
    ...lines('go1.26/idle-p8-250ms.log'),
    ...lines('go1.26/syscalls-p2-50ms-a.log'),
  ];
  const out: string[] = [];
  for (let i = 0; i < Math.max(api.length, worker.length); i++) {
    if (i < api.length) out.push(`api-1     | ${api[i]}`);
    if (i < worker.length) out.push(`worker-1  | ${worker[i]}`);
  }
  return `${out.join('\n')}\n`;
}

/** A real log with one dump edited to break an invariant, so some runs fail the gate. */
function brokenRuns(): string {
  const a = read('samples/go1.26/oversub-p2-20ms-a.log').split('\n');
  a[4] = a[4]!.replace('idleprocs=0', 'idleprocs=9');
  return `${a.join('\n')}${read('samples/go1.26/crash-50ms.log')}${a.join('\n')}`;
}

describe('check streams runs into the same outputs as judging them all at the end', () => {
  it.each([
    ['interleaved compose services', interleavedCompose],
    ['failing runs', brokenRuns],
  ])('%s: stdout, annotations, JUnit and the Markdown summary', async (name, make) => {
    const text = make();
    const log = join(dir, `${name.replace(/ /g, '-')}.log`);
    writeFileSync(log, text);
    // In a folder not made yet (a CI artifact path): made, as report's reports/ is.
    const junit = join(dir, 'artifacts', name, 'junit.xml');
    const summary = join(dir, `${name}.md`);
    const code = await runCli(['check', log, '--fail-on', 'all', '--junit', junit, '--summary', summary]);

    const timelines = buildTimelines(parseText(text).snapshots);
    const gate = checkTrace(timelines, { failOn: [...findingKinds] });
    expect(gate.runs.length).toBeGreaterThan(2);
    expect(code).toBe(gate.failed ? 1 : 0);
    const annotations = renderAnnotations(gate, { fileOf: () => log }).map((l) => `${l}\n`);
    expect(annotations.length).toBeGreaterThan(0);
    expect(out).toBe(
      `${gate.runs.map((r) => checkRunLines(r, undefined)).join('')}${checkVerdictLine(gateTotals(gate), false)}${annotations.join('')}`,
    );
    expect(read(junit)).toBe(renderJunit(gate));
    expect(read(summary)).toBe(renderMarkdownSummary(gate));
  });

  it('the compose runs keep the order they first appeared in, not the order they closed', async () => {
    const log = join(dir, 'order.log');
    writeFileSync(log, interleavedCompose());
    await runCli(['check', log]);
    const labels = out
      .split('\n')
      .filter((l) => /^(ok {2}|FAIL) /.test(l))
      .map((l) => /^\S+\s+(.*?) \(lines/.exec(l)?.[1]);
    expect(labels).toEqual(['api-1 run 0', 'worker-1 run 0', 'worker-1 run 1', 'worker-1 run 2']);
  });
});

describe('the Markdown summary is bounded whatever the number of runs', () => {
  const finding = (run: number, kind: Finding['kind']): Finding =>
    ({ kind, severity: 'error', stream: 's', run, line: run, lastLine: run, explanation: `e${run}` }) as Finding;
  const runs = (n: number, failingEvery: number): RunCheck[] =>
    Array.from({ length: n }, (_, run) => ({
      stream: 's',
      run,
      firstLine: run,
      lastLine: run,
      findings: run % failingEvery === failingEvery - 1 ? [finding(run, 'invariant-violation')] : [],
    }));

  it('is the same as before when no cap applies', () => {
    const gate = evaluateGate(runs(MAX_SUMMARY_ROWS, 7));
    const md = renderMarkdownSummary(gate);
    expect(md.match(/^\| s run \d+ /gm)).toHaveLength(MAX_SUMMARY_ROWS);
    expect(md).not.toContain('not listed');
  });

  it('lists failing runs first, counts the rest, and keeps the listed rows in input order', () => {
    const n = 3 * MAX_SUMMARY_ROWS;
    // the failing runs (every 5th) are 600 of 3000: all of them fit in the table
    const gate = evaluateGate(runs(n, 5));
    const summary = new MarkdownSummary();
    for (const r of gate.runs) summary.add(r);
    const md = summary.render(gateTotals(gate));
    const listed = [...md.matchAll(/^\| s run (\d+) \| [^|]+\| (\S+)/gm)].map((m) => ({
      run: Number(m[1]),
      failed: m[2] === '❌',
    }));
    expect(listed).toHaveLength(MAX_SUMMARY_ROWS);
    expect(listed.filter((r) => r.failed)).toHaveLength(n / 5);
    expect(listed.map((r) => r.run)).toEqual([...listed.map((r) => r.run)].sort((a, b) => a - b));
    expect(md).toContain(`${n - MAX_SUMMARY_ROWS} more run(s) not listed (0 of them failing)`);
    expect(md.match(/^- \*\*invariant-violation\*\*/gm)).toHaveLength(MAX_SUMMARY_FINDINGS);
    expect(md).toContain(`- … and ${n / 5 - MAX_SUMMARY_FINDINGS} more`);
    expect(md.length).toBeLessThan(1 << 20);
  });
});
