/**
 * Text built as UTF-8 bytes in one reused buffer: digits written straight into bytes, no string per
 * value and no garbage per record. The base of the CSV and NDJSON snapshot writers, whose output is
 * large (twice the input for CSV) and whose speed is that of `gosched parse`.
 */
export class ByteWriter {
  protected buf: Buffer = Buffer.allocUnsafe(1 << 17);
  protected len = 0;

  /** Bytes written since the last take or drain. */
  get size(): number {
    return this.len;
  }

  /** The bytes written since the last take (a copy, since the buffer is reused). */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.len));
    this.len = 0;
    return out;
  }

  /**
   * Hands the bytes written so far to `sink` as a view of the buffer, without a copy, and starts
   * over: `sink` must be done with them when it returns.
   */
  drain(sink: (bytes: Uint8Array) => void): void {
    if (this.len === 0) return;
    const n = this.len;
    this.len = 0;
    sink(this.buf.subarray(0, n));
  }

  /** Room for `n` more bytes. */
  protected reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(bigger, 0, 0, this.len);
    this.buf = bigger;
  }

  protected byte(b: number): void {
    if (this.len === this.buf.length) this.reserve(1);
    this.buf[this.len++] = b;
  }

  protected bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** Any text, UTF-8 encoded. */
  protected text(t: string): void {
    this.reserve(t.length * 3);
    this.len += this.buf.write(t, this.len, 'utf8');
  }

  /** A number as JavaScript prints it (`String(v)`). */
  protected num(v: number): void {
    this.reserve(NUMBER_MAX_BYTES);
    this.len = putNumber(this.buf, this.len, v);
  }
}

/**
 * Writes `src` at `at`, where there is room, and returns the position after it: a short one (a
 * CSV row's era, an empty or short stream name) byte by byte, cheaper than a call into
 * Buffer.copy, which checks its arguments in JavaScript first.
 */
export function putBytes(b: Buffer, at: number, src: Uint8Array): number {
  const n = src.length;
  if (n > 16) {
    b.set(src, at);
    return at + n;
  }
  for (let i = 0; i < n; i++) b[at + i] = src[i]!;
  return at + n;
}

/**
 * Text known in advance (the keys of a JSON record): as 8-byte words read as little-endian doubles
 * when it is 8 bytes or more of ASCII with no NUL, the last word ending where the text ends
 * (overlapping the one before); else as little-endian 32-bit words and a tail.
 */
export interface AsciiConstant {
  /** ASCII with no NUL never makes a NaN, ±0 or a subnormal, so a double stores its bytes unchanged. */
  readonly doubles: Float64Array;
  readonly words: Uint32Array;
  readonly tail: Uint8Array;
  /** Bytes in all. */
  readonly length: number;
}

export function asciiConstant(t: string): AsciiConstant {
  return bytesConstant(Buffer.from(t, 'latin1'));
}

/** Bytes that 8-byte words read as doubles store unchanged: never NaN, ±0 or subnormal. */
export function isAsciiWithoutNul(bytes: Uint8Array): boolean {
  return bytes.every((x) => x > 0 && x < 128);
}

/** Any bytes (a stream name's UTF-8) as an AsciiConstant, to write with putConstant. */
export function bytesConstant(bytes: Uint8Array): AsciiConstant {
  const len = bytes.length;
  const n = len >> 2;
  const view = new DataView(bytes.buffer, bytes.byteOffset, len);
  const words = new Uint32Array(n);
  for (let i = 0; i < n; i++) words[i] = view.getUint32(4 * i, true);
  let doubles = new Float64Array(0);
  if (len >= 8 && isAsciiWithoutNul(bytes)) {
    doubles = new Float64Array((len + 7) >> 3);
    for (let i = 0; i < doubles.length; i++) doubles[i] = view.getFloat64(Math.min(8 * i, len - 8), true);
  }
  return { doubles, words, tail: Uint8Array.from(bytes.subarray(4 * n)), length: len };
}

// The view `putConstant` and `copyAscii` store words through, made again only when the buffer changes.
let viewed: Buffer | null = null;
let lastView: DataView = new DataView(new ArrayBuffer(0));

function viewOf(b: Buffer): DataView {
  if (b !== viewed) {
    viewed = b;
    lastView = new DataView(b.buffer, b.byteOffset, b.length);
  }
  return lastView;
}

/**
 * Copies b[from, to), at least 8 bytes of ASCII with no NUL, to `at`, at or past `to`, where there
 * is room: as doubles, 8 bytes a load and a store (as putConstant's words), the last one
 * overlapping; returns the position after the copy. Faster than `copyWithin` for the few dozen
 * bytes of a CSV row's shared cells.
 */
