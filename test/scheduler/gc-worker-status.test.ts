import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { gcheavyDetailCapture, gcheavyDetailModel } from '../helpers/gcheavy-detail.js';

/** The G lines of mark workers (their wait reason names them) in `snaps`, as status(reason) → count. */
function workerLines(snaps: readonly Snapshot[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const s of snaps)
    for (const g of s.detail?.g ?? []) {
      if (!g.waitReason.startsWith('GC worker')) continue;
      const key = `${g.status}(${g.waitReason})${g.m === null ? '' : ' on an M'}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  return seen;
}

describe('a marking GC worker prints as the runtime prints it (gcBgMarkWorker: _Gwaiting while it drains)', () => {
  it('the runtime never shows one running: Go 1.26 says "GC worker (active)" on its M', () => {
    const real = workerLines(gcheavyDetailCapture(8));
    expect([...real.keys()].filter((k) => k.startsWith('2('))).toEqual([]);
    expect(real.get('4(GC worker (active)) on an M')).toBeGreaterThan(10);
  });

  it.each([
    ['1.26', 'GC worker (active)'],
    ['1.19', 'GC worker (idle)'],
  ])('the model on Go %s: marking workers are waiting, "%s", on their M', (go, reason) => {
    const lines = workerLines(gcheavyDetailModel(go, 8, 300));
    expect([...lines.keys()].filter((k) => k.startsWith('2('))).toEqual([]);
    expect(lines.get(`4(${reason}) on an M`)).toBeGreaterThan(10);
  });
});
