/** What every chart builder returns: a Vega-Lite spec plus what the page needs around it. */
import type { TopLevelSpec } from 'vega-lite';
import type { DatasetName, ReportData, optionalTables } from '../report-data.js';

export interface Chart {
  /** HTML id of the chart's section; findings link here. */
  id: string;
  title: string;
  /** One or two sentences under the title: how to read the chart. */
  description: string;
  /** Named datasets the spec reads (`data: {name}`); the page supplies them. */
  datasets: DatasetName[];
  /** The x scale follows the `tRange` signal, driven by the overview's brush. */
  followsBrush: boolean;
  /** Canvas for charts with many marks, SVG otherwise. */
  renderer: 'svg' | 'canvas';
  spec: TopLevelSpec;
}

/** Signals every chart spec declares: `sel` (run index `k` on show) and `tRange` (x domain, ms). */
export function baseParams(data: ReportData): { name: string; value: unknown }[] {
  const first = data.runs[0];
  return [
    { name: 'sel', value: first?.k ?? 0 },
    { name: 'tRange', value: runExtent(first?.tMin ?? 0, first?.tMax ?? 1) },
  ];
}

/** A non-empty x domain for a run (a single dump still gets a visible width). */
export function runExtent(tMin: number, tMax: number): [number, number] {
  return tMax > tMin ? [tMin, tMax] : [tMin - 500, tMin + 500];
}

export const runFilter = { filter: 'datum.k == sel' };

export const chartWidth = 720;

/** Time in ms since the run's first dump, labelled in seconds. */
export function timeAxis(field = 't', followsBrush = true): Record<string, unknown> {
  return {
    field,
    type: 'quantitative',
    title: 'time since first dump (s)',
    axis: { labelExpr: "format(datum.value / 1000, ',~f')", labelFlush: true, grid: false },
    scale: followsBrush ? { domain: { expr: 'tRange' }, nice: false, zero: false } : { nice: false, zero: false },
  };
}

export function timeTooltip(field = 't', title = 't (ms)'): Record<string, unknown> {
  return { field, type: 'quantitative', title, format: ',~f' };
}

/** The input line a mark came from, in every tooltip. */
export function lineTooltip(): Record<string, unknown> {
  return { field: 'line', type: 'quantitative', title: 'input line' };
}

/** Tooltip of a long-format series chart: series name, value, time, input line. */
export function seriesTooltip(seriesField: string): Record<string, unknown>[] {
  return [
    { field: seriesField, type: 'nominal' },
    { field: 'v', type: 'quantitative', title: 'value' },
    timeTooltip(),
    lineTooltip(),
  ];
}

export function rowsOf(data: ReportData, name: DatasetName): number {
  return data.datasets[name].rows.length;
}

export const canvasAbove = 4000;

/**
 * A layer that writes `text` across the chart when the selected run has no rows in `table`, so a
 * chart that some other run fills never shows up blank and unexplained.
 */
export function noDataLayer(table: (typeof optionalTables)[number], text: string): Record<string, unknown> {
  return {
    data: { name: 'runs' },
    transform: [{ filter: `datum.k == sel && !datum.${table}` }],
    mark: { type: 'text', color: '#777', fontSize: 13, align: 'left', baseline: 'top' },
    encoding: { x: { value: 8 }, y: { value: 8 }, text: { value: text } },
  };
}

/**
 * Types a spec written as a plain object. vega-lite's TypeScript types for composed specs are hard
 * to satisfy with object literals; the tests compile every spec and fail on any warning instead.
 */
export function vlSpec(spec: object): TopLevelSpec {
  return spec as TopLevelSpec;
}
