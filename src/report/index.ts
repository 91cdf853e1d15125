/**
 * Report building, strings in and strings out:
 *
 *   dumps (streamed) ─▶ ReportDataBuilder ─▶ finish(findings, overlay) ─▶ buildCharts ─▶ renderHtmlReport
 *                                                                   └──────────▶ standaloneSpec ─▶ renderSvg
 */
export {
  buildReportData,
  ReportDataBuilder,
  datasetRows,
  type TimeBase,
  type ReportData,
  type RunInfo,
  type Dataset,
  type ReportDataOptions,
} from './report-data.js';
export { buildCharts, chartIdForFinding, type Chart } from './charts/index.js';
export { renderHtmlReport, type HtmlReportInput, type VegaLibraries } from './html-page.js';
export { standaloneSpec } from './standalone-spec.js';
export { tellStory, groupEpisodes, type Episode, type Story } from './story.js';
export type { ModelOverlay, ModelOverlayRun, ModelOverlayPoint } from '../trace/model-overlay.js';
export { escapeHtml, jsonForScript } from './escape.js';
