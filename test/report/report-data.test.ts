import { describe, expect, it } from 'vitest';
import { buildReportData, datasetRows, seriesMetrics } from '../../src/report/report-data.js';
import { detailTimeline, finding, overlayFor, timeline } from './fixtures.js';

describe('report data', () => {
  it('keeps every dump of a short run, with the input line and the summed local queues', () => {
    const data = buildReportData([timeline(5)]);
    const rows = datasetRows(data.datasets.series);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[3]?.[seriesMetrics.localTotal]).toBe(3 + 6);
    expect(rows[3]?.[seriesMetrics.runqueue]).toBe(9);
    expect(data.runs[0]?.bucketMs).toBeNull();
  });

  it('merges equal neighbouring heatmap cells of a P into one', () => {
    const data = buildReportData([timeline(10, {}, () => ({ runq: [7, 0] }))]);
    const cells = datasetRows(data.datasets.local);
    expect(cells).toEqual([
      { k: 0, t: 0, t2: 1000, p: 0, v: 7, vmin: 7, line: 1, lineEnd: 10 },
      { k: 0, t: 0, t2: 1000, p: 1, v: 0, vmin: 0, line: 1, lineEnd: 10 },
    ]);
  });

  it('downsamples a long run but keeps a one-dump spike, in the series and the heatmap', () => {
    const spikeAt = 12_345;
    const tl = timeline(20_000, {}, (i) => ({
      runqueue: i === spikeAt ? 999 : 1,
      runq: i === spikeAt + 3 ? [256, 0] : [1, 0],
    }));
    const data = buildReportData([tl], [], [], { maxPoints: 1000, buckets: 200, maxCells: 1000 });
    const series = datasetRows(data.datasets.series);
    expect(series.length).toBeLessThanOrEqual(200 * 16);
    expect(series.length).toBeLessThan(2000);
    expect(series.find((r) => r[seriesMetrics.runqueue] === 999)?.line).toBe(spikeAt + 1);
    const cells = datasetRows(data.datasets.local);
    expect(cells.length).toBeLessThanOrEqual(1000);
    const full = cells.filter((c) => c.v === 256);
    expect(full).toHaveLength(1);
    expect(full[0]?.line).toBe(spikeAt + 4);
    expect(full[0]?.vmin).toBe(1);
    expect(data.runs[0]?.bucketMs).toBeCloseTo((19_999 * 100) / 200);
  });

  it('turns schedtick advances into a per-P rate per second', () => {
    const data = buildReportData([detailTimeline(4)]);
    const ticks = datasetRows(data.datasets.ticks);
    // 10 and 5 ticks every 100 ms
    expect(ticks.filter((c) => c.p === 0).map((c) => c.v)).toEqual([100]);
    expect(ticks.filter((c) => c.p === 1).map((c) => c.v)).toEqual([50]);
    expect(data.runs[0]?.hasTicks).toBe(true);
  });

  it('stacks goroutine counts with zeros for a status missing from a dump', () => {
    const tl = detailTimeline(3);
    tl.points[1]!.gByStatus = { waiting: 4 };
    const rows = datasetRows(buildReportData([tl]).datasets.gstatus).filter((r) => r.line === 2);
    expect(rows).toEqual([
      { k: 0, t: 100, line: 2, status: 'runnable', n: 0 },
      { k: 0, t: 100, line: 2, status: 'running', n: 0 },
      { k: 0, t: 100, line: 2, status: 'waiting', n: 4 },
    ]);
  });

  it('places findings and the model overlay on their run, and drops those of unknown runs', () => {
    const a = timeline(3, { stream: 'a' });
    const b = timeline(3, { stream: 'b' });
    const data = buildReportData(
      [a, b],
      [finding({ stream: 'b', tMs: null, tEndMs: null }), finding({ stream: 'zz' })],
      overlayFor(b),
    );
    expect(datasetRows(data.datasets.findings)).toMatchObject([{ k: 1, t: 0, kind: 'local-overflow', p: 1 }]);
    const model = datasetRows(data.datasets.model);
    expect(model).toHaveLength(3);
    expect(model.every((r) => r.k === 1)).toBe(true);
    expect(data.runs.map((r) => [r.label, r.hasModel])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });
});
