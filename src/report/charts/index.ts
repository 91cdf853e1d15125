/** The charts of a report, in page order; charts whose data the input lacks are left out. */
import type { FindingKind } from '../../findings/finding.js';
import type { ReportData, TimeBase } from '../report-data.js';
import type { Chart, ChartBuilder } from './chart.js';
import { findingMarkersChart } from './finding-markers.js';
import { globalMetricsChart } from './global-metrics.js';
import { goroutineStatusChart, waitReasonChart } from './goroutine-states.js';
import { localQueueBars, localQueueHeatmap } from './local-queue-heatmap.js';
import { modelVsObservedChart } from './model-vs-observed.js';
import { overviewChart } from './overview.js';
import { pStatusChart, schedtickRateChart } from './per-p-heatmap.js';

export type { Chart } from './chart.js';

/** Time bases the report needs specs in: those of its runs, and wall clock where uptime runs carry it. */
export function timeBases(data: ReportData): TimeBase[] {
  const bases = new Set<TimeBase>(data.runs.map((r) => r.timeBase));
  if (data.runs.some((r) => r.wallOffsetMs !== null)) bases.add('wall');
  if (bases.size === 0) bases.add('uptime');
  return (['uptime', 'wall', 'index'] as const).filter((b) => bases.has(b));
}

export function buildCharts(data: ReportData): Chart[] {
  const has = (name: keyof ReportData['datasets']) => data.datasets[name].rows.length > 0;
  const builders: ChartBuilder[] = [overviewChart, localQueueHeatmap, globalMetricsChart];
  if (data.runs.some((r) => r.points === 1)) builders.splice(1, 0, localQueueBars);
  if (has('findings')) builders.push(findingMarkersChart);
  if (has('model')) builders.push(modelVsObservedChart);
  if (has('gstatus')) builders.push(goroutineStatusChart);
  if (has('greason')) builders.push(waitReasonChart);
  if (has('ticks')) builders.push(schedtickRateChart);
  if (has('pstatus')) builders.push(pStatusChart);
  const bases = timeBases(data);
  const first = data.runs[0]?.timeBase ?? (bases[0] as TimeBase);
  return builders.map((build) => {
    const draft = build(data, first);
    const specs: Chart['specs'] = {};
    for (const base of bases) specs[base] = base === first ? draft.spec : build(data, base).spec;
    return { ...draft, specs };
  });
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
  'lock-contention': 'chart-wait-reasons',
  'goroutine-leak': 'chart-wait-reasons',
};

/** Id of the chart to link a finding to: its own chart when the report has it, else the finding markers. */
export function chartIdForFinding(kind: FindingKind, charts: readonly Chart[]): string {
  const want = chartForKind[kind];
  if (charts.some((c) => c.id === want)) return want;
  return charts.some((c) => c.id === 'chart-findings') ? 'chart-findings' : 'chart-global';
}
