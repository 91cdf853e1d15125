/**
 * Every way out of the CLI, run as a user would (the built binary in a child process): usage errors,
 * outputs that cannot be written, a reader that goes away, signals, outputs that name an input.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliPath, ensureBuilt, expectCliSnapshot, runBuiltCli } from '../helpers/run-built-cli.js';
import { repoRoot } from '../helpers/samples.js';

const scratch = mkdtempSync(join(tmpdir(), 'gosched-exit-'));
const snapshotsDir = join(import.meta.dirname, 'snapshots');
beforeAll(() => ensureBuilt());
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SAMPLE = 'samples/go1.26/oversub-p2-20ms-a.log';
const sampleLines = readFileSync(join(repoRoot, SAMPLE), 'utf8').split('\n').filter(Boolean);
const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

/** The sample's SCHED lines repeated with rising times: one long run of `n` dumps. */
function longLog(n: number): string {
  const sched = sampleLines.filter((l) => l.startsWith('SCHED'));
  const out: string[] = [];
  // The clock and each P's schedtick go on from copy to copy, as in one process.
  const copyTicks = Number(/schedticks=\[ *(\d+)/.exec(sched.at(-1)!)?.[1] ?? 0) + 1;
  for (let i = 0; i < n; i++) {
    const copy = Math.floor(i / sched.length);
    out.push(
      sched[i % sched.length]!.replace(/^SCHED \d+ms/, `SCHED ${i * 20}ms`).replace(
        /schedticks=\[([\d ]*)\]/,
        (_, ns: string) => `schedticks=[${ns.replace(/\d+/g, (t) => String(Number(t) + copy * copyTicks * 1000))}]`,
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

/** A log of `n` runs (each a restart: time goes back), so `check` prints one line per run. */
function manyRuns(n: number): string {
  const sched = sampleLines.filter((l) => l.startsWith('SCHED')).slice(0, 3);
  return `${Array.from({ length: n }, () => sched.join('\n')).join('\n')}\n`;
}

function file(name: string, text: string): string {
  const p = join(scratch, name);
  writeFileSync(p, text);
  return p;
}

describe('usage errors: exit 64, the flag named, no stack trace', () => {
  test.each([
    ['check --min-skill 0.99x', ['check', SAMPLE, '--min-skill', '0.99x'], '--min-skill'],
    ["check --min-skill ''", ['check', SAMPLE, '--min-skill', ''], '--min-skill'],
    ['check --min-skill 2', ['check', SAMPLE, '--min-skill', '2'], '--min-skill'],
    ['check --fail-on bogus', ['check', SAMPLE, '--fail-on', 'bogus'], '--fail-on'],
    ['check --fail-on gc-pressure,none', ['check', SAMPLE, '--fail-on', 'gc-pressure,none'], '"none" stands alone'],
    // An unset variable in `--fail-on "$KINDS"` is not `none`: the gate would be off without a word.
    ['check --fail-on ""', ['check', SAMPLE, '--fail-on', ''], 'no finding kind given'],
    ['check --fail-on " , "', ['check', SAMPLE, '--fail-on', ' , '], 'no finding kind given'],
    ['diff --fail-on-new ""', ['diff', SAMPLE, SAMPLE, '--fail-on-new', ''], 'no finding kind given'],
    [
      'diff --fail-on-new none,saturation',
      ['diff', SAMPLE, SAMPLE, '--fail-on-new', 'none,saturation'],
      '--fail-on-new',
    ],
    ['simulate -p 0', ['simulate', '-w', 'samples/workloads/overflow.json', '-p', '0'], '--gomaxprocs'],
    ['simulate --period 0', ['simulate', '-w', 'samples/workloads/overflow.json', '--period', '0'], '--period'],
    ['simulate --seed 0.5', ['simulate', '-w', 'samples/workloads/overflow.json', '--seed', '0.5'], '--seed'],
    ['simulate --go banana', ['simulate', '-w', 'samples/workloads/overflow.json', '--go', 'banana'], '--go'],
    [
      'simulate --turn-slice -1',
      ['simulate', '-w', 'samples/workloads/overflow.json', '--cpus', '2', '--turn-slice', '-1'],
      '--turn-slice',
    ],
    ['replay --go 1.99', ['replay', SAMPLE, '--go', '1.99'], '--go'],
    ['replay --gomaxprocs 1e9', ['replay', SAMPLE, '--gomaxprocs', '1e9'], '--gomaxprocs'],
    ['analyze --top -1', ['analyze', SAMPLE, '--top', '-1'], '--top'],
    ['diff --threshold nonsense', ['diff', SAMPLE, SAMPLE, '--threshold', 'nonsense'], '--threshold'],
    ['an unknown option', ['parse', SAMPLE, '--bogus'], 'bogus'],
    ['the same file twice', ['analyze', SAMPLE, `./${SAMPLE}`], 'given twice'],
  ])('%s', (_name, args, flag) => {
    const run = runBuiltCli(args);
    expect(run.code).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(flag);
    noStack(run.stderr);
  });

  test('check --min-skill 0.99x does not pass the gate (snapshot)', () => {
    const run = runBuiltCli(['check', SAMPLE, '--min-skill', '0.99x']);
    expectCliSnapshot(snapshotsDir, 'usage bad min-skill', run, scratch);
  });
});

describe('-o that names an input: refused before anything is read', () => {
  test.each([
    ['parse -o x.log', (x: string) => ['parse', x, '-o', x]],
    ['parse --format csv -o x.log', (x: string) => ['parse', x, '--format', 'csv', '-o', x]],
    ['parse -o through a symlink', (x: string) => ['parse', x, '-o', linkTo(x)]],
    ['report -o x.log', (x: string) => ['report', x, '-o', x]],
    ['check --junit x.log', (x: string) => ['check', x, '--junit', x]],
    ['check --summary x.log', (x: string) => ['check', x, '--summary', x]],
  ])('%s', (name, args) => {
    const x = file(`${name.replace(/\W+/g, '-')}.log`, sampleLines.join('\n'));
    const before = readFileSync(x, 'utf8');
    const run = runBuiltCli(args(x));
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/is also an input( \(.*\))?; refusing to overwrite what is being read/);
    expect(readFileSync(x, 'utf8')).toBe(before);
    noStack(run.stderr);
  });

  test('parse - -o x.log < x.log (stdin redirected from the output)', () => {
    const x = file('stdin-same.log', sampleLines.join('\n'));
    const before = readFileSync(x, 'utf8');
    const r = spawnSync(process.execPath, [cliPath, 'parse', '-', '-o', x], {
      cwd: repoRoot,
      stdio: [openSync(x, 'r'), 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    expect(r.status).toBe(64);
    expect(r.stderr).toBe(
      `gosched: -o ${x} is also an input (<stdin>); refusing to overwrite what is being read (see --help)\n`,
    );
    expect(readFileSync(x, 'utf8')).toBe(before);
  });

  function linkTo(target: string): string {
    const l = `${target}.link`;
    if (!existsSync(l)) symlinkSync(target, l);
    return l;
  }
});

describe('outputs are replaced only on success, through a temporary file', () => {
  test('an existing -o file is kept when the input is missing or corrupt', () => {
    const out = file('kept.ndjson', 'old\n');
    expect(runBuiltCli(['parse', join(scratch, 'missing.log'), '-o', out]).code).toBe(2);
    const corrupt = join(scratch, 'corrupt.log.gz');
    writeFileSync(corrupt, Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(runBuiltCli(['parse', corrupt, '-o', out]).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    expect(readdirSync(scratch).filter((f) => f.includes('gosched-tmp'))).toEqual([]);
  });

  test('a successful run replaces it, and writes through a symlink to its target', () => {
    const target = file('target.csv', 'old\n');
    const link = join(scratch, 'link.csv');
    symlinkSync(target, link);
    const run = runBuiltCli(['parse', SAMPLE, '--format', 'csv', '-o', link, '-q']);
    expect(run.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toMatch(/^stream,run,line/);
    expect(statSync(link, { throwIfNoEntry: false })).toBeDefined();
  });

  test('--summary appends to an existing file, as $GITHUB_STEP_SUMMARY needs', () => {
    const summary = file('summary.md', '# earlier step\n');
    expect(runBuiltCli(['check', SAMPLE, '--summary', summary]).code).toBe(0);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# earlier step\n## gosched check')).toBe(true);
  });

  test('an output in a folder that cannot be made (a file stands in its path) names the output and why (exit 2)', () => {
    const file = join(scratch, 'plain-file');
    writeFileSync(file, 'x');
    const run = runBuiltCli(['check', SAMPLE, '--junit', join(file, 'sub', 'j.xml'), '--summary', 'x.md']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(
      new RegExp(`^gosched: cannot write ${join(file, 'sub', 'j.xml')}: `),
    );
    expect(existsSync(join(repoRoot, 'x.md'))).toBe(false);
  });

  test('an output in a folder that does not exist yet: the folder is made', () => {
    const junit = join(scratch, 'no', 'such', 'j.xml');
    const run = runBuiltCli(['check', SAMPLE, '--junit', junit]);
    expect(run.code).toBe(0);
    expect(readFileSync(junit, 'utf8')).toMatch(/^<\?xml /);
  });
});

describe('a full device: every write error is caught, named and exits 2', () => {
  const haveDevFull = existsSync('/dev/full') && statSync('/dev/full').isCharacterDevice();
  if (!haveDevFull) console.log('skip: no /dev/full character device on this machine');

  test.runIf(haveDevFull).each([
    ['parse -o /dev/full', ['parse', SAMPLE, '-o', '/dev/full'], '/dev/full'],
    ['parse > /dev/full', ['parse', SAMPLE], '<stdout>'],
    ['parse --format csv > /dev/full', ['parse', SAMPLE, '--format', 'csv'], '<stdout>'],
    ['analyze > /dev/full', ['analyze', SAMPLE], '<stdout>'],
    ['check > /dev/full', ['check', SAMPLE], '<stdout>'],
    ['check --junit /dev/full', ['check', SAMPLE, '--junit', '/dev/full'], '/dev/full'],
    ['replay > /dev/full', ['replay', SAMPLE], '<stdout>'],
    ['diff > /dev/full', ['diff', SAMPLE, 'samples/go1.26/oversub-p2-20ms-b.log'], '<stdout>'],
    ['simulate > /dev/full', ['simulate', '-w', 'samples/workloads/overflow.json'], '<stdout>'],
  ])('%s', (_name, args, output) => {
    const r = spawnSync(process.execPath, [cliPath, ...args, '-q'], {
      cwd: repoRoot,
      stdio: ['ignore', args.includes('/dev/full') ? 'pipe' : openFull(), 'pipe'],
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`gosched: cannot write ${output}: no space left on device\n`);
  });

  function openFull(): 'pipe' | number {
    // spawnSync takes a file descriptor for stdout: the child writes to /dev/full itself.
    return openSync('/dev/full', 'w');
  }
});

describe('a full tmpfs', () => {
  const mountPoint = join(scratch, 'tiny');
  let mounted = false;
  beforeAll(() => {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return;
    mkdirSync(mountPoint, { recursive: true });
    mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint]).status === 0;
  });
  afterAll(() => {
    if (mounted) spawnSync('umount', [mountPoint]);
  });

  test('an existing output on a full file system is kept, and the failure is named', (ctx) => {
    if (!mounted) {
      console.log('skip: cannot mount a tmpfs here (needs root on Linux); the /dev/full tests cover ENOSPC');
      ctx.skip();
    }
    const out = join(mountPoint, 'out.ndjson');
    writeFileSync(out, 'old\n');
    const input = file('long-for-tmpfs.log', longLog(2000));
    const run = runBuiltCli(['parse', input, '-o', out, '-q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`gosched: cannot write ${out}: no space left on device\n`);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    expect(readdirSync(mountPoint)).toEqual(['out.ndjson']);
  });
});

/** Runs the CLI with stdout a pipe that is closed after the first line, as `| head -1` does. */
function headOne(args: string[], input?: string): Promise<{ code: number | null; stderr: string; first: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [cliPath, ...args], {
      cwd: repoRoot,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let first = '';
    let stderr = '';
    c.stderr!.on('data', (d) => (stderr += d));
    c.stdout!.on('data', (d: Buffer) => {
      if (first !== '') return;
      first = d.toString().split('\n')[0]!;
      c.stdout!.destroy();
    });
    c.stdin?.on('error', () => {});
    c.stdin?.end(input);
    c.on('close', (code) => resolve({ code, stderr, first }));
  });
}

describe('a reader that stops (| head -1): stop quietly, exit 0', () => {
  const big = () => file('big.log', longLog(20_000));
  const runs = () => file('runs.log', manyRuns(3000));
  // replay's first line comes once the run is replayed (7-8 s for 20,000 dumps alone, over a minute
  // beside other jobs); 2,000 dumps still print 0.8 MB, far past a pipe's buffer.
  const replayed = () => file('replayed.log', longLog(2000));
  test.each([
    ['parse (ndjson)', () => ['parse', big()]],
    ['parse --format csv', () => ['parse', big(), '--format', 'csv']],
    ['parse --format json', () => ['parse', big(), '--format', 'json']],
    ['analyze --json', () => ['analyze', '--json', runs()]],
    ['check', () => ['check', runs()]],
    ['replay --json', () => ['replay', '--json', replayed()]],
    ['diff', () => ['diff', runs(), big()]],
    ['simulate -d 1e12', () => ['simulate', '-w', 'samples/workloads/overflow.json', '-p', '1', '-d', '1e12']],
  ])('%s', async (_name, args) => {
    const r = await headOne(args());
    expect(r.first).not.toBe('');
    expect(r.code).toBe(0);
    noStack(r.stderr);
    expect(r.stderr).not.toMatch(/EPIPE|internal error/);
  });
});

/**
 * Feeds `text` on stdin, then sends `signal` (`times` times in a row) once the child has taken it
 * all, and keeps stdin open.
 */
function interrupted(
  args: string[],
  text: string,
  signal: NodeJS.Signals,
  times = 1,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    // The write completes once the child has read all but a pipe buffer of it; then the signal.
    c.stdin.write(text, () =>
      setTimeout(() => {
        for (let i = 0; i < times; i++) c.kill(signal);
      }, 300),
    );
    c.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('SIGINT / SIGTERM: what was read is printed, marked partial, exit 130 / 143', () => {
  const text = longLog(20_000);
  test('analyze - on SIGINT', async () => {
    const r = await interrupted(['analyze', '-'], text, 'SIGINT');
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/^PARTIAL: interrupted by SIGINT/);
    expect(r.stdout).toMatch(/run 0: \d+ snapshots/);
    expect(r.stderr).toContain('gosched: interrupted by SIGINT');
    noStack(r.stderr);
  });
  test('analyze - on SIGINT delivered twice at once (GNU timeout signals the command, then its group): one stop, not a forced exit', async () => {
    const r = await interrupted(['analyze', '-'], text, 'SIGINT', 2);
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/^PARTIAL: interrupted by SIGINT/);
    expect(r.stdout).toMatch(/run 0: \d+ snapshots/);
  });
  test('analyze --json - on SIGTERM', async () => {
    const r = await interrupted(['analyze', '--json', '-'], text, 'SIGTERM');
    expect(r.code).toBe(143);
    const doc = JSON.parse(r.stdout) as { partial: string; counts: { lines: number; schedtrace: number } };
    expect(doc.partial).toBe('SIGTERM');
    expect(doc.counts.schedtrace).toBeGreaterThan(10_000);
  });
  test('check - on SIGINT: never PASSED', async () => {
    const r = await interrupted(['check', '-'], text, 'SIGINT');
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/^PARTIAL: \d+ failing finding/m);
    expect(r.stdout).not.toContain('PASSED');
  });
  test('replay --json - on SIGTERM', async () => {
    // The run read so far is replayed once the signal ends it, about 4 s for 20,000 dumps on an idle
    // core and past the test's minute beside the browser tests: a fifth of them says the same.
    const r = await interrupted(['replay', '--json', '--no-residuals', '-'], longLog(4_000), 'SIGTERM');
    expect(r.code).toBe(143);
    expect((JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!) as { partial: string }).partial).toBe('SIGTERM');
  });
  test('diff A - on SIGINT', async () => {
    const r = await interrupted(['diff', SAMPLE, '-'], text, 'SIGINT');
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/^PARTIAL/);
    expect(r.stdout).toMatch(/^B: <stdin> \(\d+ dumps, GOMAXPROCS \d+\)/m);
  });
  test('parse --format json -o FILE on SIGINT: the existing file is left as it was', async () => {
    const out = file('interrupted.json', '{"old":true}\n');
    const r = await interrupted(['parse', '-', '--format', 'json', '-o', out], text, 'SIGINT');
    expect(r.code).toBe(130);
    expect(readFileSync(out, 'utf8')).toBe('{"old":true}\n');
    expect(readdirSync(scratch).filter((f) => f.includes('gosched-tmp'))).toEqual([]);
  });
});

describe('-q and --no-color on every command', () => {
  test.each([
    ['parse', SAMPLE],
    ['analyze', SAMPLE],
    ['replay', SAMPLE],
    ['check', SAMPLE],
    ['diff', SAMPLE, 'samples/go1.26/oversub-p2-20ms-b.log'],
    ['report', SAMPLE, '-o', join(scratch, 'q.html')],
    ['simulate', '-w', 'samples/workloads/overflow.json', '-d', '100'],
    ['fidelity', '--only', 'overflow-p1'],
  ])('%s', (...args) => {
    const run = runBuiltCli([...args, '-q', '--no-color'], { env: { FORCE_COLOR: '1' } });
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('\x1b[');
  });
});
