import type { Unwrapped } from './unwrapped.js';

/**
 * Grafana Loki's `logcli query`, default output: `<time> <labels> <line>` (logcli's
 * DefaultOutput.FormatAndPrintln). The rfc3339 layer takes the time (RFC 3339 to the second); this
 * one the labels, Prometheus' text of a label set (`{app="api", pod="api-1"}`: keys sorted, values
 * quoted as Go's strconv.Quote does, padded with blanks to the widest set of the answer). Labels
 * every stream of the answer shares are printed once, to stderr, and left out here: what is left
 * names the stream (`{}` when one stream answered).
 *
 * logcli trims each line (strings.TrimSpace), so scheddetail's P, M and G lines arrive without the
 * two blanks the runtime prints before them (schedtrace: `print("  P", id, ": status=", …)`); they
 * are given back, so the line reads as the runtime wrote it.
 */
const LABELS = /^\{(?:[A-Za-z_][A-Za-z0-9_]*="(?:[^"\\]|\\.)*"(?:, (?=[A-Za-z_]))?)*\}(?: +|$)/;
/** A P, M or G line of a scheddetail dump, without its indent. */
const DETAIL_HEAD = /^[PMG]\d+: /;

export function unwrapLokiLabels(s: string): Unwrapped | null {
  if (s.charCodeAt(0) !== 123 /* { */) return null;
  const m = LABELS.exec(s);
  if (m === null) return null;
  const labels = m[0].trimEnd();
  return {
    kind: 'loki',
    text: restoreDetailIndent(s.slice(m[0].length)),
    stream: labels === '{}' ? '' : labels,
    wallTime: undefined,
    partial: false,
    channel: '',
  };
}

/** A line logcli trimmed, with the indent of a P, M or G line given back. */
export function restoreDetailIndent(line: string): string {
  return DETAIL_HEAD.test(line) ? `  ${line}` : line;
}

/** The text of a label set as Loki prints it (`{app="api", pod="api-1"}`), for JSON records that carry it as an object. */
export function labelSetText(labels: Record<string, unknown>): string {
  const keys = Object.keys(labels)
    .filter((k) => typeof labels[k] === 'string')
    .sort();
  return `{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
}
