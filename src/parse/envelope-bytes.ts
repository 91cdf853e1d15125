/**
 * The two container log formats a Kubernetes node writes, and a time before a line (kubectl's and
 * docker's `--timestamps`), found in the bytes of a line, for readers
 * that keep no wall time (ParserCallbacks.dropWallTimes): a whole line's payload is then read by
 * the byte scanners where it stands, as a plain line is, with no string, regular expression or
 * JSON.parse per line. Anything else about the line (a partial chunk, an escape, another key) is
 * left to the envelope readers (envelopes/cri.ts, envelopes/docker-json.ts), which read it whole.
 */

import { ascii } from './byte-cursor.js';

/** Where the payload a *Payload function found ends (its LF, or the `\n` escape of a json-file record). */
export let payloadEnd = 0;

/** The block offset of the line's LF, or `n` when the block ends first. */
function lineEnd(b: Uint8Array, from: number, n: number): number {
  const nl = b.indexOf(10, from);
  return nl < 0 ? n : nl;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 48 && c <= 57;

/**
 * Where an RFC 3339 date-time at b[s] ends (`dddd-dd-ddThh:mm:ss`, up to 9 digits of fraction,
 * `Z` or `±hh:mm`: envelopes/unwrapped.ts's RFC3339), or -1.
 */
function rfc3339End(b: Uint8Array, s: number, n: number): number {
  if (s + 20 > n) return -1;
  for (const k of [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]) if (!isDigit(b[s + k])) return -1;
  if (b[s + 4] !== 45 || b[s + 7] !== 45 || b[s + 10] !== 84 || b[s + 13] !== 58 || b[s + 16] !== 58) return -1;
  let i = s + 19;
  if (b[i] === 46) {
    const from = ++i;
    while (i < n && isDigit(b[i])) i++;
    if (i === from || i - from > 9) return -1;
  }
  if (b[i] === 90) return i + 1;
  if (
    (b[i] === 43 || b[i] === 45) &&
    isDigit(b[i + 1]) &&
    isDigit(b[i + 2]) &&
    b[i + 3] === 58 &&
    isDigit(b[i + 4]) &&
    isDigit(b[i + 5])
  )
    return i + 6;
  return -1;
}

/** Sets payloadEnd to the end of the line whose payload starts at p (its LF, before a CR). */
function endLine(b: Uint8Array, p: number, n: number): number {
  const e = lineEnd(b, p, n);
  payloadEnd = e > p && b[e - 1] === 13 ? e - 1 : e;
  return p;
}

/**
 * A CRI line (`<RFC3339Nano> stdout|stderr F <text>`) at b[s]: where its text starts, or -1. Only
 * a full line (`F`) is taken; a `P` chunk is joined by the envelope reader.
 */
export function criPayload(b: Uint8Array, s: number, n: number): number {
  const i = rfc3339End(b, s, n);
  if (i < 0 || b[i] !== 32) return -1;
  // ` stdout F ` or ` stderr F `.
  if (!isStdStream(b, i + 1) || !has(b, i + 7, FULL_TAG)) return -1;
  return endLine(b, i + 10, n);
}

/**
 * A line behind an RFC 3339 time (`kubectl logs --timestamps`, `docker logs -t`) at b[s]: where
 * the text after the time's blank starts, or -1. Whether that text is the runtime's is for the
 * byte scanners to say: CRI's `stderr F` and journald's `host unit[pid]:` are not.
 */
export function rfc3339Payload(b: Uint8Array, s: number, n: number): number {
  const i = rfc3339End(b, s, n);
  if (i < 0 || b[i] !== 32) return -1;
  return endLine(b, i + 1, n);
}

const LOG_KEY = ascii('{"log":"');
const STREAM_KEY = ascii(',"stream":"');
const TIME_KEY = ascii(',"time":"');
const STDOUT = ascii('stdout');
const STDERR = ascii('stderr');
const FULL_TAG = ascii(' F ');

function has(b: Uint8Array, at: number, key: Uint8Array): boolean {
  for (let k = 0; k < key.length; k++) if (b[at + k] !== key[k]) return false;
  return true;
}

/** `stdout` or `stderr` at b[at]: the output stream CRI and json-file name. */
function isStdStream(b: Uint8Array, at: number): boolean {
  return has(b, at, STDOUT) || has(b, at, STDERR);
}

/**
 * A docker json-file record (`{"log":"<text>\n","stream":"stderr","time":"<RFC3339Nano>"}`) at
 * b[s], of exactly those keys, whose text holds no escape but its final `\n`: where the text starts,
 * or -1.
 */
export function dockerJsonPayload(b: Uint8Array, s: number, n: number): number {
  if (!has(b, s, LOG_KEY)) return -1;
  const p = s + LOG_KEY.length;
  let i = p;
  while (i < n && b[i] !== 92 && b[i] !== 34 && b[i] !== 10) i++;
  // The text ends at `\n"`: a record without it is a chunk of a longer line.
  if (b[i] !== 92 || b[i + 1] !== 110 || b[i + 2] !== 34) return -1;
  const end = i;
  i += 3;
  if (!has(b, i, STREAM_KEY)) return -1;
  i += STREAM_KEY.length;
  // `stdout"` or `stderr"`.
  if (!isStdStream(b, i) || b[i + 6] !== 34) return -1;
  i += 7;
  if (!has(b, i, TIME_KEY)) return -1;
  i += TIME_KEY.length;
  while (i < n && b[i] !== 34 && b[i] !== 10) i++;
  if (b[i] !== 34 || b[i + 1] !== 125) return -1;
  i += 2;
  if (b[i] === 13) i++;
  if (i < n && b[i] !== 10) return -1;
  payloadEnd = end;
  return p;
}

/**
 * Where the text of the line at b[s] starts, as the parser's byte path finds it (parser.ts
 * pushLines): after a whole json-file record's or CRI line's envelope or a leading RFC 3339 time,
 * else at s. `n`: where the line, or the block holding it, ends.
 */
export function payloadStart(b: Uint8Array, s: number, n: number): number {
  const c0 = b[s];
  let p = -1;
  if (c0 === 123) p = dockerJsonPayload(b, s, n);
  else if (isDigit(c0)) {
    p = criPayload(b, s, n);
    if (p < 0) p = rfc3339Payload(b, s, n);
  }
  return p < 0 ? s : p;
}
