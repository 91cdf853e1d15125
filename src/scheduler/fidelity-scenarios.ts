/**
 * The fidelity scenarios: each sample program's spec, run with the settings of its committed real
 * captures (samples/manifest.json). `reals` are paths under samples/; the distances between every
 * pair of them are the run-to-run yardstick (three captures of each Go 1.19 and 1.26 setting, two of
 * the other machine's).
 */
import type { Snapshot } from '../trace/snapshot.js';
import type { WorkloadSpec } from '../workload/spec.js';
import { compareRuns, type FidelityVerdict } from './fidelity.js';
import { simulate } from './simulate.js';

export interface Scenario {
  id: string;
  spec: string;
  go: string;
  gomaxprocs: number;
  periodMs: number;
  detail: boolean;
  reals: string[];
  /** Live mode: program arguments and GODEBUG. */
  args: string[];
  /** The deterministic overflow signature applies. */
  overflow?: boolean;
  /**
   * More GODEBUG settings of the captures (live mode passes them too), e.g. 'gctrace=1'. The model
   * follows asyncpreemptoff=1 (SimulateOptions.asyncPreemptOff).
   */
  godebug?: string;
  /** Its captures come from releases the local toolchain cannot stand in for: live mode skips it. */
  live?: false;
}

const s = (
  id: string,
  spec: string,
  go: string,
  p: number,
  period: number,
  reals: string[],
  args: string[],
  extra: Partial<Scenario> = {},
): Scenario => ({
  id,
  spec,
  go,
  gomaxprocs: p,
  periodMs: period,
  detail: false,
  reals,
  args,
  ...extra,
});

/** The three captures of one setting: `…-a.log`, `…-b.log` and `…-c.log`. */
const threeCaptures = (prefix: string): string[] => ['a', 'b', 'c'].map((run) => `${prefix}-${run}.log`);
/** A setting first captured alone (`….log`) and repeated twice later (`…-b.log`, `…-c.log`). */
const sameSettings = (prefix: string): string[] => [`${prefix}.log`, `${prefix}-b.log`, `${prefix}-c.log`];

const OVERFLOW_ARGS = ['-g', '5000', '-w', '100000', '-waves', '2'];
const ONE_SECOND = ['-d', '1s'];

