import { labelSetText, restoreDetailIndent } from './loki.js';
import type { Unwrapped } from './unwrapped.js';

/**
 * One JSON object per line from a log shipper or platform that puts the program's line in a field of
 * its own: `MESSAGE` (journalctl -o json), `message` or `msg` (Fluent Bit, Vector, Logstash, most
 * JSON loggers), `textPayload` (Google Cloud Logging; `jsonPayload.message` for its structured
 * entries), `log` (Fluent Bit's records with its `date` key first, docker's fluentd driver), `line`
 * (Grafana Loki's `logcli query --output=jsonl`); docker's json-file (`{"log":` first) is read by
 * docker-json.ts. The time, when a field holds one: `timestamp`, `time`, `@timestamp`, or
 * journald's `__REALTIME_TIMESTAMP` (microseconds since the epoch).
 */
const TEXT_FIELDS = ['MESSAGE', 'message', 'msg', 'textPayload', 'log', 'line'] as const;
const TIME_FIELDS = ['timestamp', 'time', '@timestamp'] as const;

export function unwrapJsonRecord(s: string, wallTimes = true): Unwrapped | null {
  if (s.charCodeAt(s.length - 1) !== 125 /* } */) return null;
  let rec: unknown;
  try {
    rec = JSON.parse(s);
  } catch {
    return null;
  }
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return null;
  const r = rec as Record<string, unknown>;
  let text: string | undefined;
  for (const k of TEXT_FIELDS) {
    const v = r[k];
    if (typeof v === 'string') {
      text = v;
      break;
    }
  }
  if (text === undefined) {
    const payload = r.jsonPayload;
    if (typeof payload === 'object' && payload !== null) {
      const m = (payload as Record<string, unknown>).message;
      if (typeof m === 'string') text = m;
    }
  }
  if (text === undefined) return null;
  // logcli --output=jsonl: a Loki entry's line, trimmed as logcli prints lines.
  if (typeof r.line === 'string' && text === r.line && typeof r.labels === 'object') text = restoreDetailIndent(text);
  return {
    kind: 'json-record',
    text: text.endsWith('\n') ? text.slice(0, -1) : text,
    stream: recordStream(r),
    wallTime: wallTimes ? wallTimeOf(r) : undefined,
    partial: false,
    channel: '',
  };
}

/**
 * Which program wrote the record, without the process id (a restarted process is the next run of
 * the same stream): journald's unit, else its identifier (journalctl -o json); Fluent Bit's and
 * Vector's Kubernetes metadata (Filebeat's too), and Google Cloud Logging's `k8s_container` resource labels, as
 * `pod/NAME/CONTAINER`, as kubectl --prefix names it; docker's fluentd and gelf drivers'
 * `container_name`; CloudWatch's `logStreamName` (`aws logs filter-log-events` events, one per
 * line); Loki's stream labels as Loki prints them. '' when the record names none.
 */
export function recordStream(r: Record<string, unknown>): string {
  for (const k of ['_SYSTEMD_UNIT', 'SYSLOG_IDENTIFIER', 'container_name', 'logStreamName']) {
    const v = r[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  const pod = podOf(r.kubernetes) ?? podOf(objectAt(r.resource, 'labels'));
  if (pod !== undefined) return pod;
  const labels = r.labels;
  if (typeof labels === 'object' && labels !== null && typeof r.line === 'string') {
    const text = labelSetText(labels as Record<string, unknown>);
    return text === '{}' ? '' : text;
  }
  return '';
}

/**
 * `pod/NAME/CONTAINER` (or `pod/NAME`) from an object with `pod_name` and `container_name`, or, as
 * Filebeat's Elastic Common Schema nests them, `pod.name` and `container.name`.
 */
function podOf(o: unknown): string | undefined {
  if (typeof o !== 'object' || o === null) return undefined;
  const r = o as Record<string, unknown>;
  const pod = r.pod_name ?? objectAt(r.pod, 'name');
  const container = r.container_name ?? objectAt(r.container, 'name');
  if (typeof pod !== 'string' || pod === '') return undefined;
  return typeof container === 'string' && container !== '' ? `pod/${pod}/${container}` : `pod/${pod}`;
}

function objectAt(o: unknown, key: string): unknown {
  return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;
}

function wallTimeOf(r: Record<string, unknown>): string | undefined {
  for (const k of TIME_FIELDS) {
    const v = r[k];
    if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return v;
    // Milliseconds since the epoch (CloudWatch's events), from 2001 on.
    if (typeof v === 'number' && v >= 1e12 && v < 1e14) return new Date(v).toISOString();
  }
  const us = r.__REALTIME_TIMESTAMP;
  if (typeof us === 'string' && /^\d{13,17}$/.test(us)) return new Date(Number(us) / 1000).toISOString();
  return undefined;
}
