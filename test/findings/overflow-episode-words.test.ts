/**
 * A local-overflow episode over several dumps states the sum of the global queue's rises and the
 * spills it counts in them. The sum is the evidence's, and where the words write it as k×129 plus a
 * remainder the equation holds: on every labelled spawn-burst capture, of every release.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findingsOfLog } from '../helpers/log-findings.js';
import { samplesDir } from '../helpers/samples.js';

const labelled = join(samplesDir, 'labelled');
const spawnBursts = readdirSync(labelled, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(labelled, d.name))
      .filter((f) => f.startsWith('spawnburst') && /\.log(\.gz)?$/.test(f))
      .map((f) => `${d.name}/${f}`),
  )
  .sort();

const SUM = /its rises over the episode's dumps sum to (\d+)(?: = (\d+)×129(?: ([+−]) (\d+))?)?/;

describe("a multi-dump local-overflow episode's arithmetic, as its words state it", () => {
  test('the labelled spawn bursts are here to read (more than 40 captures)', () => {
    expect(spawnBursts.length).toBeGreaterThan(40);
  });

  test('every stated sum is the evidence growth, and every stated equation is true', () => {
    let sums = 0;
    let equations = 0;
    for (const rel of spawnBursts) {
      for (const f of findingsOfLog(`samples/labelled/${rel}`)) {
        if (f.kind !== 'local-overflow' || f.episode.hits < 2) continue;
        const m = SUM.exec(f.explanation);
        expect(m, `${rel} ${f.tMs} ms: ${f.explanation}`).not.toBeNull();
        const sum = Number(m![1]);
        expect(sum, rel).toBe(f.evidence.growth);
        sums++;
        if (m![2] === undefined) continue;
        const remainder = m![3] === undefined ? 0 : (m![3] === '+' ? 1 : -1) * Number(m![4]);
        expect(Number(m![2]) * 129 + remainder, `${rel} ${f.tMs} ms`).toBe(sum);
        expect(Number(m![2]), rel).toBe(f.evidence.overflows);
        equations++;
      }
    }
    // Measured when written: multi-dump episodes on most spawn-burst captures, nearly all with the equation.
    expect(sums).toBeGreaterThan(10);
    expect(equations).toBeGreaterThan(5);
  });
});
