import { describe, expect, it } from 'vitest';
import { buildReportData, datasetRows, ReportDataBuilder, seriesMetrics } from '../../src/report/report-data.js';
import { detailTimeline, finding, overlayFor, point, timeline } from './fixtures.js';

describe('report data', () => {
  it('keeps every dump of a short run, then holds the last one for the median period', () => {
    const data = buildReportData([timeline(5)]);
    const rows = datasetRows(data.datasets.series);
    expect(rows.map((r) => [r.t, r.line, r.hold])).toEqual([
      [0, 1, 0],
      [100, 2, 0],
      [200, 3, 0],
      [300, 4, 0],
      [400, 5, 0],
      [500, 5, 1],
    ]);
    expect(rows[3]?.[seriesMetrics.localTotal]).toBe(3 + 6);
    expect(rows[3]?.[seriesMetrics.runqueue]).toBe(9);
    expect(data.runs[0]).toMatchObject({ bucketDumps: 1, timeBase: 'uptime', tMin: 0, tMax: 500, periodMs: 100 });
  });

  it("draws the last dump's heatmap cell, and a two-dump run's two cells", () => {
    const data = buildReportData([timeline(2, {}, (i) => ({ runq: [i + 1, 0] }))]);
    const p0 = datasetRows(data.datasets.local).filter((c) => c.p === 0);
    expect(p0.map((c) => [c.t, c.t2, c.v, c.line])).toEqual([
      [0, 100, 1, 1],
      [100, 200, 2, 2],
    ]);
  });

  it('merges equal neighbouring heatmap cells of a P into one', () => {
    const data = buildReportData([timeline(10, {}, () => ({ runq: [7, 0] }))]);
    const cells = datasetRows(data.datasets.local);
    expect(cells).toEqual([
      { k: 0, t: 0, t2: 1000, p: 0, v: 7, vmin: 7, line: 1, lineEnd: 10 },
      { k: 0, t: 0, t2: 1000, p: 1, v: 0, vmin: 0, line: 1, lineEnd: 10 },
    ]);
  });

  it('spreads dumps without SCHED times by their index, and uses wall-clock times when every dump has one', () => {
    const noTimes = timeline(4, { stream: 'pasted' }, () => ({ tMs: null }));
    const wall = timeline(3, { stream: 'cri' }, (i) => ({ tMs: null, wallTime: `2026-11-27T06:41:0${i}.500Z` }));
    const both = timeline(3, { stream: 'both' }, (i) => ({
      wallTime: `2026-11-27T06:41:0${i}.000Z`,
      tMs: 5000 + i * 1000,
    }));
    const data = buildReportData([noTimes, wall, both]);
    expect(data.runs.map((r) => [r.timeBase, r.tMin, r.tMax, r.wallOffsetMs])).toEqual([
      ['index', 0, 4, null],
      ['wall', Date.parse('2026-11-27T06:41:00.500Z'), Date.parse('2026-11-27T06:41:03.500Z'), null],
      ['uptime', 5000, 8000, Date.parse('2026-11-27T06:41:00Z') - 5000],
    ]);
    const ts = datasetRows(data.datasets.series)
      .filter((r) => r.k === 0)
      .map((r) => r.t);
    expect(ts).toEqual([0, 1, 2, 3, 4]);
  });

  it('downsamples a long run within its bucket budget but keeps a one-dump spike, in the series and the heatmap', () => {
    const spikeAt = 12_345;
    const tl = timeline(20_000, {}, (i) => ({
      runqueue: i === spikeAt ? 999 : 1,
      runq: i === spikeAt + 3 ? [256, 0] : [1, 0],
    }));
    const data = buildReportData([tl], [], [], { maxBuckets: 200 });
    const series = datasetRows(data.datasets.series);
    expect(series.length).toBeLessThan(200 * 4);
    expect(series.find((r) => r[seriesMetrics.runqueue] === 999)?.line).toBe(spikeAt + 1);
    const cells = datasetRows(data.datasets.local);
    expect(cells.length).toBeLessThanOrEqual(2 * 200);
    const full = cells.filter((c) => c.v === 256);
    expect(full).toHaveLength(1);
    expect(full[0]?.line).toBe(spikeAt + 4);
    expect(full[0]?.vmin).toBe(1);
    // 20000 dumps in at most 200 buckets: 128 dumps per bucket (a power of two)
    expect(data.runs[0]?.bucketDumps).toBe(128);
    expect(data.runs[0]?.tMax).toBe(20_000 * 100);
  });

  it('keeps all runs together under one budget, coarsening the run that costs most', () => {
    const b = new ReportDataBuilder({ maxBuckets: 1000, maxCost: 3000 });
    const wide = Array.from({ length: 64 }, () => 1);
    for (let i = 0; i < 5000; i++) {
      b.push('wide', 0, 'go1.20', point(i, { runq: wide, gomaxprocs: 64 }));
      if (i < 100) b.push('narrow', 0, 'go1.20', point(i));
    }
    const data = b.finish();
    const [wideRun, narrowRun] = data.runs;
    expect(narrowRun?.bucketDumps).toBe(1);
    expect((wideRun?.bucketDumps ?? 0) * 64 * (3000 / (64 + 2))).toBeGreaterThanOrEqual(5000);
    expect(datasetRows(data.datasets.series).filter((r) => r.k === 0).length).toBeLessThan(200);
  });

  it('draws the first and the latest runs of a crash-looping log, and counts the others', () => {
    const b = new ReportDataBuilder({ maxRuns: 6 });
    for (let run = 0; run < 50; run++) for (let i = 0; i < 3; i++) b.push('', run, 'go1.20', point(run * 3 + i));
    const data = b.finish([finding({ run: 0 }), finding({ run: 20 }), finding({ run: 49 })]);
    expect(data.runs.map((r) => r.run)).toEqual([0, 1, 2, 47, 48, 49]);
    expect(b.droppedRuns).toBe(44);
    expect(b.has('', 20)).toBe(false);
    // a finding of a run not drawn has no mark on the charts
    expect(datasetRows(data.datasets.findings).map((r) => r.k)).toEqual([0, 5]);
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
      { k: 0, t: 100, line: 2, hold: 0, status: 'runnable', n: 0 },
      { k: 0, t: 100, line: 2, hold: 0, status: 'running', n: 0 },
      { k: 0, t: 100, line: 2, hold: 0, status: 'waiting', n: 4 },
    ]);
  });

  it('places findings and the model overlay on their run, and drops those of unknown runs', () => {
    const a = timeline(3, { stream: 'a' });
    const b = timeline(3, { stream: 'b' });
    const data = buildReportData(
      [a, b],
      [finding({ stream: 'b', tMs: null, tEndMs: null, line: 2 }), finding({ stream: 'zz' })],
      overlayFor(b),
    );
    expect(datasetRows(data.datasets.findings)).toMatchObject([{ k: 1, t: 100, kind: 'local-overflow', p: 1 }]);
    const model = datasetRows(data.datasets.model);
    expect(model).toHaveLength(3);
    expect(model.every((r) => r.k === 1)).toBe(true);
    expect(data.runs.map((r) => [r.label, r.hasModel])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });
});
