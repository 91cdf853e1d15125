import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliPath, ensureBuilt, runBuiltCli, type CliRun } from '../helpers/run-built-cli.js';
import { realSampleLogs, samplesDir, sideBySideSample } from '../helpers/samples.js';

/**
 * `analyze --jobs N` must print exactly what one thread prints. Real samples are single runs, so
 * the logs here are real samples concatenated whole (scripts/bench-data.mjs: each copy a restart),
 * which the parallel path cuts at restarts; GOSCHED_DEBUG_JOBS=1 says on stderr how the input was
 * read, so each test also knows which path it compared.
 */
let dir = '';
const logs = {
  summary: '',
  detail: '',
  every: '',
  restarts: '',
  enveloped: '',
  sideBySide: '',
  gz: '',
  single: '',
  cri: '',
  criDetail: '',
  jsonFile: '',
  timestamps: '',
  openPartial: '',
};

/** Each line of `log` as a container runtime or `--timestamps` writes it, a millisecond apart. */
function wrapped(log: Buffer, how: 'cri' | 'json-file' | 'timestamps'): string {
  const lines = log.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const t0 = Date.UTC(2026, 11, 4, 10);
  return lines
    .map((l, i) => {
      const t = new Date(t0 + i).toISOString().replace('Z', '123456Z');
      if (how === 'cri') return `${t} stderr F ${l}\n`;
      if (how === 'timestamps') return `${t} ${l}\n`;
      return `${JSON.stringify({ log: `${l}\n`, stream: 'stderr', time: t })}\n`;
    })
    .join('');
}

/** Samples concatenated whole, over and over, to at least `bytes` (each once when `bytes` is 0). */
function concatenated(samples: string[], bytes: number): Buffer {
  const files = samples.map((f) => {
    const b = readFileSync(join(samplesDir, f));
    return b[b.length - 1] === 10 ? b : Buffer.concat([b, Buffer.from('\n')]);
  });
  const out: Buffer[] = [];
  let n = 0;
  for (let i = 0; bytes === 0 ? i < files.length : n < bytes; i++) {
    const b = files[i % files.length]!;
    out.push(b);
    n += b.length;
  }
  return Buffer.concat(out);
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'gosched-jobs-test-'));
  // Crash-loop-like logs: the captures where several processes print side by side (go run, go test)
  // get a test of their own below.
  const samples = realSampleLogs().filter((f) => !sideBySideSample(f));
  const detail = samples.filter((f) => f.includes('detail'));
  const summary = samples.filter((f) => !f.includes('detail'));
  const write = (name: string, data: Buffer | string): string => {
    const p = join(dir, name);
    writeFileSync(p, data);
    return p;
  };
  const summaryLog = concatenated(summary, 3 << 20);
  logs.summary = write('many-summary.log', summaryLog);
  logs.detail = write('many-detail.log', concatenated(detail, 3 << 20));
  logs.every = write('every-sample.log', concatenated(samples, 0));
  const text = readFileSync(join(samplesDir, 'go1.26/oversub-p2-20ms-a.log'), 'utf8');
  logs.restarts = write('restarts.log', `${text.split('\n').find((l) => l.startsWith('SCHED 0ms:'))}\n`.repeat(30_000));
  // A compose-prefixed sample in the second half: the parts are cut at restarts as usual, but one of
  // them holds an envelope (another stream), so no cut is exact and one thread reads the log.
  const half = summaryLog.indexOf('\nSCHED 0ms:', summaryLog.length >> 1) + 1;
  /** The summary log with `inner` put between its two halves. */
  const inHalf = (name: string, inner: string) =>
    write(
      name,
      Buffer.concat([summaryLog.subarray(0, half), readFileSync(join(samplesDir, inner)), summaryLog.subarray(half)]),
    );
  logs.enveloped = inHalf('enveloped.log', 'envelopes/compose.log');
  // `go run` with GODEBUG set in the middle: the go command's dumps go on beside the program's.
  logs.sideBySide = inHalf('side-by-side.log', 'programs/spin-gorun-go1.26-p2-100ms.log');
  logs.gz = write('many-summary.log.gz', gzipSync(summaryLog));
  const detailLog = readFileSync(logs.detail);
  logs.cri = write('many-summary.cri.log', wrapped(summaryLog, 'cri'));
  logs.criDetail = write('many-detail.cri.log', wrapped(detailLog, 'cri'));
  logs.jsonFile = write('many-summary.json.log', wrapped(summaryLog, 'json-file'));
  logs.timestamps = write('many-summary.ts.log', wrapped(summaryLog, 'timestamps'));
  // An application's stdout line written in chunks (CRI `P`), opened at 40% of the log and ended
  // on its last line: every cut after it would split the line, so no cut is exact.
  const cri = readFileSync(logs.cri, 'utf8');
  const at = cri.indexOf('\n', Math.floor(cri.length * 0.4)) + 1;
  const t = cri.slice(at, cri.indexOf(' ', at));
  logs.openPartial = write(
    'open-partial.cri.log',
    `${cri.slice(0, at)}${t} stdout P a long application line, \n${cri.slice(at)}${t} stdout F its end\n`,
  );
  logs.single = join(samplesDir, 'go1.19/shared-resize-20ms.log');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function analyze(args: string[], env: Record<string, string> = {}, input?: Buffer): CliRun {
  return runBuiltCli(['analyze', ...args], { env: { GOSCHED_DEBUG_JOBS: '1', ...env }, ...(input ? { input } : {}) });
}

