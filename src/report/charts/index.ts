/** The charts of a report, in page order; charts whose data the input lacks are left out. */
import type { FindingKind } from '../../findings/finding.js';
import type { ReportData } from '../report-data.js';
import type { Chart } from './chart.js';
import { findingMarkersChart } from './finding-markers.js';
import { globalMetricsChart } from './global-metrics.js';
import { goroutineStatusChart, waitReasonChart } from './goroutine-states.js';
import { localQueueHeatmap } from './local-queue-heatmap.js';
import { modelVsObservedChart } from './model-vs-observed.js';
import { overviewChart } from './overview.js';
import { pStatusChart, schedtickRateChart } from './per-p-heatmap.js';

export type { Chart } from './chart.js';

export function buildCharts(data: ReportData): Chart[] {
  const has = (name: keyof ReportData['datasets']) => data.datasets[name].rows.length > 0;
  const charts: Chart[] = [overviewChart(data), localQueueHeatmap(data), globalMetricsChart(data)];
  if (has('findings')) charts.push(findingMarkersChart(data));
  if (has('model')) charts.push(modelVsObservedChart(data));
  if (has('gstatus')) charts.push(goroutineStatusChart(data));
  if (has('greason')) charts.push(waitReasonChart(data));
  if (has('ticks')) charts.push(schedtickRateChart(data));
  if (has('pstatus')) charts.push(pStatusChart(data));
  return charts;
}

/** The chart that best shows a finding of each kind (the finding list links to it). */
const chartForKind: Record<FindingKind, string> = {
  saturation: 'chart-global',
  'gc-pressure': 'chart-global',
  'local-overflow': 'chart-local-queue',
  'idle-with-work': 'chart-global',
  imbalance: 'chart-local-queue',
  'thread-growth': 'chart-global',
  'gomaxprocs-change': 'chart-global',
  restart: 'chart-findings',
  'gc-stop': 'chart-p-status',
  'crash-dump': 'chart-findings',
  'model-divergence': 'chart-model',
  'invariant-violation': 'chart-findings',
  'injection-burst': 'chart-global',
};

/** Id of the chart to link a finding to: its own chart when the report has it, else the finding markers. */
export function chartIdForFinding(kind: FindingKind, charts: readonly Chart[]): string {
  const want = chartForKind[kind];
  if (charts.some((c) => c.id === want)) return want;
  return charts.some((c) => c.id === 'chart-findings') ? 'chart-findings' : 'chart-global';
}
