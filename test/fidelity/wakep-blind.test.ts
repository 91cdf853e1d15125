import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { simulate } from '../../src/scheduler/simulate.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';
import { fidelityFolder, itStaysWhereItIs } from '../helpers/fidelity-folder.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * samples/wakep-blind: pingpong at 6 and 12 Ps on Go 1.21.13 and 1.24.11, captured after the dumps
 * began to read wakep's spinning slot (runtime/wakep-in-flight.ts, fitted on Go 1.26 at 4 Ps) and
 * scored once (samples/wakep-blind/README.md): within the real run-to-run variance on 4 of 4, where
 * the model before was on 2.
 */
const folder = fidelityFolder('wakep-blind');
const dir = join(samplesDir, 'wakep-blind');
const pingpong = JSON.parse(readFileSync(join(dir, 'workloads', 'pingpong.json'), 'utf8')) as WorkloadSpec;

/** The share of dumps with no P idle that read a spinning thread. */
const spinningShare = (snaps: readonly Snapshot[]): number =>
  snaps.filter((s) => s.idleprocs === 0 && (s.spinningthreads ?? 0) > 0).length / snaps.length;

describe('wakep-blind captures as fidelity scenarios', () => {
  it('form 4 scenarios of two captures each', () => {
    expect(folder.skipped).toEqual([]);
    expect(folder.scenarios.map((s) => `${s.id} go${s.go} ×${s.reals.length}`).sort()).toEqual([
      'pingpong-p12 go1.21 ×2',
      'pingpong-p12 go1.24 ×2',
      'pingpong-p6 go1.21 ×2',
      'pingpong-p6 go1.24 ×2',
    ]);
  });

  it.each([
    [6, '1.21'],
    [12, '1.24'],
  ])('at %i Ps on Go %s the model reads the slot at the share of dumps the captures do, within 0.1', (p, go) => {
    const reals = ['a', 'b'].map((run) =>
      spinningShare(parseText(readFileSync(join(dir, `go${go}`, `pingpong-p${p}-10ms-${run}.log`), 'utf8')).snapshots),
    );
    const model = spinningShare(
      simulate({
        workload: pingpong,
        go,
        gomaxprocs: p,
        periodMs: 10,
        detail: false,
        seed: 1,
        durationMs: 1500,
        cpus: 2,
      }).snapshots,
    );
    // Real: 29-36% at 6 Ps, 51-59% at 12; the more threads per core, the more dumps read it.
    for (const real of reals) expect(Math.abs(model - real)).toBeLessThan(0.1);
  });

  itStaysWhereItIs(folder, []);
});
