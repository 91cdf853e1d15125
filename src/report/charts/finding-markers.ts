import type { ReportData, TimeBase } from '../report-data.js';
import {
  baseParams,
  fitWidth,
  runFilter,
  timeAxis,
  timeTooltip,
  type ChartDraft,
  vlSpec,
  lineTooltip,
} from './chart.js';

const severityColors = { domain: ['error', 'warning', 'info'], range: ['#d62728', '#ff7f0e', '#7f7f7f'] };

/**
 * Findings on the time axis, one row per kind (overflows, GOMAXPROCS changes, restarts, GC stops,
 * ...), above a strip marking every dump so the chart also shows where the trace has gaps.
 */
export function findingMarkersChart(data: ReportData, base: TimeBase): ChartDraft {
  const findingTooltip = [
    { field: 'kind', type: 'nominal' },
    { field: 'severity', type: 'nominal' },
    { field: 'text', type: 'nominal', title: 'finding' },
    { field: 'p', type: 'quantitative', title: 'P' },
    timeTooltip(base, 't', 'from t'),
    timeTooltip(base, 't2', 'to t'),
    lineTooltip(),
  ];
  const y = { field: 'row', type: 'nominal', title: null, sort: { field: 'order' } };
  const spec = vlSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: baseParams(data, base),
    ...fitWidth,
    height: 22 * (1 + new Set(data.datasets.findings.rows.map((r) => r[3])).size),
    encoding: { x: timeAxis(base), y },
    layer: [
      {
        data: { name: 'series' },
        transform: [
          runFilter,
          { filter: 'dots && !datum.hold' },
          { calculate: "'dumps'", as: 'row' },
          { calculate: '0', as: 'order' },
        ],
        mark: { type: 'tick', clip: true, color: '#bbb', thickness: 1 },
        encoding: { tooltip: [timeTooltip(base), lineTooltip()] },
      },
      {
        data: { name: 'findings' },
        transform: [runFilter, { calculate: 'datum.kind', as: 'row' }, { calculate: '1', as: 'order' }],
        mark: { type: 'rule', clip: true, strokeWidth: 3 },
        encoding: {
          x2: { field: 't2' },
          color: { field: 'severity', type: 'nominal', scale: severityColors, title: 'severity' },
        },
      },
      {
        data: { name: 'findings' },
        transform: [runFilter, { calculate: 'datum.kind', as: 'row' }, { calculate: '1', as: 'order' }],
        mark: { type: 'point', clip: true, filled: true, size: 70, shape: 'diamond' },
        encoding: {
          color: { field: 'severity', type: 'nominal', scale: severityColors, title: 'severity' },
          tooltip: findingTooltip,
        },
      },
    ],
  });
  return {
    id: 'chart-findings',
    title: 'Findings over time',
    description:
      'Every finding on the time axis, one row per kind (local overflows, GOMAXPROCS changes, restarts, GC stops ' +
      'and the rest); a bar spans its time range. The grey strip marks each dump the trace printed.',
    datasets: ['series', 'findings'],
    followsBrush: true,
    renderer: 'svg',
    spec,
  };
}
