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

/** The digits of `dddd-dd-ddThh:mm:ss`, by offset. */
const DATE_TIME_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/**
 * Whether `dddd-dd-ddThh:mm:ss` is at b[s], with room for 20 bytes. The separators are read first:
 * an application's own time (`2026/12/06 10:00:00`) is turned away at its fifth byte.
 */
function dateTimeAt(b: Uint8Array, s: number, n: number): boolean {
  if (s + 20 > n) return false;
  if (b[s + 4] !== 45 || b[s + 7] !== 45 || b[s + 10] !== 84 || b[s + 13] !== 58 || b[s + 16] !== 58) return false;
  for (let k = 0; k < DATE_TIME_DIGITS.length; k++) if (!isDigit(b[s + DATE_TIME_DIGITS[k]!])) return false;
  return true;
}

/**
 * Where an RFC 3339 date-time at b[s] ends (`dddd-dd-ddThh:mm:ss`, up to 9 digits of fraction,
 * `Z` or `±hh:mm`: envelopes/unwrapped.ts's RFC3339), or -1.
 */
function rfc3339End(b: Uint8Array, s: number, n: number): number {
  if (!dateTimeAt(b, s, n)) return -1;
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

/** Where the stream name namedPayload found starts and ends. */
export let nameStart = 0;
export let nameEnd = 0;

const isLower = (c: number): boolean => c >= 97 && c <= 122;
/** compose's own name characters: ASCII letters, digits, `-`, `_` and `.`. */
const isNameByte = (c: number): boolean =>
  isLower(c) || (c >= 65 && c <= 90) || isDigit(c) || c === 45 || c === 95 || c === 46;

/**
 * A docker compose line (`<name><pad>| <text>`, envelopes/compose.ts) at b[s] with a plain prefix
 * whose name starts with a lowercase letter: where its text starts, or -1 (the name is b[s,
 * nameEnd)). It takes exactly the lines envelopes/compose.ts's plain branch takes of such names: a
 * line starting with a lowercase letter can be no other envelope (envelope.ts unwrap tries compose
 * alone there). A name with a byte outside compose's charset, a coloured prefix or another start
 * are left to that reader.
 */
export function composePayload(b: Uint8Array, s: number, n: number): number {
  if (!isLower(b[s]!)) return -1;
  let i = s + 1;
  for (; i < n; i++) {
    const c = b[i]!;
    if (c <= 32 || c === 124) break;
    if (!isNameByte(c)) return -1;
  }
  if (b[i] !== 32) return -1;
  let j = i + 1;
  while (b[j] === 32) j++;
  if (b[j] !== 124 || b[j + 1] !== 32) return -1;
  // One space only after a replica name (`api-1`, `api_1`): `foo | bar` is a table's row.
  if (j - i < 2) {
    let d = i;
    while (d > s && isDigit(b[d - 1])) d--;
    if (d === i || d - 1 <= s || (b[d - 1] !== 45 && b[d - 1] !== 95)) return -1;
  }
  nameStart = s;
  nameEnd = i;
  return endLine(b, j + 2, n);
}

const MONTHS = ascii('JanFebMarAprMayJunJulAugSepOctNovDec');

/** A byte the regular expressions of envelopes/journald.ts read as \S (a non-ASCII one is left to them). */
const isVisible = (c: number): boolean => c > 32 && c < 127;

/**
 * `<host> <identifier>[<pid>]:` and its blank at b[i] (the `[<pid>]` optional where `pidOptional`),
 * as envelopes/journald.ts's expressions read them: where the text after it starts, or -1 (the
 * identifier is b[nameStart, nameEnd)).
 */
function journaldTail(b: Uint8Array, i: number, n: number, pidOptional: boolean): number {
  const host = i;
  while (i < n && isVisible(b[i]!)) i++;
  if (i === host || b[i] !== 32) return -1;
  const ident = ++i;
  // [^\s[\]:]+
  while (i < n && isVisible(b[i]!) && b[i] !== 91 && b[i] !== 93 && b[i] !== 58) i++;
  if (i === ident) return -1;
  const identEnd = i;
  if (b[i] === 91) {
    const pid = ++i;
    while (isDigit(b[i])) i++;
    if (i === pid || b[i] !== 93) return -1;
    i++;
  } else if (!pidOptional) return -1;
  if (b[i] !== 58 || b[i + 1] !== 32) return -1;
  nameStart = ident;
  nameEnd = identEnd;
  return endLine(b, i + 2, n);
}

/**
 * A `journalctl` line at b[s] in its short-iso (`2026-11-27T06:41:02+0000 host unit[pid]: text`)
 * or short (`Nov 27 06:41:02 host unit[pid]: text`) format, as envelopes/journald.ts reads them:
 * where the text starts, or -1 (the identifier, the stream, is b[nameStart, nameEnd)). A prefix
 * with a byte outside ASCII, and the short-unix format, are left to that reader.
 */
export function journaldPayload(b: Uint8Array, s: number, n: number): number {
  const c0 = b[s]!;
  if (isDigit(c0)) {
    // \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(Z|[+-]\d\d:?\d\d) and a blank.
    if (!dateTimeAt(b, s, n)) return -1;
    let i = s + 19;
    if (b[i] === 46 && isDigit(b[i + 1])) {
      i += 2;
      while (isDigit(b[i])) i++;
    }
    if (b[i] === 90) i++;
    else if (b[i] === 43 || b[i] === 45) {
      if (!isDigit(b[i + 1]) || !isDigit(b[i + 2])) return -1;
      i += 3;
      if (b[i] === 58) i++;
      if (!isDigit(b[i]) || !isDigit(b[i + 1])) return -1;
      i += 2;
    } else return -1;
    if (b[i] !== 32) return -1;
    return journaldTail(b, i + 1, n, false);
  }
  // (?:Jan|…|Dec) [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)? and a blank.
  if (s + 16 > n || b[s + 3] !== 32) return -1;
  let month = false;
  for (let m = 0; m < 36 && !month; m += 3)
    month = b[s] === MONTHS[m] && b[s + 1] === MONTHS[m + 1] && b[s + 2] === MONTHS[m + 2];
  if (!month) return -1;
  if ((b[s + 4] !== 32 && !isDigit(b[s + 4])) || !isDigit(b[s + 5]) || b[s + 6] !== 32) return -1;
  if (b[s + 9] !== 58 || b[s + 12] !== 58) return -1;
  for (let k = 7; k < 15; k++) if (k !== 9 && k !== 12 && !isDigit(b[s + k])) return -1;
  let i = s + 15;
  if (b[i] === 46 && isDigit(b[i + 1])) {
    i += 2;
    while (isDigit(b[i])) i++;
  }
  if (b[i] !== 32) return -1;
  return journaldTail(b, i + 1, n, true);
}

/** The first words of the runtime's own lines, which envelopes/cloudwatch.ts takes for no stream name. */
const RUNTIME_WORDS = ['SCHED', 'gc', 'fatal'].map(ascii);
const UTC_OFFSET = ascii('+00:00');

/**
 * `aws logs tail` (`<time> <log stream> <text>`, envelopes/cloudwatch.ts) at b[s]: the time to the
 * microsecond in UTC, a stream name of visible ASCII without `:` or `*`. Where the text starts, or
 * -1 (the stream is b[nameStart, nameEnd)). A name with a byte outside ASCII is left to that reader.
 */
export function cloudwatchPayload(b: Uint8Array, s: number, n: number): number {
  if (!dateTimeAt(b, s, n) || b[s + 19] !== 46) return -1;
  for (let k = 20; k < 26; k++) if (!isDigit(b[s + k])) return -1;
  if (!has(b, s + 26, UTC_OFFSET) || b[s + 32] !== 32) return -1;
  const from = s + 33;
  let i = from;
  while (i < n && isVisible(b[i]!) && b[i] !== 58 && b[i] !== 42) i++;
  if (i === from || b[i] !== 32) return -1;
  for (const w of RUNTIME_WORDS) if (i - from === w.length && has(b, from, w)) return -1;
  nameStart = from;
  nameEnd = i;
  return endLine(b, i + 1, n);
}

const APP = ascii('app[');
const HEROKU = ascii('heroku[');

/**
 * Heroku's log stream (`<RFC 3339 time> app[web.1]: <text>`, envelopes/heroku.ts) at b[s]: where
 * the text starts, or -1. The stream is the dyno for the program's own output (`web.1`), and
 * `heroku[router]` as printed for the platform's: b[nameStart, nameEnd) either way.
 */
export function herokuPayload(b: Uint8Array, s: number, n: number): number {
  const t = rfc3339End(b, s, n);
  if (t < 0 || b[t] !== 32) return -1;
  const source = t + 1;
  const app = has(b, source, APP);
  if (!app && !has(b, source, HEROKU)) return -1;
  const dyno = source + (app ? APP.length : HEROKU.length);
  let i = dyno;
  // A dyno's name: [A-Za-z0-9_.-], compose's name bytes.
  while (i < n && isNameByte(b[i]!)) i++;
  if (i === dyno || b[i] !== 93 || b[i + 1] !== 58 || b[i + 2] !== 32) return -1;
  nameStart = app ? dyno : source;
  nameEnd = app ? i : i + 1;
  return endLine(b, i + 3, n);
}

const isKeyStart = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95);

