import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { simulate } from '../../src/scheduler/simulate.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { samplesDir } from '../helpers/samples.js';

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

const modelDumps = (go: string): Snapshot[] =>
  simulate(
    {
      workload: JSON.parse(readFileSync(join(samplesDir, 'workloads', 'gcheavy.json'), 'utf8')),
      go,
      gomaxprocs: 8,
      periodMs: 10,
      detail: true,
      seed: 1,
      durationMs: 300,
      cpus: 2,
    },
    undefined,
    true,
  ).snapshots;

describe('a marking GC worker prints as the runtime prints it (gcBgMarkWorker: _Gwaiting while it drains)', () => {
  it('the runtime never shows one running: Go 1.26 says "GC worker (active)" on its M', () => {
    const real = workerLines(
      parseText(
        gunzipSync(readFileSync(join(samplesDir, 'programs', 'gcheavy-go1.26-p8-detail-10ms.log.gz'))).toString('utf8'),
      ).snapshots,
    );
    expect([...real.keys()].filter((k) => k.startsWith('2('))).toEqual([]);
    expect(real.get('4(GC worker (active)) on an M')).toBeGreaterThan(10);
  });

  it.each([
    ['1.26', 'GC worker (active)'],
    ['1.19', 'GC worker (idle)'],
  ])('the model on Go %s: marking workers are waiting, "%s", on their M', (go, reason) => {
    const lines = workerLines(modelDumps(go));
    expect([...lines.keys()].filter((k) => k.startsWith('2('))).toEqual([]);
    expect(lines.get(`4(${reason}) on an M`)).toBeGreaterThan(10);
  });
});
