import { seriesMetrics, type ReportData, type TimeBase } from '../report-data.js';
import { baseParams, countAxis, runFilter, timeAxis, type ChartDraft, vlSpec } from './chart.js';

/** Small overview of queued goroutines; dragging on it selects the time range every other chart shows. */
export function overviewChart(data: ReportData, base: TimeBase): ChartDraft {
  const spec = vlSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: baseParams(data, base),
    data: { name: 'series' },
    transform: [runFilter],
    width: 'container',
    height: 70,
    encoding: { x: timeAxis(base, 't', false) },
    layer: [
      {
        params: [{ name: 'brush', select: { type: 'interval', encodings: ['x'] } }],
        mark: { type: 'area', interpolate: 'step-after', color: '#9ecae1', line: { color: '#3182bd' } },
        encoding: {
          y: { field: seriesMetrics.localTotal, type: 'quantitative', ...countAxis('queued') },
        },
      },
      {
        mark: { type: 'line', interpolate: 'step-after', color: '#e6550d', strokeWidth: 1.5 },
        encoding: { y: { field: seriesMetrics.runqueue, type: 'quantitative' } },
      },
    ],
  });
  return {
    id: 'chart-overview',
    title: 'Overview: drag to select a time range',
    description:
      'Goroutines queued on all local run queues (blue area) and on the global run queue (orange line). ' +
      'Drag across it to zoom every chart below to that range; click outside the selection to reset.',
    datasets: ['series'],
    followsBrush: false,
    renderer: 'svg',
    only: 'multi',
    spec,
  };
}
