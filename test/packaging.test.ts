/**
 * The npm package as a user installs it: what `npm pack` ships, the `exports` map, and the CLI
 * running from the installed files (fidelity, which needs the repository's samples, says so).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt } from './helpers/run-built-cli.js';
import { repoRoot } from './helpers/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'gosched-pack-'));
let files: string[] = [];
beforeAll(() => {
  ensureBuilt();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  files = info!.files.map((f) => f.path);
  mkdirSync(join(dir, 'app', 'node_modules'), { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, info!.filename), '-C', join(dir, 'app', 'node_modules')]);
  // The package's own dependencies, from the repository's install.
  symlinkSync(join(dir, 'app', 'node_modules', 'package'), join(dir, 'app', 'node_modules', 'gosched'));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'app', 'node_modules', 'package', 'node_modules'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: join(dir, 'app'), encoding: 'utf8' });

describe('the npm package', () => {
  test('ships the build, the docs and the LICENSE; no sources, samples, tests or source maps', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'package.json', 'dist/index.js', 'dist/bin/gosched.js']));
    expect(files.filter((f) => /^(src|test|samples|scripts)\//.test(f) || f.endsWith('.map'))).toEqual([]);
    // the CLI ships as its bundle (dist/bin); the modules it was bundled from stay behind
    expect(files.filter((f) => f.startsWith('dist/cli/'))).toEqual([]);
  });

  test('exports the documented API only', () => {
    const ok = node([
      '--input-type=module',
      '-e',
      "const m = await import('gosched'); console.log(typeof m.parseText)",
    ]);
    expect(ok.stdout.trim()).toBe('function');
    const deep = node(['--input-type=module', '-e', "await import('gosched/dist/cli/run-cli.js')"]);
    expect(deep.status).not.toBe(0);
    expect(deep.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  test('the installed CLI parses a log, and fidelity says it needs a checkout (exit 2)', () => {
    const cli = join('node_modules', 'gosched', 'dist', 'bin', 'gosched.js');
    const parse = node([cli, 'parse', join(repoRoot, 'samples/go1.26/seed-p4-100ms-a.log'), '-q']);
    expect(parse.status).toBe(0);
    expect(parse.stdout.split('\n')[0]).toMatch(/^\{"stream":"","run":0,"line":1/);
    const fidelity = node([cli, 'fidelity']);
    expect(fidelity.status).toBe(2);
    expect(fidelity.stderr).toMatch(/^gosched: samples: no samples\/ folder with workloads\/ or manifest\.json here/);
  });
});
