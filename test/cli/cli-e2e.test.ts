import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { cliPath, ensureBuilt, expectCliSnapshot, runBuiltCli, type CliRun } from '../helpers/run-built-cli.js';
import { repoRoot } from '../helpers/samples.js';

const snapshotsDir = join(import.meta.dirname, 'snapshots');
const scratch = mkdtempSync(join(tmpdir(), 'gosched-cli-'));

function expectRecord(name: string, run: CliRun): void {
  expectCliSnapshot(snapshotsDir, name, run, scratch);
}

beforeAll(() => ensureBuilt());

describe('gosched parse and analyze, end to end', () => {
  test('parse prints one NDJSON object per snapshot with the documented fields', () => {
    const run = runBuiltCli(['parse', 'samples/go1.26/seed-p4-100ms-a.log']);
    expect(run.code).toBe(0);
    const records = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const sched = readFileSync(join(repoRoot, 'samples/go1.26/seed-p4-100ms-a.log'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('SCHED'));
    expect(records).toHaveLength(sched.length);
    for (const key of [
      'stream',
      'run',
      'line',
      'tMs',
      'gomaxprocs',
      'idleprocs',
      'threads',
      'spinningthreads',
      'needspinning',
      'idlethreads',
      'runqueue',
      'runq',
      'schedticks',
    ]) {
      expect(records[0]).toHaveProperty(key);
    }
    expect(run.stderr).toMatch(/lines: \d+ schedtrace, 0 foreign, 0 malformed/);
    expectRecord('parse ndjson seed', run);
  });

  test('parse: the line counts on stderr add up, gctrace lines included', () => {
    const file = 'samples/programs/httpload-go1.26-p8-gctrace-100ms.log';
    const run = runBuiltCli(['parse', file]);
    expect(run.code).toBe(0);
    const m = /^(\d+) lines: (\d+) schedtrace, (\d+) gctrace, (\d+) foreign, (\d+) malformed;/m.exec(run.stderr);
    expect(m).not.toBeNull();
    const [lines, ...parts] = m!.slice(1).map(Number);
    expect(parts[1]).toBeGreaterThan(100);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(lines);
    expect(lines).toBe(readFileSync(file, 'utf8').trimEnd().split('\n').length);
  });

  test('parse --format csv: one row per snapshot and P, wallTime after tMs', () => {
    const run = runBuiltCli(['parse', 'samples/go1.19/seed-p4-100ms-a.log', '--format', 'csv', '-q']);
    expect(run.code).toBe(0);
    const rows = run.stdout.trim().split('\n');
    const snapshots = readFileSync(join(repoRoot, 'samples/go1.19/seed-p4-100ms-a.log'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('SCHED')).length;
    expect(rows[0]).toBe(
      'stream,run,line,tMs,wallTime,era,gomaxprocs,idleprocs,threads,spinningthreads,needspinning,idlethreads,runqueue,p,runq,schedtick,syscalltick,pStatus,pM',
    );
    expect(rows.length - 1).toBe(snapshots * 4);
    expect(run.stderr).toBe('');
  });

  test('parse --format json -o FILE with scheddetail: P, M and G arrays', () => {
    const out = join(scratch, 'detail.json');
    const run = runBuiltCli(['parse', 'samples/go1.20/netpoll-p2-detail-200ms.log', '--format', 'json', '-o', out]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as {
      snapshots: { detail: { p: unknown[]; m: unknown[]; g: unknown[] } }[];
      counts: { lines: number; schedtrace: number };
    };
    expect(doc.snapshots.length).toBeGreaterThan(0);
    for (const s of doc.snapshots) {
      expect(s.detail.p).toHaveLength(2);
      expect(s.detail.m.length).toBeGreaterThan(0);
      expect(s.detail.g.length).toBeGreaterThan(0);
    }
    expect(doc.counts.schedtrace).toBe(doc.counts.lines);
  });

  test('stdin (-) and gzip give the same snapshots as the plain file', () => {
    const plain = runBuiltCli(['parse', 'samples/go1.26/overflow-p1-10ms-a.log', '-q']);
    const text = readFileSync(join(repoRoot, 'samples/go1.26/overflow-p1-10ms-a.log'));
    const viaStdin = runBuiltCli(['parse', '-', '-q'], { input: text });
    const gz = join(scratch, 'renamed.txt');
    writeFileSync(gz, gzipSync(text));
    const viaGzip = runBuiltCli(['parse', gz, '-q']);
    expect(viaStdin.stdout).toBe(plain.stdout);
    expect(viaGzip.stdout).toBe(plain.stdout);
    expect(plain.stdout.split('\n').length).toBeGreaterThan(50);
  });

  test('analyze leads with the most important finding', () => {
    // 5000 CPU-bound goroutines on one P: the overflows are real, but what costs latency is the
    // backlog the P works through for the whole run.
    const run = runBuiltCli(['analyze', 'samples/go1.26/overflow-p1-10ms-a.log']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^Headline: saturation \(stream run 0, /);
    expect(run.stdout).toMatch(/- local-overflow \(stream run 0, 10 ms, line 2, P0, likely\)/);
    expectRecord('analyze overflow', run);
  });

  test('analyze lists three episodes of a kind that recurs in a run, so the next kind is listed too', () => {
    // Five minutes of load in 30 s cycles on Go 1.19: 2 saturation episodes, then 10 of gc-pressure,
    // one per busy phase.
    const run = runBuiltCli(['analyze', 'samples/programs/diurnal-go1.19-p16-gctrace-1000ms.log.gz']);
    expect(run.code).toBe(0);
    const listed = run.stdout.split('\n').filter((l) => l.startsWith('- '));
    expect(listed.map((l) => /^- ([a-z-]+) /.exec(l)![1])).toEqual([
      'saturation',
      'saturation',
      'gc-pressure',
      'gc-pressure',
      'gc-pressure',
    ]);
    expect(run.stdout).toContain('Findings (12, 5 listed):');
    expect(run.stdout).toContain('(of recurring kinds, the first 3 per run above; also gc-pressure ×7: all in --json)');
    const json = JSON.parse(
      runBuiltCli(['analyze', '--json', 'samples/programs/diurnal-go1.19-p16-gctrace-1000ms.log.gz']).stdout,
    );
    expect(json.findings).toHaveLength(12);
  });

  test('analyze without a finding calls a run unremarkable only when its queues stayed short and no backlog came', () => {
    // Waves of 400 network readiness events on 4 Ps (summary lines only): hundreds of goroutines
    // wait for a few milliseconds, which no rule can pin on a cause, and the headline says so, with
    // what can put goroutines on the longer queue and what would tell them apart.
    const bursts = runBuiltCli(['analyze', 'samples/labelled/go1.22/netburst-p4-5ms.log']);
    expect(bursts.code).toBe(0);
    expect(bursts.stdout.split('\n')[0]).toBe(
      "Headline: no finding: no rule's claim held, though goroutines waited: up to 144 goroutines on the global queue and 124 goroutines on one P's queue (longest in stream run 0); the global queue takes what a full ring spilled (runqputslow, 129 at a time), what a poller without a P readied (injectglist), and goroutines preempted or yielding, and the counts do not tell which (with scheddetail=1 the G lines show whether goroutines left IO wait); and in 32 of 191 dumps no P was idle and at least one runnable goroutine per P waited (more goroutines wanted CPU than the Ps could run), in bursts shorter than saturation's 4 dumps over 500 ms; see the runs below.",
    );
    // CPU-bound frames with sleeps between (no queue past 7 goroutines, no backlog 4 dumps long): the
    // backlog dumps are named, not called unremarkable; light frames (under one waiting per P) stay so.
    const frames = runBuiltCli(['analyze', 'samples/labelled/phases3-go1.23/frames-p4-50ms.log']);
    expect(frames.stdout.split('\n')[0]).toBe(
      "Headline: no finding: no rule's claim held, though in 16 of 38 dumps no P was idle and at least one runnable goroutine per P waited (more goroutines wanted CPU than the Ps could run), in bursts shorter than saturation's 4 dumps over 500 ms; no queue held more than 7 goroutines.",
    );
    // The fan-out control with scheddetail: the longest queue a ring, and no hint to add scheddetail.
    const fanout = runBuiltCli(['analyze', 'samples/labelled/go1.22/fanout-p4-detail-10ms.log.gz']).stdout.split(
      '\n',
    )[0];
    expect(fanout).toContain("a P's ring holds what was created or readied on that P");
    expect(fanout).not.toContain('with scheddetail=1');
    const light = runBuiltCli(['analyze', 'samples/labelled/phases3-go1.23/frameslight-p4-50ms.log']);
    expect(light.stdout.split('\n')[0]).toMatch(/unremarkable \(no queue held more than \d goroutines?\)\.$/);
    const idle = runBuiltCli(['analyze', 'samples/labelled/go1.22/idle-p4-100ms.log']);
    expect(idle.stdout.split('\n')[0]).toMatch(
      /^Headline: no finding; the scheduler looks unremarkable \(no queue held more than \d goroutines?\)\.$/,
    );
    // Every P busy and nothing queued (one goroutine per P busy-waiting on select/default): the
    // headline says the Ps were busy; Ps busy only in bursts (burstpool) leave it plain.
    const busy = runBuiltCli(['analyze', 'samples/programs/busyselect-go1.26-p4-50ms.log']);
    expect(busy.stdout.split('\n')[0]).toMatch(
      /^Headline: no finding; the scheduler looks unremarkable \(no queue held more than \d goroutines?\), though on average 9\d\.\d% of the Ps were busy at a dump: .*one more goroutine wanting CPU would wait for a P/,
    );
    const bursts2 = runBuiltCli(['analyze', 'samples/programs/burstpool-go1.26-p4-50ms.log']);
    expect(bursts2.stdout.split('\n')[0]).toMatch(/unremarkable \(no queue held more than \d goroutines?\)\.$/);
  });

  test('analyze of a compose log keeps services apart and finds the restart', () => {
    const run = runBuiltCli(['analyze', 'samples/envelopes/compose.log']);
    expect(run.code).toBe(0);
    expectRecord('analyze compose', run);
  });

  test('analyze --json carries line counts, runs, findings and diagnostics', () => {
    const run = runBuiltCli(['analyze', '--json', 'samples/envelopes/mixed-foreign.log']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      counts: { lines: number; schedtrace: number; gctrace?: number; foreign: number; malformed: number };
      runs: { run: number }[];
      findings: { kind: string }[];
      diagnostics: { code: string; line: number }[];
    };
    expect(doc.counts.lines).toBe(
      doc.counts.schedtrace + (doc.counts.gctrace ?? 0) + doc.counts.foreign + doc.counts.malformed,
    );
    expect(doc.counts.foreign).toBeGreaterThan(0);
    expect(doc.runs.length).toBe(2);
    expect(doc.findings.map((f) => f.kind)).toContain('crash-dump');
    expect(doc.diagnostics.some((d) => d.code === 'interleaved-text')).toBe(true);
  });

  test('several files: streams are named after the files as given, even with equal base names', () => {
    const files = ['samples/go1.26/seed-p4-100ms-a.log', 'samples/go1.19/seed-p4-100ms-a.log'];
    const run = runBuiltCli(['analyze', '--json', ...files]);
    const doc = JSON.parse(run.stdout) as { runs: { stream: string }[] };
    expect(doc.runs.map((r) => r.stream).sort()).toEqual([...files].sort());
  });
});

describe('bad input: one line on stderr, exit code 2, no stack trace', () => {
  const cases: [string, () => string][] = [
    ['missing file', () => join(scratch, 'nope.log')],
    ['directory', () => scratch],
    [
      'binary file',
      () => {
        const p = join(scratch, 'binary.bin');
        writeFileSync(p, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0xff]));
        return p;
      },
    ],
    [
      'empty file',
      () => {
        const p = join(scratch, 'empty.log');
        writeFileSync(p, '');
        return p;
      },
    ],
    [
      // Lines that start like schedtrace but hold no dump that can be read: a gate must not pass on them.
      'only malformed SCHED lines',
      () => {
        const p = join(scratch, 'garbage.log');
        writeFileSync(p, 'SCHED garbage\nSCHED 5ms: gomaxprocs=x\n');
        return p;
      },
    ],
    [
      'log without schedtrace',
      () => {
        const p = join(scratch, 'app.log');
        writeFileSync(p, 'starting\nlistening on :8080\nshutting down\n');
        return p;
      },
    ],
    [
      'corrupt gzip',
      () => {
        const p = join(scratch, 'bad.gz');
        // A gzip header, then bytes that are no deflate data (a file cut short is read: see below).
        writeFileSync(
          p,
          Buffer.concat([gzipSync('SCHED 0ms: gomaxprocs=1').subarray(0, 10), Buffer.from('not deflate data')]),
        );
        return p;
      },
    ],
  ];
  test('analyze: a gzip file cut short is read as far as it goes, with one line on stderr', () => {
    const p = join(scratch, 'cut.log.gz');
    const text = readFileSync(join(repoRoot, 'samples/go1.26/oversub-p8-20ms-a.log'), 'utf8');
    const gz = gzipSync(text);
    writeFileSync(p, gz.subarray(0, gz.length >> 1));
    const run = runBuiltCli(['analyze', '--json', p]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^gosched: .*cut\.log\.gz: the gzip data ends early \(cut off after \d+ compressed bytes\); read the \d+ bytes it held$/m,
    );
    const counts = JSON.parse(run.stdout).counts;
    expect(counts.schedtrace).toBeGreaterThan(5);
    expect(counts.lines).toBeLessThan(text.split('\n').length);
  });

  for (const [name, make] of cases) {
    for (const command of ['parse', 'analyze']) {
      test(`${command}: ${name}`, () => {
        const run = runBuiltCli([command, make()]);
        expect(run.code).toBe(2);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).toMatch(/^gosched: /);
        expect(run.stderr).not.toMatch(/\n\s+at /);
        expect(run.stdout).toBe('');
        if (command === 'analyze') expectRecord(`bad input ${name}`, run);
      });
    }
  }

  test('check and diff: a log with no readable dump is an input error, not a pass', () => {
    const p = join(scratch, 'garbage-gate.log');
    writeFileSync(p, 'SCHED garbage\nSCHED 5ms: gomaxprocs=x\n');
    for (const args of [
      ['check', p],
      ['diff', 'samples/go1.26/seed-p4-100ms-a.log', p],
      ['report', p, '-o', join(scratch, 'r')],
    ]) {
      const run = runBuiltCli(args);
      expect(run.code, args[0]).toBe(2);
      expect(run.stderr).toMatch(
        /no readable schedtrace dump in 2 lines \(1 malformed, first at line 2: malformed SCHED line: /,
      );
    }
  });

  test('an unknown option is a usage error (exit 64)', () => {
    const run = runBuiltCli(['analyze', 'samples/go1.26/idle-p8-250ms.log', '--bogus']);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/Unknown argument/);
  });
});

describe('report of stdin', () => {
  test('without -o it is written to reports/stdin.html', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gosched-report-stdin-'));
    const input = readFileSync(join(repoRoot, 'samples/go1.26/seed-p4-100ms-a.log'));
    const r = spawnSync(process.execPath, [cliPath, 'report', '-', '-q'], { cwd, input, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readdirSync(join(cwd, 'reports'))).toEqual(['stdin.html']);
  });
});

describe('report of a scheddetail crash loop', () => {
  test("stops the model overlay when the replay's budget of scheduler events runs out, and says where", () => {
    // 60 copies of a real scheddetail capture (10 dumps, about 455,000 scheduler events to replay
    // each): 600 dumps, far below the report's 20,000-dump limit, about 27M events.
    const one = readFileSync(join(repoRoot, 'samples/go1.26/gcheavy-p4-detail-100ms.log'), 'utf8');
    const file = join(scratch, 'detail-loop.log');
    writeFileSync(file, one.repeat(60));
    const out = join(scratch, 'detail-loop.html');
    const run = runBuiltCli(['report', file, '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /the model overlay stops at dump \d+ of 10 of stream run (4\d|5\d); the \d+ runs after it have none: the replay's budget of 20M scheduler events ran out/,
    );
    expect(readFileSync(out, 'utf8')).toContain('predicted global queue');
  });
});

describe('--version', () => {
  test("prints the package's version from any working directory", () => {
    const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    const r = spawnSync(process.execPath, [cliPath, '--version'], { cwd: tmpdir(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });
});

describe('--help', () => {
  test('every command shows an example', () => {
    const top = runBuiltCli(['--help']);
    expect(top.code).toBe(0);
    const commands = [...top.stdout.matchAll(/^ {2}gosched (\w+)/gm)].map((m) => m[1]!);
    expect(commands).toEqual(expect.arrayContaining(['parse', 'analyze']));
    for (const c of commands) {
      const help = runBuiltCli([c, '--help']);
      expect(help.code, c).toBe(0);
      expect(help.stdout, c).toMatch(/Examples:/);
      // Each flag once per option line (an alias declared twice shows as `-q, -q, --quiet`).
      for (const line of help.stdout.split('\n')) {
        const flags =
          line
            .trim()
            .split(/\s{2,}/)[0]!
            .match(/^-[\w-]+(, -[\w-]+)*/)?.[0]
            ?.split(', ') ?? [];
        expect(new Set(flags).size, `${c}: ${line}`).toBe(flags.length);
      }
    }
  });
});