/**
 * Grafana Loki's `logcli query` output (`<RFC 3339 time> {app="api", pod="api-1"} <line>`,
 * envelopes/loki.ts's label set behind the rfc3339 layer) at b[s]: where the line starts, past the
 * blanks logcli pads the label sets with, or -1. The stream is the label set as printed,
 * b[nameStart, nameEnd), or none (nameStart -1) for `{}`. A label value with a byte outside ASCII or
 * a control byte is left to that reader.
 */
export function lokiPayload(b: Uint8Array, s: number, n: number): number {
  const t = rfc3339End(b, s, n);
  if (t < 0 || b[t] !== 32 || b[t + 1] !== 123) return -1;
  const open = t + 1;
  let i = open + 1;
  // (?:[A-Za-z_][A-Za-z0-9_]*="(?:[^"\\]|\\.)*"(?:, (?=[A-Za-z_]))?)*
  while (b[i] !== 125) {
    if (!isKeyStart(b[i])) return -1;
    i++;
    while (isKeyStart(b[i]) || isDigit(b[i])) i++;
    if (b[i] !== 61 || b[i + 1] !== 34) return -1;
    i += 2;
    for (;;) {
      const c = b[i];
      if (i >= n || c === undefined || c < 32 || c > 126) return -1;
      if (c === 34) break;
      if (c === 92) {
        const e = b[i + 1];
        if (e === undefined || e < 32 || e > 126) return -1;
        i++;
      }
      i++;
    }
    i++;
    if (b[i] === 44 && b[i + 1] === 32 && isKeyStart(b[i + 2])) i += 2;
  }
  const close = i;
  if (b[i + 1] !== 32) return -1;
  i++;
  while (b[i] === 32) i++;
  nameStart = close === open + 1 ? -1 : open;
  nameEnd = close + 1;
  return endLine(b, i, n);
}