/** Runs analyze with --jobs 1 and --jobs N; asserts the same output; returns how --jobs N read. */
function sameAsOneThread(args: string[], jobs: number, env: Record<string, string> = {}, input?: Buffer): string {
  const one = analyze([...args, '--jobs', '1'], env, input);
  const many = analyze([...args, '--jobs', String(jobs)], env, input);
  expect(one.code).toBe(0);
  expect(many.code, many.stderr).toBe(one.code);
  expect(one.stderr).not.toMatch(/^jobs:/m);
  // The debug lines: `jobs: reading N parts` when the parts start, `jobs: first run read`, then how
  // the input was read.
  const how = /^jobs: (?!reading |first run read$)(.*)\n/m.exec(many.stderr)?.[1] ?? '';
  expect(many.stderr.replace(/^jobs: .*\n/gm, '')).toBe(one.stderr);
  expect(many.stdout.length).toBeGreaterThan(1000);
  expect(many.stdout).toBe(one.stdout);
  return how;
}

describe('analyze --jobs N prints what one thread prints', () => {
  test.each([
    ['summary', '--json'],
    ['summary', '--no-color'],
    ['detail', '--json'],
    ['detail', '--no-color'],
  ] as const)('many-run %s log, %s, cut in 2 parts', (log, flag) => {
    expect(sameAsOneThread([flag, logs[log]], 2)).toBe('2 parts');
  });

  test('every real sample in one log, cut at every restart that allows it', () => {
    const how = sameAsOneThread(['--json', logs.every], 16, { GOSCHED_JOBS_MIN_CHUNK_BYTES: '1' });
    expect(Number(/^(\d+) parts$/.exec(how)?.[1])).toBeGreaterThanOrEqual(12);
  });

  test('30,000 restarts: the findings cap, the diagnostics cap and their counts merge exactly', () => {
    expect(sameAsOneThread(['--json', logs.restarts], 3)).toBe('3 parts');
    const out = JSON.parse(analyze(['--json', '--jobs', '3', logs.restarts]).stdout);
    expect(out.findings).toHaveLength(5000);
    expect(out.omittedFindings.restart).toBe(29_999 - 5000);
    expect(out.diagnostics).toHaveLength(1000);
    expect(out.runs[29_999].run).toBe(29_999);
  });

  test('processes side by side in a part (process lanes): one thread reads it', () => {
    expect(sameAsOneThread(['--json', logs.sideBySide], 2)).toMatch(/^one thread \(cut 1 not exact\)$/);
    const out = JSON.parse(analyze(['--json', '--jobs', '2', logs.sideBySide]).stdout);
    expect(out.runs.some((r: { stream: string }) => r.stream === 'process 2')).toBe(true);
  });

  test('a cut found in the bytes but not exact (an envelope in a part): one thread reads it', () => {
    expect(sameAsOneThread(['--json', logs.enveloped], 2)).toMatch(/^one thread \(cut 1 not exact\)$/);
  });

  test.each([
    ['CRI (containerd, CRI-O)', 'cri', '--json'],
    ['CRI, scheddetail', 'criDetail', '--json'],
    ['docker json-file', 'jsonFile', '--json'],
    ['kubectl logs --timestamps', 'timestamps', '--no-color'],
  ] as const)('a container log (%s): cut at restarts inside the envelopes, in 2 parts', (_, log, flag) => {
    expect(sameAsOneThread([flag, logs[log]], 2)).toBe('2 parts');
  });

  test('a container log line open across every cut (CRI P chunks): one thread reads it', () => {
    expect(sameAsOneThread(['--json', logs.openPartial], 2)).toMatch(/^one thread \(cut 1 not exact\)$/);
  });

  test.each([
    ['gzip', () => [logs.gz], undefined, 'not plain text'],
    ['stdin', () => ['-'], () => readFileSync(logs.summary), 'stdin'],
    ['several files', () => [logs.summary, logs.detail], undefined, 'several files'],
    ['a single run', () => [logs.single], undefined, 'no cut'],
  ] as const)('%s: one thread, the same output', (_, files, input, why) => {
    expect(sameAsOneThread(['--json', ...files()], 2, { GOSCHED_JOBS_MIN_CHUNK_BYTES: '1' }, input?.())).toBe(
      `one thread (${why})`,
    );
  });
});

