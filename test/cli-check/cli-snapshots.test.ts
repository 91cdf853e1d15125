import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, expectCliSnapshot, runBuiltCli, type CliRun } from '../helpers/run-built-cli.js';
import { repoRoot } from '../helpers/samples.js';

const snapshotsDir = join(import.meta.dirname, 'snapshots');
const scratch = mkdtempSync(join(tmpdir(), 'gosched-cli-check-'));

function expectRecord(name: string, run: CliRun): void {
  expectCliSnapshot(snapshotsDir, name, run, scratch);
}

beforeAll(() => ensureBuilt());

describe('gosched replay, check and diff, end to end (built CLI)', () => {
  test('replay prints one-step fidelity per run and exits 0', () => {
    const run = runBuiltCli(['replay', 'samples/go1.26/overflow-p1-10ms-a.log']);
    expect(run.code).toBe(0);
    const skill = Number(/skill (-?[\d.]+)/.exec(run.stdout)?.[1]);
    expect(skill).toBeGreaterThan(0);
    expectRecord('replay overflow', run);
  });

  test('check --min-skill records the fidelity in JUnit and the Markdown summary', () => {
    const junit = join(scratch, 'check.xml');
    const summary = join(scratch, 'summary.md');
    const run = runBuiltCli([
      'check',
      'samples/go1.26/oversub-p2-20ms-a.log',
      '--min-skill',
      '0',
      '--junit',
      junit,
      '--summary',
      summary,
    ]);
    expect(run.code).toBe(0);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(
      /name="fidelity: one-step skill"[\s\S]*MAE model [\d.]+ vs persistence [\d.]+ over \d+ intervals/,
    );
    expect(readFileSync(summary, 'utf8')).toMatch(/\| [\d.]+ \/ [\d.]+ \(\d+ intervals\) \|/);
    expectRecord('check min-skill', run);
  });

  test('check names the skill floor in its last line when that is what failed', () => {
    // A floor above any skill: every run fails on it, with no failing finding.
    const run = runBuiltCli(['check', 'samples/go1.26/oversub-p2-20ms-a.log', '--min-skill', '0.999']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  one-step skill below --min-skill 0.999');
    expect(run.stdout.trim().split('\n').at(-1)).toBe(
      'FAILED: 0 failing finding(s) of 1, 1 run(s) below --min-skill 0.999; failing kinds: model-divergence, invariant-violation',
    );
  });

  test('check fails (exit 1) on a log edited to break an invariant, 2 on a missing file', () => {
    const lines = readFileSync(join(repoRoot, 'samples/go1.26/oversub-p2-20ms-a.log'), 'utf8').split('\n');
    lines[4] = lines[4]!.replace('idleprocs=0', 'idleprocs=9');
    const bad = join(scratch, 'bad.log');
    writeFileSync(bad, lines.join('\n'));
    const run = runBuiltCli(['check', bad]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('invariant-violation');
    expectRecord('check invariant violation', run);
    const missing = runBuiltCli(['check', join(scratch, 'missing.log')]);
    expect(missing.code).toBe(2);
    expectRecord('check missing file', missing);
  });

  test('diff exits 1 when a threshold is passed', () => {
    const run = runBuiltCli([
      'diff',
      'samples/go1.26/oversub-p8-20ms-a.log',
      'samples/go1.26/oversub-p2-20ms-a.log',
      '--threshold',
      'local.p90=+50%',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('REGRESSION');
    expectRecord('diff regression', run);
  });

  test('report draws the replay overlay by default and not with --no-replay', () => {
    const withModel = join(scratch, 'with.html');
    const without = join(scratch, 'without.html');
    expect(runBuiltCli(['report', 'samples/go1.26/oversub-p2-20ms-a.log', '-o', withModel]).code).toBe(0);
    expect(runBuiltCli(['report', 'samples/go1.26/oversub-p2-20ms-a.log', '-o', without, '--no-replay']).code).toBe(0);
    expect(readFileSync(withModel, 'utf8')).toContain('chart-model');
    expect(readFileSync(without, 'utf8')).not.toContain('chart-model');
  });
});
