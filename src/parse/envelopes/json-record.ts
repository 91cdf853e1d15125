import type { Unwrapped } from './unwrapped.js';

/**
 * One JSON object per line from a log shipper or platform that puts the program's line in a field of
 * its own: `MESSAGE` (journalctl -o json), `message` or `msg` (Fluent Bit, Vector, Logstash, most
 * JSON loggers), `textPayload` (Google Cloud Logging), `log` (Fluent Bit's records with its `date`
 * key first, docker's fluentd driver); docker's json-file (`{"log":` first) is read by docker-json.ts. The time, when a field holds one: `timestamp`, `time`, `@timestamp`, or journald's
 * `__REALTIME_TIMESTAMP` (microseconds since the epoch).
 */
const TEXT_FIELDS = ['MESSAGE', 'message', 'msg', 'textPayload', 'log'] as const;
const TIME_FIELDS = ['timestamp', 'time', '@timestamp'] as const;

export function unwrapJsonRecord(s: string): Unwrapped | null {
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
  if (text === undefined) return null;
  return {
    kind: 'json-record',
    text: text.endsWith('\n') ? text.slice(0, -1) : text,
    stream: recordStream(r),
    wallTime: wallTimeOf(r),
    partial: false,
    channel: '',
  };
}

/**
 * Which program wrote the record, without the process id (a restarted process is the next run of
 * the same stream): journald's unit, else its identifier (journalctl -o json); Fluent Bit's and
 * Vector's Kubernetes metadata as `pod/NAME/CONTAINER`, as kubectl --prefix names it; docker's
 * fluentd and gelf drivers' `container_name`. '' when the record names none.
 */
export function recordStream(r: Record<string, unknown>): string {
  for (const k of ['_SYSTEMD_UNIT', 'SYSLOG_IDENTIFIER', 'container_name']) {
    const v = r[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  const k8s = r.kubernetes;
  if (typeof k8s === 'object' && k8s !== null) {
    const { pod_name: pod, container_name: container } = k8s as Record<string, unknown>;
    if (typeof pod === 'string' && pod !== '')
      return typeof container === 'string' && container !== '' ? `pod/${pod}/${container}` : `pod/${pod}`;
  }
  return '';
}

function wallTimeOf(r: Record<string, unknown>): string | undefined {
  for (const k of TIME_FIELDS) {
    const v = r[k];
    if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return v;
  }
  const us = r.__REALTIME_TIMESTAMP;
  if (typeof us === 'string' && /^\d{13,17}$/.test(us)) return new Date(Number(us) / 1000).toISOString();
  return undefined;
}
