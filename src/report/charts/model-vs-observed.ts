import { modelColumns, type ReportData, type TimeBase } from '../report-data.js';
import {
  baseParams,
  chartWidth,
  countAxis,
  noDataLayer,
  runFilter,
  timeAxis,
  type ChartDraft,
  vlSpec,
  seriesTooltip,
} from './chart.js';

const c = modelColumns;

/** Replay's predicted queue lengths against the observed ones, and the residuals (observed − predicted). */
export function modelVsObservedChart(data: ReportData, base: TimeBase): ChartDraft {
  const tooltip = seriesTooltip(base, 'series');
  const spec = vlSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    params: baseParams(data, base),
    vconcat: [
      {
        width: chartWidth,
        height: 150,
        layer: [
          {
            data: { name: 'model' },
            transform: [
              runFilter,
              { fold: Object.values(c), as: ['series', 'v'] },
              { calculate: "indexof(datum.series, 'predicted') == 0 ? 'predicted' : 'observed'", as: 'source' },
            ],
            encoding: {
              x: timeAxis(base),
              y: { field: 'v', type: 'quantitative', ...countAxis('goroutines queued') },
              color: {
                field: 'series',
                type: 'nominal',
                title: null,
                scale: { domain: Object.values(c), range: ['#e6550d', '#fdae6b', '#3182bd', '#9ecae1'] },
              },
              strokeDash: {
                field: 'source',
                type: 'nominal',
                title: null,
                scale: {
                  domain: ['observed', 'predicted'],
                  range: [
                    [1, 0],
                    [5, 3],
                  ],
                },
              },
            },
            layer: [
              { mark: { type: 'line', clip: true, interpolate: 'step-after' } },
              {
                // dense runs: only the first row, so the shared y scale never sees an empty layer
                transform: [{ filter: 'dots || datum.first' }],
                mark: { type: 'point', clip: true, filled: true, size: 12 },
                encoding: { tooltip, strokeDash: { value: [1, 0] } },
              },
            ],
          },
          noDataLayer('model', 'No model overlay for this run.'),
        ],
      },
      {
        width: chartWidth,
        height: 100,
        data: { name: 'model' },
        transform: [
          runFilter,
          {
            calculate: `datum[${JSON.stringify(c.observedGlobal)}] - datum[${JSON.stringify(c.predictedGlobal)}]`,
            as: 'residual global queue',
          },
          {
            calculate: `datum[${JSON.stringify(c.observedLocal)}] - datum[${JSON.stringify(c.predictedLocal)}]`,
            as: 'residual local queues (sum)',
          },
          { fold: ['residual global queue', 'residual local queues (sum)'], as: ['series', 'v'] },
        ],
        encoding: {
          x: timeAxis(base),
          y: { field: 'v', type: 'quantitative', title: 'observed − predicted' },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: ['residual global queue', 'residual local queues (sum)'], range: ['#e6550d', '#3182bd'] },
          },
        },
        layer: [
          { mark: { type: 'rule', color: '#999' }, encoding: { y: { datum: 0 }, color: { value: '#999' } } },
          { mark: { type: 'line', clip: true, interpolate: 'step-after' } },
          {
            transform: [{ filter: 'dots || datum.first' }],
            mark: { type: 'point', clip: true, filled: true, size: 12 },
            encoding: { tooltip },
          },
        ],
      },
    ],
    resolve: { scale: { color: 'independent', strokeDash: 'independent' } },
  });
  return {
    id: 'chart-model',
    needs: 'model',
    title: 'Model against observed',
    description:
      'Queue lengths the scheduler model predicted (dashed) against what the trace printed (solid), ' +
      'for the global queue and the sum of local queues; below, the residual observed − predicted.',
    datasets: ['model', 'runs'],
    followsBrush: true,
    renderer: 'svg',
    spec,
  };
}
