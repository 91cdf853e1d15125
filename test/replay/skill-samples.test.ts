import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { replayTimelines } from '../../src/replay/index.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

const samples = readdirSync('samples')
  .filter((d) => d.startsWith('go1.'))
  .flatMap((d) => readdirSync(`samples/${d}`).filter((f) => f.endsWith('.log')).map((f) => `samples/${d}/${f}`));

describe('one-step replay on every committed real sample', () => {
  const results = samples.map((f) => {
    const r = replayTimelines(buildTimelines(parseText(readFileSync(f, 'utf8')).snapshots), { freeRun: false, residuals: false });
    return { f, o: r.fidelity.oneStep };
  });
  it('scores every sample and calls it n/a only when persistence never erred', () => {
    expect(results.length).toBeGreaterThan(70);
    for (const { f, o } of results) {
      if (o.skill === null) expect(o.maePersistence, f).toBe(0);
      else expect(o.skill, f).toBeCloseTo(1 - o.maeModel / o.maePersistence, 3);
    }
  });
  it('beats persistence pooled over all samples and on the deterministic GOMAXPROCS=1 overflow drains', () => {
    let model = 0;
    let persistence = 0;
    for (const { o } of results) {
      model += o.maeModel * o.intervals;
      persistence += o.maePersistence * o.intervals;
    }
    expect(1 - model / persistence).toBeGreaterThan(0);
    for (const { f, o } of results.filter((x) => x.f.includes('overflow-p1'))) expect(o.skill, f).toBeGreaterThan(0);
  });
});