describe('analyze --jobs N stops cleanly', () => {
  /**
   * Runs `analyze --json --jobs 2` on `file`, sends SIGINT `afterMs` after the first run of the first
   * part is read (timed from its debug line, not from the spawn or from the parts' start: a loaded
   * machine once took longer than 50 ms to start Node, and once to read the first run), and waits for
   * its exit.
   */
  function interrupted(
    file: string,
    afterMs: number,
  ): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [cliPath, 'analyze', '--json', '--jobs', '2', file], {
        env: { ...process.env, GOSCHED_DEBUG_JOBS: '1' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => {
        stdout += b.toString('utf8');
      });
      let timer: NodeJS.Timeout | undefined;
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString('utf8');
        if (timer === undefined && /^jobs: first run read$/m.test(stderr))
          timer = setTimeout(() => child.kill('SIGINT'), afterMs);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr });
      });
    });
  }

  // The workers are asked to stop when the parts are merged, and terminated at once on a stop signal;
  // either way the process ends on its own with its exit status, never killed by a signal while a
  // worker is torn down (a loaded CI run once saw that, exit status null).
  test('SIGINT while the worker reads its part: exit 130 with the output read so far, marked partial', async () => {
    const big = join(dir, 'many-summary-big.log');
    writeFileSync(big, Buffer.concat(Array.from({ length: 12 }, () => readFileSync(logs.summary))));
    const r = await interrupted(big, 50);
    expect(r.signal).toBeNull();
    // On a machine fast enough to finish in 50 ms the run ends normally: the same clean exit.
    expect([0, 130]).toContain(r.code);
    const doc = JSON.parse(r.stdout) as { runs: unknown[] };
    expect(doc.runs.length).toBeGreaterThan(0);
    if (r.code === 130)
      expect(r.stderr).toMatch(/interrupted by SIGINT; the output covers only the input read before it/);
  });

  test('a run to the end: the workers stop on their own, exit 0', async () => {
    const r = await interrupted(logs.summary, 60_000);
    expect(r).toMatchObject({ code: 0, signal: null });
    expect(r.stderr).toMatch(/^jobs: 2 parts$/m);
  });
});
