import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runBuiltCli } from '../helpers/run-built-cli.js';

describe('gosched fidelity --samples DIR: a user folder of captures, specs and a manifest', () => {
  let dir = '';
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'gosched-fidelity-'));
    mkdirSync(join(dir, 'workloads'));
    mkdirSync(join(dir, 'caps'));
    copyFileSync('samples/workloads/oversub.json', join(dir, 'workloads', 'oversub.json'));
    for (const x of ['a', 'b']) copyFileSync(`samples/go1.26/oversub-p8-20ms-${x}.log`, join(dir, 'caps', `${x}.log`));
    const entry = (file: string, program = 'oversub') => ({
      file,
      program,
      goVersion: '1.26.8',
      godebug: 'schedtrace=20',
      gomaxprocs: 8,
      cores: 2,
      args: '-g 64 -d 1s',
    });
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify([entry('caps/a.log'), entry('caps/b.log'), entry('caps/x.log', 'mine')]),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compares the model with the two captures and names the entry it could not use', () => {
    const r = runBuiltCli(['fidelity', '--samples', dir, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { scenarios: { id: string; go: string; faithful: boolean | null }[] };
    expect(j.scenarios).toHaveLength(1);
    expect(j.scenarios[0]).toMatchObject({ id: 'oversub-p8', go: '1.26' });
    expect(j.scenarios[0]!.faithful).not.toBeNull();
    expect(r.stderr).toContain('skipped caps/x.log: no workload spec workloads/mine.json');
    expect((j.scenarios[0] as unknown as { captures: number }).captures).toBe(2);
    // The table says the yardstick rests on one pair.
    const table = runBuiltCli(['fidelity', '--samples', dir, '--seed', '1']);
    expect(table.stdout).toMatch(/real-vs-real from one pair of captures .*: oversub-p8 go1\.26$/m);
  });

  it('a folder with no usable scenario exits 2 with one line', () => {
    const empty = mkdtempSync(join(tmpdir(), 'gosched-fidelity-empty-'));
    try {
      const r = runBuiltCli(['fidelity', '--samples', empty]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/no fidelity scenarios|no samples\/ folder with workloads\/ or manifest\.json here/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("names a capture run with other values of the spec's flags, and exits 2 naming the field of a spec that does not load", () => {
    const other = mkdtempSync(join(tmpdir(), 'gosched-fidelity-args-'));
    try {
      mkdirSync(join(other, 'workloads'));
      copyFileSync('samples/workloads/oversub.json', join(other, 'workloads', 'oversub.json'));
      for (const x of ['a', 'b']) copyFileSync(`samples/go1.26/oversub-p8-20ms-${x}.log`, join(other, `${x}.log`));
      const entry = (file: string, args: string) => ({
        file,
        program: 'oversub',
        goVersion: '1.26.8',
        godebug: 'schedtrace=20',
        gomaxprocs: 8,
        args,
      });
      writeFileSync(
        join(other, 'manifest.json'),
        JSON.stringify([entry('a.log', '-g 64 -d 1s'), entry('b.log', '-g 32 -d 1s')]),
      );
      const r = runBuiltCli(['fidelity', '--samples', other, '--seed', '1']);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        'skipped b.log: not the workload of workloads/oversub.json: the spec models -g 64, the capture ran -g 32',
      );
      writeFileSync(
        join(other, 'workloads', 'oversub.json'),
        JSON.stringify({ name: 'oversub', args: 64, groups: [] }),
      );
      const bad = runBuiltCli(['fidelity', '--samples', other]);
      // As simulate -w reports a spec: its path, then each problem with its JSON path; no stack.
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/oversub\.json: invalid workload spec:\n {2}\$\.args: must be a string/);
      expect(bad.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('gosched fidelity --samples DIR with three captures of one setting', () => {
  let dir = '';
  const entry = (file: string) => ({
    file,
    program: 'oversub',
    goVersion: '1.26.8',
    godebug: 'schedtrace=20',
    gomaxprocs: 8,
    cores: 2,
    args: '-g 64 -d 1s',
  });
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'gosched-fidelity-three-'));
    mkdirSync(join(dir, 'workloads'));
    copyFileSync('samples/workloads/oversub.json', join(dir, 'workloads', 'oversub.json'));
    for (const x of ['a', 'b', 'c']) copyFileSync(`samples/go1.26/oversub-p8-20ms-${x}.log`, join(dir, `${x}.log`));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(['a.log', 'b.log', 'c.log'].map(entry)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes every pair as the yardstick, as the built-in table does with the same three logs', () => {
    type Row = { id: string; go: string; captures: number; realVsReal: number; tolerance: number; modelVsReal: number };
    const rows = (args: string[]) => {
      const r = runBuiltCli(['fidelity', ...args, '--seed', '1', '--json']);
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { scenarios: Row[] }).scenarios;
    };
    const mine = rows(['--samples', dir]);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.captures).toBe(3);
    expect(runBuiltCli(['fidelity', '--samples', dir, '--seed', '1']).stdout).not.toContain('one pair of captures');
    const builtIn = rows(['--only', 'oversub-p8']).find((x) => x.go === '1.26')!;
    expect(mine[0]!.realVsReal).toBeCloseTo(builtIn.realVsReal, 12);
    expect(mine[0]!.tolerance).toBeCloseTo(builtIn.tolerance, 12);
    expect(mine[0]!.modelVsReal).toBeCloseTo(builtIn.modelVsReal, 12);
    // With only two of the three listed, the yardstick is that one pair's distance: another figure.
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(['a.log', 'b.log'].map(entry)));
    const pair = rows(['--samples', dir]);
    expect(Math.abs(pair[0]!.realVsReal - mine[0]!.realVsReal)).toBeGreaterThan(0.005);
  });
});

describe('gosched fidelity --samples DIR whose files are named as the built-in table', () => {
  it('reads the folder by its manifest: its settings and cores, not the built-in scenarios', () => {
    // samples/one-cpu holds go1.26/oversub-p16-20ms-{a,b,c}.log and others named as the built-in
    // table's captures, but taken on one CPU, which its manifest says (cores: 1).
    ensureBuilt();
    const run = (...extra: string[]) => {
      const r = runBuiltCli(['fidelity', '--samples', 'samples/one-cpu', '--seed', '1', '--json', ...extra]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as { scenarios: { id: string; go: string; modelVsReal: number }[] };
    };
    const own = run();
    // oversub-p4 is in the manifest only: the built-in table has no such scenario.
    expect(own.scenarios.map((s) => `${s.id} go${s.go}`)).toContain('oversub-p4 go1.26');
    expect(own.scenarios).toHaveLength(8);
    // The model was given the manifest's one core.
    expect(own).toEqual(run('--cpus', '1'));
    expect(own).not.toEqual(run('--cpus', '2'));
  });
});
