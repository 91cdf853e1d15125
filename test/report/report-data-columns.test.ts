/**
 * `gosched report` reads plain summary dumps in columns (ReportDataBuilder.pushBatch) and the rest as
 * points; the tables must be those of every dump pushed as a point, on real logs, also when runs
 * are dropped (their columns taken over by later runs) and buckets merged (kept dumps compacted).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceAnalyzer } from '../../src/findings/trace-analyzer.js';
import { createParser, parseText } from '../../src/parse/index.js';
import {
  type ReportDataOptions,
  ReportDataBuilder,
  buildReportData,
  datasetRows,
  seriesMetrics,
} from '../../src/report/report-data.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

const root = join(import.meta.dirname, '../..');
const read = (f: string) => readFileSync(join(root, 'samples', f), 'utf8');

/** The report's tables as the CLI builds them: columns where the parser makes rows. */
function fromColumns(text: string, options: ReportDataOptions) {
  const builder = new ReportDataBuilder(options);
  const analyzer = new TraceAnalyzer();
  let rows = 0;
  const p = createParser({
    dropGcPhases: true,
    onSnapshot: (s) => builder.push(s.stream, s.run, s.era, analyzer.push(s)),
    onSummaryBatch: (b) => {
      rows += b.size;
      builder.pushBatch(b);
      analyzer.pushBatch(b);
    },
  });
  p.pushBytes(new TextEncoder().encode(text), true);
  p.end();
  return { data: builder.finish(), rows, dropped: builder.droppedRuns };
}

const cases: [string, string, ReportDataOptions][] = [
  // Go 1.26 summary lines carry schedticks: the rate heatmap comes from row deltas.
  ['Go 1.26 summary with schedticks', 'go1.26/overflow-p1-10ms-a.log', {}],
  ['Go 1.26, buckets merged and kept dumps compacted', 'go1.26/overflow-p32-20ms.log', { maxBuckets: 2 }],
  ['Go 1.26 at 32 Ps under a budget', 'go1.26/oversub-p32-20ms-a.log', { maxBuckets: 8, maxCost: 600 }],
  ['Go 1.19 summary', 'go1.19/oversub-p16-20ms-a.log', { maxBuckets: 16 }],
  ['scheddetail dumps beside rows (a restarted program)', 'go1.26/netpoll-p2-detail-200ms.log', {}],
  ['restarts', 'go1.26/restart-p2-100ms.log', { maxRuns: 2 }],
];

describe('report tables from columns', () => {
  it.each(cases)('%s: equal to every dump pushed as a point', (_name, file, options) => {
    const text = read(file);
    const columns = fromColumns(text, options);
    const reference = buildReportData(buildTimelines(parseText(text).snapshots), [], [], options);
    expect(columns.data).toEqual(reference);
  });

  it('steps rows from a dump read as a point (schedtick rates across the change of path)', () => {
    // Every fifth SCHED line carries a key no release prints: the general reader takes it (a point),
    // and the rows after it take their schedtick deltas from it.
    let n = 0;
    const text = read('go1.26/overflow-p1-10ms-a.log').replace(/^(SCHED .*)$/gm, (l) =>
      ++n % 5 === 0 ? `${l} future=1` : l,
    );
    const columns = fromColumns(text, {});
    expect(columns.rows).toBeGreaterThan(n / 2);
    const reference = buildReportData(buildTimelines(parseText(text).snapshots), [], [], {});
    expect(reference.datasets.ticks.rows.length).toBeGreaterThan(0);
    expect(columns.data).toEqual(reference);
  });

  it('draws only real dumps, each at its own time with its own values, after buckets merged many times', () => {
    const text = read('go1.26/overflow-p32-20ms.log');
    const [tl] = buildTimelines(parseText(text).snapshots);
    const byLine = new Map(tl!.points.map((pt) => [pt.line, pt]));
    for (const maxBuckets of [2, 3, 8, 50]) {
      const data = fromColumns(text, { maxBuckets }).data;
      expect(data.runs[0]!.bucketDumps).toBeGreaterThan(1);
      const series = datasetRows(data.datasets.series).filter((r) => r.hold === 0);
      expect(series.length).toBeGreaterThan(maxBuckets);
      let lastT = -1;
      for (const r of series) {
        const pt = byLine.get(r.line as number)!;
        expect(r.t).toBe(pt.tMs);
        expect(r[seriesMetrics.runqueue]).toBe(pt.runqueue);
        expect(r[seriesMetrics.localTotal]).toBe(pt.runq.reduce((a, b) => a + b, 0));
        expect(r.t as number).toBeGreaterThan(lastT);
        lastT = r.t as number;
      }
      // the global queue's highest dump is drawn, whatever the merging
      const top = Math.max(...tl!.points.map((pt) => pt.runqueue));
      expect(series.some((r) => r[seriesMetrics.runqueue] === top)).toBe(true);
      for (const c of datasetRows(data.datasets.local)) {
        const pt = byLine.get(c.line as number)!;
        expect(pt.runq[c.p as number]).toBe(c.v);
        expect(pt.tMs!).toBeGreaterThanOrEqual(c.t as number);
        expect(pt.tMs!).toBeLessThan(c.t2 as number);
      }
    }
  });

  it('gives a crash-looping log (runs dropped, their columns reused) the tables of its points', () => {
    // Real logs of three releases back to back, over and over: each copy restarts at SCHED 0ms.
    const one = ['go1.26/overflow-p1-10ms-a.log', 'go1.19/oversub-p16-20ms-a.log', 'go1.25/seed-p4-100ms.log']
      .map(read)
      .join('');
    const text = one.repeat(8);
    const options = { maxRuns: 6, maxBuckets: 8, maxCost: 2000 };
    const columns = fromColumns(text, options);
    expect(columns.rows).toBeGreaterThan(1000);
    expect(columns.dropped).toBeGreaterThan(10);
    const reference = buildReportData(buildTimelines(parseText(text).snapshots), [], [], options);
    expect(columns.data).toEqual(reference);
  });
});
