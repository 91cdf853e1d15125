import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCli } from '../helpers/live-cli.js';
import { ensureBuilt, runBuiltCli } from '../helpers/run-built-cli.js';
import { samplesDir } from '../helpers/samples.js';

const hasGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;

interface F {
  kind: string;
  line: number;
  run: number;
  p?: number;
  explanation: string;
}
const ndjson = (path: string): F[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as F);
const analyzeFindings = (path: string): F[] =>
  (JSON.parse(runBuiltCli(['analyze', '--json', path]).stdout) as { findings: F[] }).findings;
const keys = (fs: F[]) => fs.map((f) => `${f.kind}@${f.line}`).sort();

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'gosched-run-'));
  if (!hasGo) return;
  for (const w of ['overflow', 'syscalls', 'crash']) {
    const r = spawnSync('go', ['build', '-o', join(dir, w), `./${w}`], {
      cwd: join(samplesDir, 'workloads'),
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`go build ${w}: ${r.stderr}`);
  }
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gosched run on real Go programs', () => {
  test.skipIf(hasGo)('without go on PATH: skipped', () => {
    console.log('SKIP gosched run e2e: no `go` on PATH');
  });

  test.runIf(hasGo)(
    'overflow: exit 0, the saved log is the whole trace, NDJSON findings equal analyze on the saved log',
    () => {
      const log = join(dir, 'overflow.log');
      const out = join(dir, 'overflow.ndjson');
      const r = runBuiltCli(
        [
          'run',
          '--period',
          '20',
          '--save',
          log,
          '--ndjson',
          out,
          '--',
          join(dir, 'overflow'),
          '-g',
          '5000',
          '-waves',
          '2',
        ],
        { env: { GOMAXPROCS: '1' } },
      );
      expect(r.code, r.stderr).toBe(0);
      const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
      expect(lines[0]).toMatch(/^SCHED 0ms: gomaxprocs=1 /);
      // The last line may be cut short: the program can exit while sysmon is printing a SCHED line
      // (runtime print is one write per argument), down to "SCHED " alone, which trimEnd makes "SCHED".
      const cut = (l: string, i: number) => i === lines.length - 1 && ('SCHED '.startsWith(l) || l.startsWith('SCHED'));
      expect(
        lines.flatMap((l, i) => (l.startsWith('SCHED ') || cut(l, i) ? [] : [`line ${i + 1}: ${JSON.stringify(l)}`])),
        'lines of the saved log that are not SCHED lines',
      ).toEqual([]);
      const got = ndjson(out);
      expect(got.some((f) => f.kind === 'local-overflow' && f.p === 0)).toBe(true);
      expect(keys(got)).toEqual(keys(analyzeFindings(log)));
      // The summary analyze prints, on stderr; no trace line leaked through. 5000 CPU-bound goroutines
      // on one P: the backlog (saturation) is the headline, the overflows are how it got to the global queue.
      expect(r.stderr).toMatch(/^Headline: saturation/m);
      expect(r.stderr).toContain(`${lines.length} lines = ${lines.length} schedtrace + 0 foreign + 0 malformed`);
      expect(r.stderr).not.toMatch(/^SCHED /m);
    },
  );

  test.runIf(hasGo)(
    'syscalls: thread growth reported live, as NDJSON on stderr without --ndjson; the HTML report at the end',
    () => {
      const log = join(dir, 'syscalls.log');
      const report = join(dir, 'syscalls.html');
      const r = runBuiltCli(
        [
          'run',
          '--period',
          '50',
          '--save',
          log,
          '--report',
          report,
          '--',
          join(dir, 'syscalls'),
          '-n',
          '40',
          // Two seconds, not one: on a loaded machine the threads took more than one to pass the
          // thread-growth limit (2 × GOMAXPROCS + 8), the goroutines back from their calls queueing first.
          '-d',
          '2s',
        ],
        {
          env: { GOMAXPROCS: '2' },
        },
      );
      expect(r.code, r.stderr).toBe(0);
      const got = r.stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as F);
      expect(got.map((f) => f.kind)).toContain('thread-growth');
      expect(keys(got)).toEqual(keys(analyzeFindings(log)));
      // The report of the run, written at the end from the saved log.
      expect(r.stderr).toContain(`wrote ${report} (`);
      expect(readFileSync(report, 'utf8')).toMatch(/^<!doctype html>/i);
    },
  );

  test.runIf(hasGo)(
    'crash: the child status (2) comes back, the crash dump is a finding, the saved log is complete',
    () => {
      const log = join(dir, 'crash.log');
      const out = join(dir, 'crash.ndjson');
      const r = runBuiltCli(['run', '--period', '50', '--save', log, '--ndjson', out, '--', join(dir, 'crash')]);
      expect(r.code).toBe(2);
      // The panic text is the program's own stderr: passed through.
      expect(r.stderr).toMatch(/^panic: crash: deliberate panic/m);
      expect(r.stderr).toMatch(/^goroutine 1 \[running\]:/m);
      expect(ndjson(out).map((f) => f.kind)).toContain('crash-dump');
      const saved = readFileSync(log, 'utf8');
      expect(saved).toMatch(/^panic: crash: deliberate panic/m);
      expect(saved).toMatch(/^ {2}P0: status=/m);
      expect(r.stderr).toMatch(/^Findings \(\d+\):\n- crash-dump/m);
    },
  );

  test.runIf(hasGo)(
    'a signal to gosched goes to the program; gosched exits with its status (128+15); --metrics while it runs',
    async () => {
      const log = join(dir, 'term.log');
      const w = startCli([
        'run',
        '--period',
        '50',
        '--save',
        log,
        '--quiet',
        '--metrics',
        '127.0.0.1:0',
        '--',
        join(dir, 'syscalls'),
        '-d',
        '30s',
      ]);
      await w.waitFor(() => existsSync(log) && readFileSync(log, 'utf8').split('\n').length > 5);
      // While it runs, its metrics carry the program's name as the stream label.
      const url = /metrics at (http:\/\/\S+)/.exec(w.stderr())![1]!;
      const metrics = await (await fetch(url)).text();
      expect(metrics).toMatch(/^gosched_gomaxprocs\{stream="syscalls",run="0"\} \d+$/m);
      expect(metrics).toMatch(/^gosched_local_runqueue\{stream="syscalls",run="0",p="0"\} \d+$/m);
      w.child.kill('SIGTERM');
      expect(await w.exited).toBe(143);
      expect(w.stderr()).toMatch(/^Headline: /m);
      const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
      expect(w.stderr()).toContain(`${lines.length} lines = `);
    },
  );

  test.runIf(hasGo)(
    'Ctrl-C delivered twice at once (as GNU timeout does, to the command and its group): the summary and the --report of the whole saved log are still written',
    async () => {
      const log = join(dir, 'int.log');
      const html = join(dir, 'int.html');
      const w = startCli([
        'run',
        '--period',
        '50',
        '--save',
        log,
        '--report',
        html,
        '--',
        join(dir, 'syscalls'),
        '-d',
        '30s',
      ]);
      await w.waitFor(() => existsSync(log) && readFileSync(log, 'utf8').split('\n').length > 5);
      w.child.kill('SIGINT');
      w.child.kill('SIGINT');
      // The program got the signal and died of it; gosched reports its status.
      expect(await w.exited).toBe(130);
      expect(w.stderr()).toMatch(/^Headline: /m);
      expect(existsSync(html)).toBe(true);
      const dumps = readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('SCHED ')).length;
      expect(w.stderr()).toMatch(new RegExp(`^\\d+ lines: ${dumps} schedtrace, `, 'm'));
      expect(w.stderr()).not.toContain('left unchanged');
    },
  );

  test('GODEBUG keeps its settings, schedtrace is added; stdout passes through untouched', () => {
    const r = runBuiltCli(
      ['run', '--period', '250', '--detail', '--', process.execPath, '-e', 'console.log(process.env.GODEBUG)'],
      {
        env: { GODEBUG: 'madvdontneed=1,schedtrace=5' },
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('madvdontneed=1,schedtrace=250,scheddetail=1\n');
    expect(r.stderr).toMatch(/no schedtrace line in 0 lines/);
  });

  test('an unwritable --save or --ndjson, or a bad --metrics address: one clear line, exit 2, the program not started', () => {
    const marker = join(dir, 'started');
    const prog = ['--', process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`];
    const bad = join(dir, 'no-such-dir', 'x');
    for (const [opts, line] of [
      [['--save', bad], `gosched: ${bad}: cannot write: ENOENT`],
      [['--ndjson', bad], `gosched: ${bad}: cannot write: ENOENT`],
      [['--metrics', 'nonsense'], 'gosched: --metrics: expected HOST:PORT, got "nonsense"'],
    ] as const) {
      const r = runBuiltCli(['run', ...opts, ...prog]);
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(line), r.stderr).toBe(true);
      expect(r.stderr.split('\n')).toHaveLength(2);
      expect(existsSync(marker)).toBe(false);
    }
  });

  test('exit status of a program that fails on its own comes back; a missing program is exit 2', () => {
    const r = runBuiltCli(['run', '--', process.execPath, '-e', 'process.stderr.write("oops\\n"); process.exit(7)']);
    expect(r.code).toBe(7);
    expect(r.stderr.startsWith('oops\n')).toBe(true);
    const m = runBuiltCli(['run', '--', join(dir, 'no-such-program')]);
    expect(m.code).toBe(2);
    expect(m.stderr).toBe(`gosched: ${join(dir, 'no-such-program')}: no such program\n`);
  });
});
