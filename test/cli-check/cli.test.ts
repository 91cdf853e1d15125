import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { parseText } from '../../src/parse/index.js';
import { traceFigures } from '../../src/diff/trace-diff.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { replayTimelines } from '../../src/replay/index.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

let out = '';
beforeEach(() => {
  out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.GITHUB_ACTIONS;
});
const dir = mkdtempSync(join(tmpdir(), 'gosched-check-'));

describe('gosched check', () => {
  it('passes a real log (exit 0) and writes JUnit', async () => {
    const junit = join(dir, 'ok.xml');
    expect(await runCli(['check', 'samples/go1.26/overflow-p1-10ms-a.log', '--junit', junit])).toBe(0);
    expect(out).toContain('PASSED');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('failures="0"');
    expect(xml).toContain('local-overflow');
  });
  it('fails a log edited to break an invariant (exit 1), with annotations on GitHub Actions', async () => {
    const lines = readFileSync('samples/go1.26/oversub-p2-20ms-a.log', 'utf8').split('\n');
    lines[4] = lines[4]!.replace('idleprocs=0', 'idleprocs=9');
    const bad = join(dir, 'bad.log');
    writeFileSync(bad, lines.join('\n'));
    process.env.GITHUB_ACTIONS = 'true';
    const junit = join(dir, 'bad.xml');
    const summary = join(dir, 'summary.md');
    expect(await runCli(['check', bad, '--junit', junit, '--summary', summary])).toBe(1);
    expect(out).toContain(`::error file=${bad.replace(/:/g, '%3A')},line=5,title=gosched invariant-violation::`);
    expect(readFileSync(junit, 'utf8')).toMatch(
      /<failure message="1 invariant-violation finding\(s\) in stream run 0, first at line 5"/,
    );
    expect(readFileSync(summary, 'utf8')).toContain('❌ failed');
    expect(await runCli(['check', bad, '--fail-on', 'none'])).toBe(0);
  });
  it('exit 2 for unreadable input, 64 for an unknown kind', async () => {
    expect(await runCli(['check', join(dir, 'missing.log')])).toBe(2);
    expect(await runCli(['check', 'samples/go1.26/idle-p8-250ms.log', '--fail-on', 'bogus'])).toBe(64);
  });
});

describe('gosched replay', () => {
  it('--json streams NDJSON: a run record, its intervals and free-run points, pooled fidelity last', async () => {
    const log = 'samples/go1.26/oversub-p2-20ms-a.log';
    expect(await runCli(['replay', log, '--json'])).toBe(0);
    const records = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const last = records[records.length - 1];
    expect(last.type).toBe('fidelity');
    const o = last.oneStep;
    expect(o.skill).toBeCloseTo(1 - o.maeModel / o.maePersistence, 3);
    expect(o.skill).toBeGreaterThan(0);
    // The same figures as the library's in-memory replay, record by record.
    const lib = replayTimelines(buildTimelines(parseText(readFileSync(log, 'utf8')).snapshots));
    expect(o).toEqual(lib.fidelity.oneStep);
    const r = lib.runs[0]!;
    expect(records[0]).toMatchObject({
      type: 'run',
      run: 0,
      points: r.points,
      oneStep: { fidelity: r.oneStep.fidelity },
    });
    const intervals = records.filter((x) => x.type === 'interval');
    expect(intervals.length).toBe(o.intervals);
    expect(intervals.map(({ type, stream, run, ...x }) => x)).toEqual(r.oneStep.residuals);
    expect(records.filter((x) => x.type === 'free-run').map(({ type, stream, run, ...x }) => x)).toEqual(
      r.freeRun?.points ?? [],
    );
  });
  it('what-if under another GOMAXPROCS', async () => {
    expect(await runCli(['replay', 'samples/go1.26/oversub-p2-20ms-a.log', '--gomaxprocs', '4'])).toBe(0);
    expect(out).toMatch(/what-if\s+GOMAXPROCS=4/);
    // The row it is compared with is the model's too, at the log's own settings, and says so.
    expect(out).toMatch(/baseline\s+GOMAXPROCS=2/);
    expect(out).not.toMatch(/observed\s+GOMAXPROCS/);
    expect(out).toContain("baseline: at the log's own GOMAXPROCS and release, not the log's figures");
  });
  it('what-if under another release: the release asked for, and the latest that prints the log layout as baseline', async () => {
    // A Go 1.22 summary line (needspinning=, no schedticks) is 1.20-1.24: the baseline runs 1.24's rules.
    expect(await runCli(['replay', 'samples/go1.22/oversub-p2-20ms.log', '--go', '1.21'])).toBe(0);
    expect(out).toMatch(/baseline\s+GOMAXPROCS=2 go1\.24/);
    expect(out).toMatch(/what-if\s+GOMAXPROCS=2 go1\.21/);
    // The one-step replay follows the log: --go is for the what-if only.
    expect(out).toMatch(/^stream run 0\s+go1\.24\s/m);
  });
});

