import { seriesMetrics, type ReportData } from '../report-data.js';
import { baseParams, chartWidth, runFilter, timeAxis, type Chart, vlSpec } from './chart.js';

/** Small overview of queued goroutines; dragging on it selects the time range every other chart shows. */
export function overviewChart(data: ReportData): Chart {
  const spec = vlSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: baseParams(data),
    data: { name: 'series' },
    transform: [runFilter],
    width: chartWidth,
    height: 70,
    encoding: { x: timeAxis('t', false) },
    layer: [
      {
        params: [{ name: 'brush', select: { type: 'interval', encodings: ['x'] } }],
        mark: { type: 'area', color: '#9ecae1', line: { color: '#3182bd' } },
        encoding: {
          y: { field: seriesMetrics.localTotal, type: 'quantitative', title: 'queued' },
        },
      },
      {
        mark: { type: 'line', color: '#e6550d', strokeWidth: 1.5 },
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
    spec,
  };
}