export const SCENARIOS: Scenario[] = [
  s('overflow-p1', 'overflow', '1.26', 1, 10, threeCaptures('go1.26/overflow-p1-10ms'), OVERFLOW_ARGS, {
    overflow: true,
  }),
  s('overflow-p1', 'overflow', '1.19', 1, 10, threeCaptures('go1.19/overflow-p1-10ms'), OVERFLOW_ARGS, {
    overflow: true,
  }),
  // Six captures: how many threads the start-up leaves is a race (5 in most runs, 6 in about a
  // quarter); the first three all drew 6, the next three 6, 5 and 5.
  s(
    'seed-p4',
    'seed',
    '1.26',
    4,
    100,
    ['a', 'b', 'c', 'd', 'e', 'f'].map((run) => `go1.26/seed-p4-100ms-${run}.log`),
    ['-n', '300000000'],
  ),
  s('seed-p4', 'seed', '1.19', 4, 100, threeCaptures('go1.19/seed-p4-100ms'), ['-n', '300000000']),
  // The same counting loops where preemption cannot stop them: asynchronous preemption off, and the
  // releases before it (one capture each of Go 1.5, 1.7, 1.9, 1.10 and 1.13, modelled as 1.13).
  ...['1.26', '1.19'].map((go) =>
    s(
      'seed-p4-asyncpreemptoff',
      'seed',
      go,
      4,
      100,
      threeCaptures(`go${go}/seed-p4-asyncpreemptoff-100ms`),
      ['-n', '300000000'],
      { godebug: 'asyncpreemptoff=1' },
    ),
  ),
  s(
    'seed-p4',
    'seed',
    '1.13',
    4,
    100,
    ['1.5', '1.7', '1.9', '1.10', '1.13'].map((v) => `go${v}/seed-p4-100ms.log`),
    ['-n', '300000000'],
    { live: false },
  ),
  s('gosched-p4', 'gosched', '1.26', 4, 50, threeCaptures('go1.26/gosched-p4-50ms'), ['-g', '16', '-d', '2s']),
  s('gosched-p4', 'gosched', '1.19', 4, 50, threeCaptures('go1.19/gosched-p4-50ms'), ['-g', '16', '-d', '2s']),
  s('oversub-p2', 'oversub', '1.26', 2, 20, threeCaptures('go1.26/oversub-p2-20ms'), ['-g', '64', ...ONE_SECOND]),
  s('oversub-p2', 'oversub', '1.19', 2, 20, threeCaptures('go1.19/oversub-p2-20ms'), ['-g', '64', ...ONE_SECOND]),
  s('oversub-p8', 'oversub', '1.26', 8, 20, threeCaptures('go1.26/oversub-p8-20ms'), ['-g', '64', ...ONE_SECOND]),
  s('oversub-p8', 'oversub', '1.19', 8, 20, threeCaptures('go1.19/oversub-p8-20ms'), ['-g', '64', ...ONE_SECOND]),
  s('pingpong-p4', 'pingpong', '1.26', 4, 5, threeCaptures('go1.26/pingpong-p4-5ms'), ['-pairs', '32', '-d', '1500ms']),
  s('pingpong-p4', 'pingpong', '1.19', 4, 5, threeCaptures('go1.19/pingpong-p4-5ms'), ['-pairs', '32', '-d', '1500ms']),
  s('syscalls-p2', 'syscalls', '1.26', 2, 50, threeCaptures('go1.26/syscalls-p2-50ms'), ['-n', '40', '-d', '2s']),
  s('syscalls-p2', 'syscalls', '1.19', 2, 50, threeCaptures('go1.19/syscalls-p2-50ms'), ['-n', '40', '-d', '2s']),
  s(
    'netpoll-p2-detail',
    'netpoll',
    '1.26',
    2,
    200,
    sameSettings('go1.26/netpoll-p2-detail-200ms'),
    ['-c', '32', ...ONE_SECOND],
    {
      detail: true,
    },
  ),
  s(
    'netpoll-p2-detail',
    'netpoll',
    '1.19',
    2,
    200,
    sameSettings('go1.19/netpoll-p2-detail-200ms'),
    ['-c', '32', ...ONE_SECOND],
    {
      detail: true,
    },
  ),
  s('crash-p2', 'crash', '1.26', 2, 50, sameSettings('go1.26/crash-50ms'), ['-after', '300ms']),
  s('crash-p2', 'crash', '1.19', 2, 50, sameSettings('go1.19/crash-50ms'), ['-after', '300ms']),
  s('idle-p8', 'idle', '1.26', 8, 250, sameSettings('go1.26/idle-p8-250ms'), ['-d', '3s']),
  s('locked-p2', 'locked', '1.26', 2, 50, sameSettings('go1.26/locked-p2-50ms'), ['-n', '8', '-d', '2s']),
  s('resize', 'resize', '1.26', 2, 20, sameSettings('go1.26/resize-20ms'), ['-step', '300ms']),
  s(
    'gcheavy-p4-detail',
    'gcheavy',
    '1.26',
    4,
    100,
    sameSettings('go1.26/gcheavy-p4-detail-100ms'),
    ['-n', '16', ...ONE_SECOND],
    {
      detail: true,
    },
  ),
  // GC at four GOMAXPROCS values, and more Ps than the capturing machine's 2 cores (8-32).
  ...['1.26', '1.19'].flatMap((go) =>
    [2, 4, 8, 16].map((p) =>
      s(
        `gcheavy-p${p}`,
        'gcheavy',
        go,
        p,
        50,
        threeCaptures(`go${go}/gcheavy-gctrace-p${p}-50ms`),
        ['-n', '16', ...ONE_SECOND],
        { godebug: 'gctrace=1' },
      ),
    ),
  ),
  ...['1.26', '1.19'].flatMap((go) =>
    [16, 32].map((p) =>
      s(`oversub-p${p}`, 'oversub', go, p, 20, threeCaptures(`go${go}/oversub-p${p}-20ms`), [
        '-g',
        '64',
        ...ONE_SECOND,
      ]),
    ),
  ),
  // Captured on another machine type (a 2-core Intel Xeon VM) after the new-thread wait was written.
  ...[24, 48].map((p) =>
    s(
      `oversub-p${p}`,
      'oversub',
      '1.26',
      p,
      20,
      [`other-machine/go1.26/oversub-p${p}-20ms-a.log`, `other-machine/go1.26/oversub-p${p}-20ms-b.log`],
      ['-g', '64', ...ONE_SECOND],
    ),
  ),
];

export interface ScenarioResult {
  scenario: Scenario;
  verdict: FidelityVerdict;
  model: Snapshot[];
  events: number;
}

/** Simulates a scenario for as long as its longest real capture and compares. */
export function runScenario(
  sc: Scenario,
  spec: WorkloadSpec,
  reals: Snapshot[][],
  cpus: number,
  seed = 1,
): ScenarioResult {
  const r = simulateAlongside(sc, sc.go, spec, reals, cpus, seed);
  return { scenario: sc, verdict: compareRuns(r.snapshots, reals), model: r.snapshots, events: r.events };
}

/** The model run of a scenario's settings on `go`, as long as the longest of `reals` plus half a period. */
export function simulateAlongside(
  sc: Pick<Scenario, 'gomaxprocs' | 'periodMs' | 'detail' | 'godebug'>,
  go: string,
  spec: WorkloadSpec,
  reals: Snapshot[][],
  cpus: number,
  seed: number,
): ReturnType<typeof simulate> {
  const lastT = Math.max(...reals.map((r) => r.reduce((m, x) => Math.max(m, x.tMs ?? 0), 0)));
  return simulate({
    workload: spec,
    go,
    gomaxprocs: sc.gomaxprocs,
    periodMs: sc.periodMs,
    detail: sc.detail,
    seed,
    durationMs: lastT + sc.periodMs / 2,
    cpus,
    ...(/(?:^|,)asyncpreemptoff=1(?:,|$)/.test(sc.godebug ?? '') ? { asyncPreemptOff: true } : {}),
  });
}