describe('gosched diff', () => {
  it('a kind the other log could not show (no gctrace lines) neither appeared nor fails --fail-on-new', async () => {
    const a = 'samples/go1.26/gcheavy-p4-detail-100ms.log';
    const b = 'samples/go1.26/gcheavy-gctrace-p4-50ms-a.log';
    expect(await runCli(['diff', a, b, '--fail-on-new', 'gc-pressure'])).toBe(0);
    expect(out).toContain('findings appeared: none');
    expect(out).toContain('not compared: gc-pressure (A has no gctrace lines, so it could not show it)');
    // The other way round it would have disappeared: B cannot show it either.
    expect(await runCli(['diff', b, a])).toBe(0);
    expect(out).toContain('findings disappeared: none');
    expect(out).toContain('not compared: gc-pressure (B has no gctrace lines, so it could not show it)');
  });
  it('exit 1 when a threshold is passed, 0 otherwise', async () => {
    const a = 'samples/go1.26/oversub-p8-20ms-a.log';
    const b = 'samples/go1.26/oversub-p2-20ms-a.log';
    expect(await runCli(['diff', a, b, '--threshold', 'local.p90=+50%'])).toBe(1);
    expect(out).toContain('REGRESSION');
    expect(await runCli(['diff', b, a, '--threshold', 'local.p90=+50%'])).toBe(0);
  });
  it('compares a multi-service log service by service: one service regressing is not hidden by another improving', async () => {
    // docker compose output of two services, interleaved line by line: before, api is saturated and
    // worker idle; after, api is idle and worker saturated. Pooled, the two cancel out.
    const lines = (f: string) =>
      readFileSync(f, 'utf8')
        .trimEnd()
        .split('\n')
        .filter((l) => l.startsWith('SCHED'));
    const saturated = lines('samples/go1.26/oversub-p2-20ms-a.log');
    const idle = lines('samples/go1.26/oversub-p2-20ms-b.log').map((l) =>
      l.replace(/idleprocs=\d+/, 'idleprocs=2').replace(/runqueue=\d+ \[[\d ]*\]/, 'runqueue=0 [ 0 0 ]'),
    );
    const compose = (api: string[], worker: string[]) =>
      `${api.flatMap((l, i) => [`api-1     | ${l}`, ...(worker[i] ? [`worker-1  | ${worker[i]}`] : [])]).join('\n')}\n`;
    const before = join(dir, 'compose-before.log');
    const after = join(dir, 'compose-after.log');
    writeFileSync(before, compose(saturated, idle));
    writeFileSync(after, compose(idle, saturated));
    expect(await runCli(['diff', before, after, '--fail-on-new', 'saturation'])).toBe(1);
    expect(out).toContain('findings appeared: none');
    expect(out).toContain('per stream (2 in both logs):');
    expect(out).toMatch(/^ {2}api-1: no regression; findings disappeared: saturation$/m);
    expect(out).toMatch(/^ {2}worker-1: REGRESSED; findings appeared: saturation \(--fail-on-new\)$/m);
    out = '';
    expect(await runCli(['diff', before, after, '--json'])).toBe(0);
    const doc = JSON.parse(out) as { streams: { compared: { stream: string; appeared: string[] }[] } };
    expect(doc.streams.compared.map((s) => [s.stream, s.appeared])).toEqual([
      ['api-1', []],
      ['worker-1', ['saturation']],
    ]);
    // A saturated service only in B is new: --fail-on-new fails on it too.
    const cron = join(dir, 'compose-after-cron.log');
    writeFileSync(cron, `${compose(idle, idle)}${saturated.map((l) => `cron-1    | ${l}`).join('\n')}\n`);
    out = '';
    expect(await runCli(['diff', before, cron, '--fail-on-new', 'saturation'])).toBe(1);
    expect(out).toMatch(/^ {2}cron-1 \(only in B\): REGRESSED; new with saturation \(--fail-on-new\)$/m);
    // One unnamed stream on both sides: no per-stream part.
    out = '';
    await runCli(['diff', 'samples/go1.26/oversub-p2-20ms-a.log', 'samples/go1.26/oversub-p2-20ms-b.log']);
    expect(out).not.toContain('per stream');
  });
  it('reads plain dumps in columns and gets the figures the library gets from whole timelines', async () => {
    // Summary logs with schedticks and without, gctrace, scheddetail, GOMAXPROCS changes, restarts.
    const files = [
      'samples/go1.26/overflow-p1-10ms-a.log',
      'samples/go1.19/seed-p4-100ms-a.log',
      'samples/go1.26/gcheavy-gctrace-p4-50ms-a.log',
      'samples/go1.20/netpoll-p2-detail-200ms.log',
      'samples/labelled/go1.22/resize-p4-20ms.log',
      'samples/go1.26/restart-p2-100ms.log',
    ];
    for (const file of files) {
      const { snapshots, trailingGc } = parseText(readFileSync(file, 'utf8'));
      const timelines = buildTimelines(snapshots, trailingGc);
      const { findings } = analyzeTrace(timelines);
      const lib = traceFigures(timelines, findings);
      out = '';
      await runCli(['diff', file, file, '--json']);
      const doc = JSON.parse(out) as { a: { snapshots: number; metrics: unknown; gomaxprocs: number[] } };
      expect(doc.a.snapshots, file).toBe(lib.snapshots);
      expect(doc.a.metrics, file).toEqual(lib.metrics);
      expect(doc.a.gomaxprocs, file).toEqual(lib.gomaxprocs);
    }
  });
  it('says when the two ran at different GOMAXPROCS and when a threshold could not be applied', async () => {
    // Go 1.19 prints no schedticks: its schedtick rate is n/a, and the threshold on it is not applied.
    const a = 'samples/go1.19/oversub-p8-20ms-a.log';
    const b = 'samples/go1.26/oversub-p2-20ms-a.log';
    expect(await runCli(['diff', a, b, '--threshold', 'schedtick-rate.p50=+10%'])).toBe(0);
    expect(out).toMatch(/^A: .*\(\d+ dumps, GOMAXPROCS 8\)$/m);
    expect(out).toMatch(/^B: .*\(\d+ dumps, GOMAXPROCS 2\)$/m);
    expect(out).toContain('The two ran at different GOMAXPROCS');
    expect(out).toContain('not compared (n/a on one side, so its threshold was not applied): schedtick-rate.p50');
    out = '';
    expect(await runCli(['diff', b, b])).toBe(0);
    expect(out).not.toContain('different GOMAXPROCS');
    expect(out).not.toContain('not compared');
  });
});
