import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { cliPath } from '../helpers/run-built-cli.js';
import { repoRoot } from '../helpers/samples.js';

/**
 * Start-up pays only for what the command runs: the packages that cost most to load (the charts'
 * vega and vega-lite, the metrics server's prom-client, the live view's log-update, papaparse) are
 * loaded by the commands that use them, never by `--help` or `analyze`. A module loader hook in
 * the child lists every module it loads.
 */
const HEAVY = ['vega', 'vega-lite', 'vega-embed', 'prom-client', 'log-update', 'papaparse'];

const hooks = `import { writeSync } from 'node:fs';
export async function load(url, context, next) {
  writeSync(2, 'loaded ' + url + '\\n');
  return next(url, context);
}`;
const register = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;

const scratch = mkdtempSync(join(tmpdir(), 'gosched-lazy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The packages (node_modules/<name>) a run of the built CLI loads. */
function packagesLoaded(args: string[]): Set<string> {
  const urls = modulesLoaded(args);
  const names = urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []);
  return new Set(names);
}

/** The URL of every module a run of the built CLI loads. */
function modulesLoaded(args: string[]): string[] {
  const r = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(register)}`, cliPath, ...args],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  expect(r.status, r.stderr).toBe(0);
  const urls = r.stderr.split('\n').filter((l) => l.startsWith('loaded '));
  // the CLI's own entry is among them, so an empty list would mean the hook saw nothing
  expect(urls.some((u) => u.endsWith('/dist/bin/gosched.js'))).toBe(true);
  return urls.map((l) => l.slice('loaded '.length));
}

test('--help loads none of the heavy packages, and not string-width for its ASCII cells', () => {
  const loaded = packagesLoaded(['--help']);
  expect(HEAVY.filter((p) => loaded.has(p))).toEqual([]);
  // yargs is in the bundle (scripts/bundle-cli.mjs); string-width would come back with a non-ASCII cell
  expect(loaded.has('yargs')).toBe(false);
  expect(loaded.has('string-width')).toBe(false);
});

test('the bundled CLI prints the same help as the compiled modules it is made of', () => {
  for (const args of [['--help'], ['analyze', '--help'], ['diff', '--help'], ['simulate', '--help']]) {
    const env = { ...process.env, NO_COLOR: '1', COLUMNS: '100' };
    const bundled = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', env });
    const modules = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli', 'main.js'), ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      env,
    });
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toContain('Options:');
    expect(bundled.stdout).toBe(modules.stdout);
  }
});

test('analyze of a one-line log loads none of the heavy packages', () => {
  const one = join(scratch, 'one.log');
  writeFileSync(one, 'SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 idlethreads=0 runqueue=0 [0]\n');
  const loaded = packagesLoaded(['analyze', one]);
  expect(HEAVY.filter((p) => loaded.has(p))).toEqual([]);
});

test('analyze of a plain log loads neither the parallel analyze (worker threads) nor zlib', () => {
  const one = join(scratch, 'one-plain.log');
  writeFileSync(one, 'SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 idlethreads=0 runqueue=0 [0]\n');
  const urls = modulesLoaded(['analyze', one]);
  expect(urls.filter((u) => /parallel-analyze|analyze-chunk|node:worker_threads|node:zlib/.test(u))).toEqual([]);
  // and the hook does see them when they are used
  const jobs = modulesLoaded(['analyze', '--jobs', '2', 'samples/go1.26/oversub-p2-20ms-a.log']);
  expect(jobs.some((u) => /\/dist\/bin\/parallel-analyze-[^/]+\.js$/.test(u))).toBe(true);
});

test('parse --format csv writes its own CSV, without papaparse', () => {
  const loaded = packagesLoaded([
    'parse',
    '--format',
    'csv',
    '-o',
    join(scratch, 'out.csv'),
    'samples/go1.26/oversub-p2-20ms-a.log',
  ]);
  expect(HEAVY.filter((p) => loaded.has(p))).toEqual([]);
});

test('the hook sees a heavy package when a command does load it', () => {
  // report --svg draws its charts with vega: the checks above would see vega come back into start-up
  const loaded = packagesLoaded([
    'report',
    '-o',
    join(scratch, 'r.html'),
    '--svg',
    join(scratch, 'svg'),
    'samples/go1.26/oversub-p2-20ms-a.log',
  ]);
  expect(loaded.has('vega')).toBe(true);
});
