import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseLabels, scoreLog, totals } from '../../src/findings/score.js';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * The labelled corpus (samples/labelled/): precision and recall per kind and headline accuracy may
 * not fall below the figures committed in scores.json (written by `node scripts/corpus.mjs --json`).
 * Splits (as scripts/corpus.mjs): tune = the Go 1.26 captures and the Go 1.19 tune captures the
 * rules were written against; scale = Go 1.26 at 32-56 Ps; held-out = the first Go 1.19 captures;
 * fresh = the Go 1.22 captures, scored only; unseen = the Go 1.24 captures, made and scored after the
 * last rule change, never opened; blind = the Go 1.25.5 captures, made after a later round of rule
 * changes and scored once, never opened; novel = ten programs written afterwards, captured with Go
 * 1.21.13 and 1.23.12 and scored once; other-machine = the blind split's programs and labels with
 * Go 1.20.14 on a 2-core Intel Xeon VM, scored once; phases = CPU-bound work in phases and two
 * controls on Go 1.19, 1.23 and 1.26, written after saturation learned to go on through single dumps
 * without a backlog, scored once; phases2 and phases3 = two more rounds of such programs (README);
 * period = conditions that last seconds, dumped a second apart (production's period), scored once.
 */
const dir = join(samplesDir, 'labelled');
/** Split name → its folders (splits.json, as scripts/corpus.mjs reads it). */
const splits = JSON.parse(readFileSync(join(dir, 'splits.json'), 'utf8')) as Record<string, string[]>;
type Committed = Record<
  string,
  {
    headlines: { right: number; logs: number };
    kinds: Record<string, { precision: number | null; recall: number | null }>;
  }
>;
const committed = JSON.parse(readFileSync(join(dir, 'scores.json'), 'utf8')) as Committed;

describe('labelled corpus', () => {
  for (const [split, folders] of Object.entries(splits)) {
    it(`${split} split (${folders.join(', ')}) keeps its committed precision, recall and headlines`, () => {
      const logs = folders.flatMap((folder) =>
        readdirSync(join(dir, folder))
          .filter((f) => /\.log(\.gz)?$/.test(f))
          .map((f) => [folder, f] as const),
      );
      expect(logs.length).toBe(committed[split]!.headlines.logs);
      const scores = logs.map(([folder, f]) => {
        const sidecar = join(dir, folder, f.replace(/\.log(\.gz)?$/, '.labels.json'));
        const labels = parseLabels(JSON.parse(readFileSync(sidecar, 'utf8')), sidecar);
        const raw = readFileSync(join(dir, folder, f));
        const text = (f.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
        const { snapshots, trailingGc } = parseText(text);
        const { findings, headline } = analyzeTrace(buildTimelines(snapshots, trailingGc));
        return scoreLog(labels, findings, headline);
      });
      const got = totals(scores);
      const want = committed[split]!;
      expect(got.headlines.right, 'headlines right').toBeGreaterThanOrEqual(want.headlines.right);
      for (const [kind, w] of Object.entries(want.kinds)) {
        const g = got.kinds[kind as keyof typeof got.kinds];
        if (w.precision !== null) expect(g?.precision ?? 1, `${kind} precision`).toBeGreaterThanOrEqual(w.precision);
        if (w.recall !== null) expect(g?.recall ?? 0, `${kind} recall`).toBeGreaterThanOrEqual(w.recall);
      }
      // A kind that was never reported (or not at all in the committed figures) may not start
      // appearing as a false positive.
      for (const [kind, g] of Object.entries(got.kinds)) {
        const w = want.kinds[kind];
        if (w === undefined || w.precision === null) expect(g.falsePositives, `${kind} new false positives`).toBe(0);
      }
    });
  }
});

describe("the README's corpus figures", () => {
  const readme = readFileSync(join(samplesDir, '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');
  const logs = Object.values(committed).reduce((n, s) => n + s.headlines.logs, 0);
  const right = Object.values(committed).reduce((n, s) => n + s.headlines.right, 0);

  it('count the captures and the headlines right as scores.json does', () => {
    expect(readme).toContain(`holds ${logs} real captures`);
    expect(readme).toContain(`headlines right on **${right} of ${logs}** logs`);
    expect(readme).toContain(`): ${logs} captures with labels`);
  });

  it('name as many splits as splits.json holds', () => {
    const n = Object.keys(splits).length;
    expect(n).toBeGreaterThanOrEqual(70);
    expect(n).toBeLessThan(100);
    const tens = ['Seventy', 'Eighty', 'Ninety'][Math.floor(n / 10) - 7];
    const ones = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'][n % 10];
    expect(readme).toContain(`${tens}${ones === '' ? '' : `-${ones}`} splits:`);
  });
});
