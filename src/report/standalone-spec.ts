/**
 * A chart's spec with its data inlined (Vega-Lite `datasets`) for one run: what the --svg export
 * renders and what the golden tests compare. The HTML page instead shares one copy of the data.
 */
import type { TopLevelSpec } from 'vega-lite';
import { chartWidth, runExtent, type Chart } from './charts/chart.js';
import { datasetRows, type ReportData } from './report-data.js';

export function standaloneSpec(chart: Chart, data: ReportData, k = data.runs[0]?.k ?? 0): TopLevelSpec {
  const run = data.runs.find((r) => r.k === k);
  const spec = structuredClone((run && chart.specs[run.timeBase]) ?? chart.spec) as TopLevelSpec & {
    params?: { name: string; value?: unknown }[];
  };
  for (const p of spec.params ?? []) {
    if (p.name === 'sel') p.value = k;
    if (p.name === 'dots' && run) p.value = run.dots;
    if (p.name === 'tRange' && run) p.value = runExtent(run.tMin, run.tMax);
  }
  // outside a page there is no container to follow: the standard width
  const sized = spec as { width?: unknown; autosize?: unknown };
  if (sized.width === 'container') {
    sized.width = chartWidth;
    delete sized.autosize;
  }
  const datasets: Record<string, Record<string, unknown>[]> = {};
  for (const name of chart.datasets) datasets[name] = datasetRows(data.datasets[name]).filter((r) => r.k === k);
  return { ...spec, datasets } as TopLevelSpec;
}
