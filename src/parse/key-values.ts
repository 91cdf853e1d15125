/**
 * The one `key=value` reader for every schedtrace line. It keys fields by name and never by
 * position, so fields added by a future Go release are kept instead of breaking the parse.
 *
 * Rules that cover every layout runtime.schedtrace has printed:
 * - a value runs until the next space that is followed by `ident=`, so values may hold spaces
 *   (M `preemptoff=` holds a stop-the-world reason; G `status=4(force gc (idle))`) or be empty;
 * - a value that starts with `[` runs to the matching `]` (`schedticks=[ 1 2 ]`);
 * - a bare `[ ... ]` token is the per-P run-queue list and is returned under the key `[]`;
 * - text that is neither (foreign output spliced into the line) is returned under the key `?`.
 */
export interface KeyValue {
  key: string;
  value: string;
  /** Offset of the value in the text. */
  at: number;
}

export const LIST_KEY = '[]';

/** Whether a char code is an ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Whether text[at] starts the rest of a date after its year (`/12`, `-12`): another writer's
 * timestamp, whose year a run of digits before it ends with.
 */
export function isDateAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return (c === 47 || c === 45) && isDigit(text.charCodeAt(at + 1)) && isDigit(text.charCodeAt(at + 2));
}
export const STRAY_KEY = '?';

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Index of `=` if `text` holds `ident=` at `i`, else -1. */
function keyEnd(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && isIdentChar(text.charCodeAt(j))) j++;
  return j > i && j < end && text.charCodeAt(j) === 61 /* = */ ? j : -1;
}

/** Reads `text[from, to)` into key/value pairs (appended to `out`, which is returned). */
export function readKeyValues(text: string, from = 0, to = text.length, out: KeyValue[] = []): KeyValue[] {
  let i = from;
  while (i < to) {
    while (i < to && text.charCodeAt(i) === 32) i++;
    if (i >= to) break;
    if (text.charCodeAt(i) === 91 /* [ */) {
      const close = text.indexOf(']', i);
      const end = close < 0 || close >= to ? to : close + 1;
      out.push({ key: LIST_KEY, value: text.slice(i, end), at: i });
      i = end;
      continue;
    }
    const eq = keyEnd(text, i, to);
    if (eq < 0) {
      // Not a key: foreign text. Take it up to the next `ident=` or `[`.
      let j = i;
      while (j < to) {
        const sp = text.indexOf(' ', j);
        if (sp < 0 || sp >= to) {
          j = to;
          break;
        }
        j = sp + 1;
        const c = text.charCodeAt(j);
        if (c === 91 || keyEnd(text, j, to) >= 0) break;
      }
      // Only blanks (a stray CR or tab before the end): nothing foreign to report.
      const stray = text.slice(i, j).trimEnd();
      if (stray !== '') out.push({ key: STRAY_KEY, value: stray, at: i });
      i = j;
      continue;
    }
    const key = text.slice(i, eq);
    const v = eq + 1;
    if (v < to && text.charCodeAt(v) === 91 /* [ */) {
      const close = text.indexOf(']', v);
      const end = close < 0 || close >= to ? to : close + 1;
      out.push({ key, value: text.slice(v, end), at: v });
      i = end;
      continue;
    }
    // Value ends at the first space followed by `ident=` (or at the end).
    let end = to;
    let s = text.indexOf(' ', v);
    while (s >= 0 && s < to) {
      const n = s + 1;
      if (n < to && (text.charCodeAt(n) === 91 || keyEnd(text, n, to) >= 0)) {
        end = s;
        break;
      }
      s = text.indexOf(' ', n);
    }
    // Runs of spaces (hand-aligned pastes) and stray CRs end a value too: trim them off, as the
    // fast paths do at the end of a line.
    let e = end;
    while (e > v && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 13)) e--;
    out.push({ key, value: text.slice(v, e), at: v });
    i = end;
  }
  return out;
}

/** Parses a non-negative or negative decimal integer; NaN when `s` is not one. */
export function parseIntStrict(s: string): number {
  const n = s.length;
  if (n === 0 || n > 20) return NaN;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45 /* - */) {
    neg = true;
    i = 1;
    if (n === 1) return NaN;
  }
  let v = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return neg ? -v : v;
}

/**
 * Numbers of a `[a b c]` or `[ a b c ]` list; null when an entry is not an integer, is above 2^53
 * (it could not be held exactly), or `]` is missing.
 */
export function parseIntList(list: string): number[] | null {
  if (list.charCodeAt(list.length - 1) !== 93 /* ] */) return null;
  const out: number[] = [];
  let v = 0;
  let inNum = false;
  for (let i = 1; i < list.length - 1; i++) {
    const c = list.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      inNum = true;
    } else if (c === 32) {
      if (inNum) {
        if (v > Number.MAX_SAFE_INTEGER) return null;
        out.push(v);
      }
      v = 0;
      inNum = false;
    } else {
      return null;
    }
  }
  if (inNum) {
    if (v > Number.MAX_SAFE_INTEGER) return null;
    out.push(v);
  }
  return out;
}
