import type { Unwrapped } from './unwrapped.js';

/**
 * One JSON object per line from a log shipper or platform that puts the program's line in a field of
 * its own: `MESSAGE` (journalctl -o json), `message` or `msg` (Fluent Bit, Vector, Logstash, most
 * JSON loggers), `textPayload` (Google Cloud Logging). docker's json-file (`log`) is read by
 * docker-json.ts. The time, when a field holds one: `timestamp`, `time`, `@timestamp`, or journald's
 * `__REALTIME_TIMESTAMP` (microseconds since the epoch).
 */
const TEXT_FIELDS = ['MESSAGE', 'message', 'msg', 'textPayload'] as const;
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
    stream: '',
    wallTime: wallTimeOf(r),
    partial: false,
    channel: '',
  };
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
