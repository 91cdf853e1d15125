import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { gcheavyDetailCapture, gcheavyDetailModel } from '../helpers/gcheavy-detail.js';

const WAITING = 4;
const RUNNABLE = 1;

/** Per dump, how many goroutines are in `status` with the last wait reason `reason`. */
function perDump(snaps: readonly Snapshot[], status: number, reason: string): number {
  let n = 0;
  let dumps = 0;
  for (const s of snaps) {
    if (s.detail === undefined) continue;
    dumps++;
    for (const g of s.detail.g) if (g.status === status && g.waitReason === reason) n++;
  }
  return n / dumps;
}

const capture = gcheavyDetailCapture;
const model = (gomaxprocs: number): Snapshot[] => gcheavyDetailModel('1.26', gomaxprocs, 1000);

/**
 * Where gcheavy's 16 allocators wait, in the runtime's own scheddetail (Go 1.26.8, 2 cores) and in
 * the model: the evidence for assistDrainQuantumMs (assists park at 2 Ps too) and for
 * parkedAssistsToMarkDone (with dedicated workers the parked assists end on markDoneSema).
 */
describe("gcheavy's allocators in the runtime's scheddetail and in the model (gc.ts)", () => {
  it('at 2 Ps the runtime parks assists and readies them; the model parks them too', () => {
    const real = capture(2);
    expect(perDump(real, RUNNABLE, 'GC assist wait')).toBeGreaterThan(4);
    expect(perDump(real, WAITING, 'semacquire')).toBeGreaterThan(4);
    const m = model(2);
    // Before assistDrainQuantumMs no 2-P assist ever parked: none runnable after an assist wait. The
    // model has about 0.9 per dump since its mark phase became the captures' 7.8 ms (2.0 at 12 ms);
    // the runtime has 5.2, a gap the README's fidelity section reports and does not yet explain.
    expect(perDump(m, RUNNABLE, 'GC assist wait')).toBeGreaterThan(0.5);
  });

  it('at 8 Ps the runtime holds most of the blocked allocators on the mark-done semaphore, and the model a good share', () => {
    const real = capture(8);
    const realSema = perDump(real, WAITING, 'semacquire');
    expect(realSema).toBeGreaterThan(3 * perDump(real, WAITING, 'GC assist wait'));
    // The model had 0.4 per dump there before the parked assists began to end on the semaphore.
    expect(perDump(model(8), WAITING, 'semacquire')).toBeGreaterThan(realSema / 5);
  });
});
