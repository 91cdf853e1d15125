import { recordStream } from './json-record.js';
import type { Unwrapped } from './unwrapped.js';

// docker's json-file log driver: `{"log":"<text>\n","stream":"stderr","time":"<RFC3339Nano>"}`.
// A line longer than 16 KiB is written as several records; only the last one's `log` ends in `\n`.
// Shippers that pass the record on (Fluent Bit's Kubernetes filter) add which container wrote it.
export function unwrapDockerJson(s: string): Unwrapped | null {
  if (!s.startsWith('{"log":')) return null;
  let rec: unknown;
  try {
    rec = JSON.parse(s);
  } catch {
    return null;
  }
  const { log, stream, time } = rec as { log?: unknown; stream?: unknown; time?: unknown };
  if (typeof log !== 'string') return null;
  // Only json-file itself splits a line into records (it writes `stream` and `time` beside `log`);
  // a shipper's record without them holds a whole line, newline or not.
  const complete = log.endsWith('\n') || typeof stream !== 'string' || typeof time !== 'string';
  return {
    kind: 'docker-json',
    text: log.endsWith('\n') ? log.slice(0, -1) : log,
    stream: recordStream(rec as Record<string, unknown>),
    wallTime: typeof time === 'string' ? time : undefined,
    partial: !complete,
    channel: typeof stream === 'string' ? stream : '',
  };
}
