import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { replayTimelines, toModelOverlay, whatIf } from '../../src/replay/index.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

const load = (path: string) => buildTimelines(parseText(readFileSync(path, 'utf8')).snapshots);
const samples = readdirSync('samples')
  .filter((d) => d.startsWith('go1.'))
  .flatMap((d) =>
    readdirSync(`samples/${d}`)
      .filter((f) => f.endsWith('.log'))
      .map((f) => `samples/${d}/${f}`),
  );

describe('one-step replay', () => {
  it('beats persistence on CPU-bound oversubscription (global queue fed by preemption)', () => {
    // At 32 Ps on the 2-core capture machine the queues barely move between dumps: see
    // skill-samples.test.ts's exceptions.
    for (const f of samples.filter((s) => s.includes('oversub') && !s.includes('oversub-p32'))) {
      const r = replayTimelines(load(f), { freeRun: false });
      expect(r.fidelity.oneStep.skill, f).toBeGreaterThan(0.2);
    }
  });
  it('is deterministic for a seed and scores persistence itself correctly', () => {
    const tl = load('samples/go1.26/seed-p4-100ms-a.log');
    const a = replayTimelines(tl, { seed: 3 });
    const b = replayTimelines(tl, { seed: 3 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const rs = a.runs[0]!.oneStep.residuals;
    const pers = rs.reduce((s, r) => s + r.persistenceError, 0) / rs.length;
    expect(a.fidelity.oneStep.maePersistence).toBeCloseTo(pers, 3);
    expect(a.fidelity.oneStep.skill).toBeCloseTo(
      1 - a.fidelity.oneStep.maeModel / a.fidelity.oneStep.maePersistence,
      3,
    );
  });
  it('gives no skill where nothing changes (idle program) instead of dividing by zero', () => {
    const r = replayTimelines(load('samples/go1.26/idle-p8-250ms.log'), { freeRun: false });
    expect(r.fidelity.oneStep.maePersistence).toBe(0);
    expect(r.fidelity.oneStep.skill).toBeNull();
  });
  it('turns residuals into the report overlay', () => {
    const r = replayTimelines(load('samples/go1.26/oversub-p2-20ms-a.log'), { freeRun: false });
    const o = toModelOverlay(r.runs);
    expect(o[0]!.points.length).toBe(r.runs[0]!.oneStep.residuals.length);
    expect(o[0]!.points[0]!.observedLocal.length).toBe(2);
  });
});

describe('what-if: trusted only where its baseline reproduces the log', () => {
  const timeline = (path: string) => buildTimelines(parseText(readFileSync(path, 'utf8')).snapshots)[0]!;
  it('says when the baseline misses the observed figures, against the log computed here', () => {
    for (const [path, matches] of [
      ['samples/go1.26/oversub-p2-20ms-a.log', true],
      ['samples/go1.26/overflow-p1-10ms-a.log', true],
      // The fitted workload does not allocate: goroutines parked by the GC (assists, the mark-done
      // semaphore) read as service, and the baseline's 16 Ps run dry (0.06 queued on average) where
      // the log kept about 4 goroutines queued.
      ['samples/go1.26/gcheavy-gctrace-p16-50ms-b.log', false],
    ] as const) {
      const tl = timeline(path);
      const w = whatIf(tl, { gomaxprocs: 4 })!;
      // The observed figures over the dumps the what-if replayed (all but the first).
      const pts = tl.points.slice(1);
      const queued = pts.map((p) => p.runqueue + p.runq.reduce((a, b) => a + b, 0));
      expect(w.observed.meanQueued).toBeLessThanOrEqual(Math.max(...queued));
      expect(w.observed.meanQueued).toBeGreaterThanOrEqual(Math.min(...queued));
      const gap = Math.abs(w.baseline.meanQueued - w.observed.meanQueued);
      const idleGap = Math.abs(w.baseline.idleShare - w.observed.idleShare);
      expect(w.baselineMatches, path).toBe(matches);
      expect(w.baselineMatches).toBe(idleGap <= 0.25 && gap <= Math.max(2, 0.5 * w.observed.meanQueued));
    }
  });
  it('reproduces the GOMAXPROCS=1 overflow: every goroutine the spawner made arrives, net of the moves to the global queue', () => {
    // The global queue climbs to 4773 (37 × 129) in the first 10 ms and drains at 128 a batch: the
    // queued mean is set by how many arrived and what each costs, which the log alone tells.
    const w = whatIf(timeline('samples/go1.19/overflow-p1-10ms-a.log'), { gomaxprocs: 2, cpus: 2 })!;
    expect(Math.abs(w.baseline.meanQueued - w.observed.meanQueued)).toBeLessThan(0.1 * w.observed.meanQueued);
  });
  it('predicts 64 CPU-bound goroutines at four times the Ps as the real capture there shows them', () => {
    // oversub runs a fixed 64 goroutines whatever GOMAXPROCS is, so its 8-P capture is the answer to
    // the 2-P capture's what-if (both captured on the same 2-core machine, replayed at --cpus 2).
    // Read with each queue's rise as arrivals, the what-if said 21-31 queued where 53-55 are.
    for (const release of ['go1.19', 'go1.26'])
      for (const run of ['a', 'b']) {
        const w = whatIf(timeline(`samples/${release}/oversub-p2-20ms-${run}.log`), { gomaxprocs: 8, cpus: 2 })!;
        const real = timeline(`samples/${release}/oversub-p8-20ms-${run}.log`).points;
        const realQueued = real.reduce((a, p) => a + p.runqueue + p.runq.reduce((x, y) => x + y, 0), 0) / real.length;
        expect(w.baselineMatches).toBe(true);
        expect(Math.abs(w.scenario.meanQueued - realQueued), `${release} ${run}`).toBeLessThan(0.3 * realQueued);
        expect(w.scenario.idleShare).toBeLessThan(0.05);
      }
  });
});
