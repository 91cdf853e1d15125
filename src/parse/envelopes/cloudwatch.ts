import type { Unwrapped } from './unwrapped.js';

/**
 * AWS CloudWatch Logs as `aws logs tail` prints them by default (`--format detailed`, awscli's
 * DetailedLogEventsFormatter): `<time> <log stream> <message>`, the time Python's isoformat to the
 * microsecond in UTC (`2026-11-27T06:41:02.123000+00:00`, CloudWatch keeps milliseconds), the
 * message as written (only its line end is trimmed). The log stream names the stream: an ECS task
 * (`ecs/api/1f2e…`), an EKS pod's file, a Lambda instance. A stream name holds no `:` or `*`
 * (CloudWatch refuses them), so `<time> panic: …` is no stream; `SCHED`, `gc` and `fatal` are
 * the runtime's own first words, for a line that has such a time and no stream.
 */
const DETAILED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00) ([^\s:*]+)(?: |$)/;
const RUNTIME_WORDS = new Set(['SCHED', 'gc', 'fatal']);

export function unwrapCloudWatch(s: string): Unwrapped | null {
  if (s.charCodeAt(26) !== 43 /* + */) return null;
  const m = DETAILED.exec(s);
  if (m === null || RUNTIME_WORDS.has(m[2] as string)) return null;
  return {
    kind: 'cloudwatch',
    text: s.slice(m[0].length),
    stream: m[2] as string,
    wallTime: m[1],
    partial: false,
    channel: '',
  };
}
