/** What every chart builder returns: a Vega-Lite spec plus what the page needs around it. */
import type { TopLevelSpec } from 'vega-lite';
import type { DatasetName, ReportData, TimeBase, optionalTables } from '../report-data.js';

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
  /** The spec in the first run's time base. */
  spec: TopLevelSpec;
  /** The spec in every time base the report's runs use (the page re-embeds when the base changes). */
  specs: Partial<Record<TimeBase, TopLevelSpec>>;
  /** Shown only for runs of one dump, or only for runs of several (the page hides it otherwise). */
  only?: 'single' | 'multi';
  /** The optional table a run must have rows in for the chart to show (the page hides it otherwise). */
  needs?: (typeof optionalTables)[number];
  /** Rows of Ps: the section scrolls when taller than the window. */
  tall?: boolean;
}

/** A chart builder, called once per time base. */
export type ChartDraft = Omit<Chart, 'specs'>;
export type ChartBuilder = (data: ReportData, base: TimeBase) => ChartDraft;

/** Signals every chart spec declares: `sel` (run index `k` on show) and `tRange` (x domain, in the time base). */
export function baseParams(data: ReportData, base: TimeBase): { name: string; value: unknown }[] {
  const first = data.runs.find((r) => r.timeBase === base) ?? data.runs[0];
  return [
    { name: 'sel', value: first?.k ?? 0 },
    { name: 'tRange', value: runExtent(first?.tMin ?? 0, first?.tMax ?? 1) },
    // hover dots on every row, unless the run is dense (RunInfo.dots)
    { name: 'dots', value: first?.dots ?? true },
  ];
}

/** A non-empty x domain for a run (its last step is held for the median period, so tMax > tMin). */
export function runExtent(tMin: number, tMax: number): [number, number] {
  return tMax > tMin ? [tMin, tMax] : [tMin - 500, tMin + 500];
}

export const runFilter = { filter: 'datum.k == sel' };

/** Charts fill the page: the page sets nested widths from its container before embedding. */
export const chartWidth = 720;

/** Titles of the time axis, one per time base (the browser tests read them). */
export const timeTitles: Record<TimeBase, string> = {
  uptime: 'process uptime',
  wall: 'wall-clock time',
  index: 'dump index (the log has no SCHED times)',
};

/** Uptime tick labels with their unit, chosen by the span shown: seconds, minutes past 5 min, hours past 2 h. */
const uptimeLabel =
  "(tRange[1] - tRange[0]) >= 7200000 ? format(datum.value / 3600000, ',.2~f') + ' h' : " +
  "(tRange[1] - tRange[0]) >= 300000 ? format(datum.value / 60000, ',.2~f') + ' min' : " +
  "format(datum.value / 1000, ',~f') + ' s'";

/** The x encoding of every time chart, in a run's time base. */
export function timeAxis(base: TimeBase, field = 't', followsBrush = true): Record<string, unknown> {
  const scale = followsBrush ? { domain: { expr: 'tRange' }, nice: false, zero: false } : { nice: false, zero: false };
  if (base === 'wall')
    return {
      field,
      type: 'temporal',
      title: timeTitles.wall,
      axis: { labelFlush: true, grid: false, labelOverlap: true },
      scale,
    };
  if (base === 'index')
    return {
      field,
      type: 'quantitative',
      title: timeTitles.index,
      axis: { format: 'd', tickMinStep: 1, labelFlush: true, grid: false },
      scale,
    };
  return {
    field,
    type: 'quantitative',
    title: timeTitles.uptime,
    axis: { labelExpr: uptimeLabel, labelFlush: true, grid: false },
    scale,
  };
}

export function timeTooltip(base: TimeBase, field = 't', title = 't'): Record<string, unknown> {
  if (base === 'wall') return { field, type: 'temporal', title, format: '%Y-%m-%d %H:%M:%S.%L' };
  if (base === 'index') return { field, type: 'quantitative', title: `${title} (dump)`, format: ',d' };
  return { field, type: 'quantitative', title: `${title} (ms)`, format: ',~f' };
}

/** Counts on a y axis: integer ticks, and `0` (not `0.000000`) on an all-zero series. */
export function countAxis(title: string | null): Record<string, unknown> {
  return { title, axis: { format: ',~r', tickMinStep: 1 } };
}

/** Width follows the page; heights set per row (P heatmaps) stay as they are. */
export const fitWidth = { width: 'container', autosize: { type: 'fit-x', contains: 'padding' } } as const;

/** The input line a mark came from, in every tooltip. */
export function lineTooltip(): Record<string, unknown> {
  return { field: 'line', type: 'quantitative', title: 'input line' };
}

/** Tooltip of a long-format series chart: series name, value, time, input line. */
export function seriesTooltip(base: TimeBase, seriesField: string): Record<string, unknown>[] {
  return [
    { field: seriesField, type: 'nominal' },
    { field: 'v', type: 'quantitative', title: 'value' },
    timeTooltip(base),
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
