/**
 * The Vega-Lite specs (data inlined, first run) of a few real samples, checked in under
 * test/report/golden/ and compared; every spec must also compile without a warning.
 * UPDATE_GOLDENS=1 rewrites the files after an intended change.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeTrace } from '../../src/pipeline.js';
import { parseText } from '../../src/parse/index.js';
import { buildCharts, buildReportData, standaloneSpec } from '../../src/report/index.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { compileWithWarnings } from './vl-compile.js';

const samples = [
  'go1.26/overflow-p1-10ms-a.log',
  'go1.26/netpoll-p2-detail-200ms.log',
  'go1.25/seed-p4-100ms.log',
  'go1.26/restart-p2-100ms.log',
  'go1.10/oversub-p2-20ms.log',
];
const root = join(import.meta.dirname, '../..');
const update = process.env.UPDATE_GOLDENS === '1';

describe.each(samples)('%s', (sample) => {
  it('gives the checked-in Vega-Lite specs, which compile without warnings', async () => {
    const { snapshots } = parseText(await readFile(join(root, 'samples', sample), 'utf8'));
    const timelines = buildTimelines(snapshots);
    const { findings } = analyzeTrace(timelines);
    const data = buildReportData(timelines, findings);
    for (const chart of buildCharts(data)) {
      const spec = standaloneSpec(chart, data);
      expect(compileWithWarnings(spec).warnings, chart.id).toEqual([]);
      const file = join(
        root,
        'test/report/golden',
        `${sample.replace('/', '-').replace(/\.log$/, '')}.${chart.id.replace(/^chart-/, '')}.vl.json`,
      );
      const text = `${JSON.stringify(spec, null, 1)}\n`;
      if (update) await writeFile(file, text);
      expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDENS=1`).toBe(true);
      expect(JSON.parse(text), file).toEqual(JSON.parse(await readFile(file, 'utf8')));
    }
  });
});
