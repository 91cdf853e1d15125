import { describe, expect, it } from 'vitest';
import { fidelityFolder, itStaysWhereItIs } from '../helpers/fidelity-folder.js';

/**
 * samples/heldout: `locked` and `idle` captured at GOMAXPROCS values (and, for Go 1.19, a release)
 * that the fidelity table does not have, after the netpoll M's millisecond grid was developed on
 * the table's locked-p2 and idle-p8; and `oversub` and `gcheavy` at GOMAXPROCS values between the
 * table's, captured after that (samples/heldout/README.md). Before the grid 3 of the 8 sleeping
 * scenarios were within the real run-to-run variance and all 8 are now; of the other 8, all but
 * Go 1.19's gcheavy-p3 are. Each must stay where it is.
 */
const OUT = ['gcheavy-p3 go1.19'];
const folder = fidelityFolder('heldout');
const { scenarios, skipped } = folder;

describe('held-out fidelity captures', () => {
  it('form 16 scenarios of three captures each, none skipped', () => {
    expect(skipped).toEqual([]);
    expect(scenarios.map((s) => `${s.id} go${s.go} ×${s.reals.length}`).sort()).toEqual(
      ['idle-p2', 'idle-p4', 'locked-p1', 'locked-p4', 'oversub-p12', 'oversub-p24', 'gcheavy-p3', 'gcheavy-p6']
        .flatMap((id) => [`${id} go1.19 ×3`, `${id} go1.26 ×3`])
        .sort(),
    );
  });
  itStaysWhereItIs(folder, OUT);
});
