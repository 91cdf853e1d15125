import { looksTimestamped, type Unwrapped } from './unwrapped.js';

// `journalctl` short formats: `Nov 27 06:41:02 host unit[pid]: text` (short; short-precise adds
// microseconds) and `2026-11-27T06:41:02+0000 host unit[pid]: text` (short-iso, short-iso-precise).
// The identifier is followed by `[pid]` for every process that logs through journald's stdout stream.
// The stream is the identifier alone: a service restarted by systemd (Restart=) gets a new pid, and
// its new process is the next run of the same stream (schedtrace's clock starts again at 0 ms).
const SHORT =
  /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ ([^\s[\]:]+)(?:\[\d+\])?:(?: |$)/;
// short-iso requires the `[pid]`: `<ts> SCHED 0ms: ...` must stay an RFC 3339 prefixed SCHED line.
const SHORT_ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d\d:?\d\d) \S+ ([^\s[\]:]+)\[\d+\]:(?: |$)/;

// short-unix: `1764697200.050000 host unit[pid]: text`, seconds since the epoch (the `[pid]` required).
const SHORT_UNIX = /^(\d{9,11})\.(\d{1,9}) \S+ ([^\s[\]:]+)\[\d+\]:(?: |$)/;

/** Whether s starts as short-unix does: 9 to 11 digits, then a point (read before its expression runs). */
function looksUnixTime(s: string): boolean {
  let i = 0;
  while (i < 12 && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  return i >= 9 && i <= 11 && s.charCodeAt(i) === 46;
}

export function unwrapJournald(s: string): Unwrapped | null {
  const c0 = s.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57 && looksUnixTime(s)) {
    const u = SHORT_UNIX.exec(s);
    if (u !== null) {
      const ms = Number(u[1]) * 1000 + Math.floor(Number(`0.${u[2]}`) * 1000);
      return {
        kind: 'journald',
        text: s.slice(u[0].length),
        stream: u[3] as string,
        wallTime: new Date(ms).toISOString(),
        partial: false,
        channel: '',
      };
    }
  }
  if (looksTimestamped(s)) {
    const m = SHORT_ISO.exec(s);
    if (m === null) return null;
    const zone = m[2] as string;
    // +0000 → +00:00, so the time is valid ISO 8601 extended format.
    const iso = `${m[1]}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
    return {
      kind: 'journald',
      text: s.slice(m[0].length),
      stream: m[3] as string,
      wallTime: iso,
      partial: false,
      channel: '',
    };
  }
  if (s.charCodeAt(3) !== 32 || s.charCodeAt(6) !== 32) return null;
  const m = SHORT.exec(s);
  if (m === null) return null;
  // The short format has no year, so it gives no wall time that ISO 8601 can hold.
  return {
    kind: 'journald',
    text: s.slice(m[0].length),
    stream: m[1] as string,
    wallTime: undefined,
    partial: false,
    channel: '',
  };
}