export function copyAscii(b: Buffer, at: number, from: number, to: number): number {
  const view = viewOf(b);
  const n = to - from;
  for (let i = 0; i + 8 < n; i += 8) view.setFloat64(at + i, view.getFloat64(from + i, true), true);
  view.setFloat64(at + n - 8, view.getFloat64(to - 8, true), true);
  return at + n;
}

/**
 * Writes a constant at `at`, where there is room, eight or four bytes a store (the four-byte
 * stores were a third faster than a byte loop on scheddetail NDJSON), and returns the position
 * after it.
 */
export function putConstant(b: Buffer, at: number, k: AsciiConstant): number {
  const view = viewOf(b);
  const doubles = k.doubles;
  const m = doubles.length;
  if (m > 0) {
    for (let i = 0; i < m - 1; i++) view.setFloat64(at + 8 * i, doubles[i] as number, true);
    const end = at + k.length;
    view.setFloat64(end - 8, doubles[m - 1] as number, true);
    return end;
  }
  const words = k.words;
  for (let i = 0; i < words.length; i++) {
    view.setUint32(at, words[i] as number, true);
    at += 4;
  }
  const tail = k.tail;
  for (let i = 0; i < tail.length; i++) b[at++] = tail[i] as number;
  return at;
}

/** Bytes a number can take as text (`-1.2345678901234567e-308`): room to reserve before `putNumber`. */
export const NUMBER_MAX_BYTES = 24;

/** `00` to `99`: the two digits of n at 2n and 2n + 1. */
const DIGIT_PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 48 + (i & 1 ? (i >> 1) % 10 : ((i >> 1) / 10) | 0));

/**
 * Writes `v` as JavaScript prints it (`String(v)`) at `at`, where `NUMBER_MAX_BYTES` are free, and
 * returns the position after it: a safe integer digit by digit, anything else through its text.
 */
export function putNumber(b: Buffer, at: number, v: number): number {
  // One digit (most ring lengths, P numbers and counts) here, small enough to be inlined where it
  // is called; -0 too, which prints as 0.
  if (v >= 0 && v < 10 && (v | 0) === v) {
    b[at] = 48 + v;
    return at + 1;
  }
  return putLongerNumber(b, at, v);
}

/** putNumber past one digit. */
function putLongerNumber(b: Buffer, at: number, v: number): number {
  if (v >= 0 && v < 0x80000000 && (v | 0) === v) {
    const end = at + digitCount(v);
    let i = end;
    // Two digits a division: line numbers, times and schedticks run to four digits and more.
    while (v >= 100) {
      const q = (v / 100) | 0;
      const r = (v - q * 100) << 1;
      b[--i] = DIGIT_PAIRS[r + 1]!;
      b[--i] = DIGIT_PAIRS[r]!;
      v = q;
    }
    if (v >= 10) {
      b[--i] = DIGIT_PAIRS[(v << 1) + 1]!;
      b[--i] = DIGIT_PAIRS[v << 1]!;
    } else b[--i] = 48 + v;
    return end;
  }
  if (!Number.isSafeInteger(v)) {
    const m = Math.round(v * 1000);
    return m > 0 && m < 0x80000000 && m / 1000 === v ? putThousandths(b, at, m) : at + b.write(String(v), at, 'latin1');
  }
  if (v < 0) {
    b[at++] = 45; // '-'
    v = -v;
  }
  const end = at + digitCount(v);
  let i = end;
  do {
    const q = Math.floor(v / 10);
    b[--i] = 48 + (v - q * 10);
    v = q;
  } while (v > 0);
  return end;
}

/**
 * Writes m / 1000, not an integer, as String prints it: the integer part, the point, the three
 * digits less trailing zeros. That is the shortest text that reads back as the number, as String's
 * is: any other text of at most three decimals is 0.001 or more away, and below 2^31 / 1000 doubles
 * lie at most 2^-31 apart. A run's means and shares are such numbers (round), tens of thousands a log.
 */
function putThousandths(b: Buffer, at: number, m: number): number {
  const whole = Math.floor(m / 1000);
  let frac = m - whole * 1000;
  at = putNumber(b, at, whole);
  b[at++] = 46; // '.'
  let digits = 3;
  while (frac % 10 === 0) {
    frac /= 10;
    digits--;
  }
  for (let i = digits - 1; i >= 0; i--) {
    b[at + i] = 48 + (frac % 10);
    frac = Math.floor(frac / 10);
  }
  return at + digits;
}

function digitCount(v: number): number {
  if (v < 100) return v < 10 ? 1 : 2;
  if (v < 10000) return v < 1000 ? 3 : 4;
  if (v < 1000000) return v < 100000 ? 5 : 6;
  let n = 7;
  for (let x = Math.floor(v / 10000000); x > 0; x = Math.floor(x / 10)) n++;
  return n;
}
