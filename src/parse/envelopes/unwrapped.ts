/** The envelopes a log line can arrive in (see ../envelope.ts). */
export type EnvelopeKind =
  | 'none'
  | 'rfc3339'
  | 'cri'
  | 'docker-json'
  | 'json-record'
  | 'journald'
  | 'compose'
  | 'kubectl-prefix'
  | 'loki'
  | 'cloudwatch'
  | 'heroku';

/** One envelope layer taken off a line. */
export interface Unwrapped {
  kind: Exclude<EnvelopeKind, 'none'>;
  /** What the envelope carried, without the envelope. */
  text: string;
  /** The producer the envelope names ('' when it names none). */
  stream: string;
  wallTime: string | undefined;
  /** A chunk of a longer line: the following chunks of the same channel complete it (CRI `P`, docker json-file without `\n`). */
  partial: boolean;
  /** The output stream the chunk came from (`stdout`/`stderr`), for joining partial chunks; '' otherwise. */
  channel: string;
}

/** RFC 3339 date-time as printed by container runtimes, kubectl and docker: `2026-11-27T06:41:02.123456789Z`, `...+01:00`. */
export const RFC3339 = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)`;

/** Cheap pre-check before any timestamp regex: `dddd-dd-ddT`. */
export function looksTimestamped(s: string): boolean {
  return s.length >= 20 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(10) === 84;
}
