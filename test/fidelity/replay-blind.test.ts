import { describe, expect, it } from 'vitest';
import { fidelityFolder, itStaysWhereItIs } from '../helpers/fidelity-folder.js';

/**
 * samples/replay-blind: captures taken for the replay, after the last model change, at settings the
 * fidelity table does not have (samples/replay-blind/README.md). Read as a user's folder, the
 * `netpoll`, `overflow` and `gcheavy` captures ran their programs with other flags than the specs
 * model (-c 64, -g 20000 -waves 4, -n 24) and are skipped; of the 8 scenarios left, syscalls at 6 Ps
 * on both releases are outside the real run-to-run variance. Each must stay where it is. Pingpong at
 * 8 Ps on Go 1.25 was outside too (0.22 against 0.18), its spinning threads the most of it, until the
 * dumps read the spinning slot a wakep holds (runtime/wakep-in-flight.ts): 0.17.
 */
const OUT = ['syscalls-p6 go1.22', 'syscalls-p6 go1.25'];
const folder = fidelityFolder('replay-blind');
const { scenarios, skipped } = folder;

describe('replay-blind captures as fidelity scenarios', () => {
  it('skip the captures of other workloads, saying which flag differs, and form 8 scenarios of two captures', () => {
    expect(skipped.map((s) => s.file.replace(/-[ab]\.log$/, '')).sort()).toEqual(
      ['gcheavy-gctrace-p12-50ms', 'netpoll-p6-50ms', 'overflow-p6-20ms']
        .flatMap((f) => [`go1.22/${f}`, `go1.22/${f}`, `go1.25/${f}`, `go1.25/${f}`])
        .sort(),
    );
    expect(skipped.find((s) => s.file === 'go1.22/overflow-p6-20ms-a.log')?.reason).toBe(
      'not the workload of workloads/overflow.json: the spec models -g 5000, the capture ran -g 20000',
    );
    expect(scenarios.map((s) => `${s.id} go${s.go} ×${s.reals.length}`).sort()).toEqual(
      ['gosched-p8', 'syscalls-p6', 'pingpong-p8', 'oversub-p6']
        .flatMap((id) => [`${id} go1.22 ×2`, `${id} go1.25 ×2`])
        .sort(),
    );
  });
  itStaysWhereItIs(folder, OUT);
});
