import { describe, expect, it } from 'vitest';
import { fidelityFolder, itStaysWhereItIs } from '../helpers/fidelity-folder.js';

/**
 * samples/one-cpu: oversub, syscalls and gcheavy run on one CPU (`taskset -c 0`), captured after
 * every model change and scored once with the model given that one core (samples/one-cpu/README.md):
 * 3 of 8 within the real run-to-run variance; 4 since whole turns on the one core (runtime/slices.ts:
 * syscalls-p2 go1.19 comes in, docs/measurements/fidelity.md). Each must stay where it is, so that a
 * change to the machine model that brings one in (or pushes one out) shows here.
 */
const OUT = ['oversub-p16 go1.26', 'syscalls-p2 go1.26', 'gcheavy-p4 go1.26', 'gcheavy-p4 go1.19'];
const folder = fidelityFolder('one-cpu');
const { scenarios, skipped } = folder;

describe('fidelity captures on one CPU', () => {
  it('form 8 scenarios of three captures each, all on one core, none skipped', () => {
    expect(skipped).toEqual([]);
    expect(scenarios.map((s) => `${s.id} go${s.go} ×${s.reals.length} cores ${s.cores}`).sort()).toEqual(
      ['oversub-p4', 'oversub-p16', 'syscalls-p2', 'gcheavy-p4']
        .flatMap((id) => [`${id} go1.19 ×3 cores 1`, `${id} go1.26 ×3 cores 1`])
        .sort(),
    );
  });
  itStaysWhereItIs(folder, OUT);
});
