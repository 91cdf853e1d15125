/**
 * Report building, strings in and strings out:
 *
 *   timelines + findings (+ model overlay) ─▶ buildReportData ─▶ buildCharts ─▶ renderHtmlReport
 *                                                                   └──────────▶ standaloneSpec ─▶ renderSvg
 */
export {
  buildReportData,
  datasetRows,
  type ReportData,
  type RunInfo,
  type Dataset,
  type ReportDataOptions,
} from './report-data.js';
export { buildCharts, chartIdForFinding, type Chart } from './charts/index.js';
export { renderHtmlReport, type HtmlReportInput, type VegaLibraries } from './html-page.js';
export { standaloneSpec } from './standalone-spec.js';
export type { ModelOverlay, ModelOverlayRun, ModelOverlayPoint } from '../trace/model-overlay.js';
export { escapeHtml, jsonForScript } from './escape.js';
