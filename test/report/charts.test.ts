import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/report/charts/index.js';
import { buildReportData } from '../../src/report/report-data.js';
import { standaloneSpec } from '../../src/report/standalone-spec.js';
import { renderSvg } from '../../src/report/svg.js';
import { detailTimeline, finding, overlayFor, timeline } from './fixtures.js';
import { compileWithWarnings } from './vl-compile.js';

describe('chart specs', () => {
  const tl = detailTimeline(20);
  const data = buildReportData([tl, timeline(5, { stream: 'db' })], [finding({ stream: 'api' })], overlayFor(tl));
  const charts = buildCharts(data);

  it('include every chart the data supports, overview first', () => {
    expect(charts.map((c) => c.id)).toEqual([
      'chart-overview',
      'chart-local-queue',
      'chart-global',
      'chart-findings',
      'chart-model',
      'chart-goroutines',
      'chart-wait-reasons',
      'chart-schedticks',
      'chart-p-status',
    ]);
  });

  it('leave out detail, findings and model charts when the input has none', () => {
    const plain = buildCharts(buildReportData([timeline(5)]));
    expect(plain.map((c) => c.id)).toEqual(['chart-overview', 'chart-local-queue', 'chart-global']);
  });

  for (const chart of buildCharts(
    buildReportData([detailTimeline(20)], [finding({ stream: 'api' })], overlayFor(detailTimeline(20))),
  )) {
    it(`${chart.id} compiles without warnings and renders marks to SVG`, async () => {
      const spec = standaloneSpec(chart, data, 0);
      const { warnings } = compileWithWarnings(spec);
      expect(warnings).toEqual([]);
      const svg = await renderSvg(spec);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toMatch(/class="mark-(rect|line|symbol|area|rule|tick)[^"]*"[^>]*>\s*<(path|line)/);
    });
  }
});