const POD = ascii('[pod/');

/**
 * `kubectl logs --prefix` (`[pod/<pod>/<container>] <text>`, envelopes/kubectl-prefix.ts) at b[s]:
 * where the text starts, or -1 (the stream, `pod/<pod>/<container>`, is b[nameStart, nameEnd)). A
 * name with a byte outside ASCII is left to the envelope reader.
 */
export function kubectlPayload(b: Uint8Array, s: number, n: number): number {
  if (!has(b, s, POD)) return -1;
  let i = s + POD.length;
  for (let part = 0; part < 2; part++) {
    // [^\s/\]]+, then `/` after the pod and `]` after the container.
    const from = i;
    while (i < n && isVisible(b[i]!) && b[i] !== 47 && b[i] !== 93) i++;
    if (i === from || b[i] !== (part === 0 ? 47 : 93)) return -1;
    i++;
  }
  if (b[i] !== 32) return -1;
  nameStart = s + 1;
  nameEnd = i - 1;
  return endLine(b, i + 1, n);
}

/**
 * A line at b[s] whose envelope names its stream, as envelope.ts unwrap would read it: journald's
 * (tried first, as unwrap does), docker compose's or kubectl's prefix. Where its text starts, past
 * an RFC 3339 time inside it (`--timestamps`, which unwrap takes off as the next layer), or -1; the
 * stream's name is b[nameStart, nameEnd). Not for a line a CRI envelope holds: unwrap reads that as
 * CRI first.
 */
export function namedPayload(b: Uint8Array, s: number, n: number): number {
  const c0 = b[s]!;
  namedWallTime = isDigit(c0);
  const p =
    c0 === 91
      ? kubectlPayload(b, s, n)
      : isLower(c0)
        ? composePayload(b, s, n)
        : isDigit(c0)
          ? timedPayload(b, s, n)
          : c0 >= 65 && c0 <= 90
            ? journaldPayload(b, s, n)
            : -1;
  if (p < 0 || !isDigit(b[p])) return p;
  // A time inside. unwrap tries a journald line there before RFC 3339, but one would leave its
  // `host unit[pid]:` before the text, where no byte scanner reads on.
  const t = rfc3339Payload(b, p, n);
  if (t > p) namedWallTime = true;
  return Math.max(t, p);
}

/**
 * A line at b[s] that starts with a time and names its stream, in the order envelope.ts unwrap
 * tries them: journald's short-iso, then `aws logs tail`, then Heroku, then (behind the rfc3339
 * layer) a Loki label set. (A line whose text is the runtime's is none of the others': a journald
 * identifier would be `SCHED` or `gc` followed by `[pid]:`, and a CloudWatch stream name holds no
 * `:`; where a stricter byte reader leaves a line the expression takes, for a byte outside ASCII,
 * the label set holds that byte too.)
 */
function timedPayload(b: Uint8Array, s: number, n: number): number {
  const j = journaldPayload(b, s, n);
  if (j >= 0) return j;
  const c = cloudwatchPayload(b, s, n);
  if (c >= 0) return c;
  const h = herokuPayload(b, s, n);
  return h >= 0 ? h : lokiPayload(b, s, n);
}

/**
 * Whether the line namedPayload read last carries a wall time (journald's short-iso, or a time
 * inside the prefix): a reader that keeps wall times reads such a line through the envelope readers.
 */
export let namedWallTime = false;

/**
 * Where the text of the line at b[s] starts, as the parser's byte path finds it (parser.ts
 * pushLines): after a whole json-file record's or CRI line's envelope or a leading RFC 3339 time,
 * else at s. `n`: where the line, or the block holding it, ends.
 */
export function payloadStart(b: Uint8Array, s: number, n: number): number {
  const c0 = b[s];
  let p = -1;
  criFound = false;
  if (c0 === 123) p = dockerJsonPayload(b, s, n);
  else if (isDigit(c0)) {
    p = criPayload(b, s, n);
    criFound = p >= 0;
    if (p < 0) p = rfc3339Payload(b, s, n);
  }
  return p < 0 ? s : p;
}

/** Whether the payload payloadStart found last was a CRI line's. */
export let criFound = false;
