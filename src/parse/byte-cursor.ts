/**
 * A cursor over the raw bytes of a block of input (UTF-8, cut at line ends), for the byte scanners
 * (byte-summary.ts, byte-detail.ts). Every read returns a failure value at the first byte it does not
 * expect, and the line then goes to the string readers, which say what is wrong with it.
 */
export class ByteCursor {
  b: Uint8Array = new Uint8Array(0);
  i = 0;
  /** End of the line within b. */
  stop = 0;

  at(b: Uint8Array, i: number, stop: number): this {
    this.b = b;
    this.i = i;
    this.stop = stop;
    return this;
  }

  /** The key's bytes (`key=`, or ` key=` with its leading space) at the cursor; skipped when they match. */
  lit(key: Uint8Array): boolean {
    const b = this.b;
    const i = this.i;
    const n = key.length;
    if (i + n > this.stop) return false;
    for (let k = 0; k < n; k++) if (b[i + k] !== key[k]) return false;
    this.i = i + n;
    return true;
  }

  /** Up to `maxDigits` decimal digits; -1 when there is none or more. */
  uint(maxDigits: number): number {
    const b = this.b;
    let i = this.i;
    const stop = this.stop;
    let v = 0;
    let c = 0;
    while (i < stop && (c = b[i]! - 48) >= 0 && c <= 9) {
      v = v * 10 + c;
      i++;
    }
    if (i === this.i || i - this.i > maxDigits) return -1;
    this.i = i;
    return v;
  }

  /** Only blanks and carriage returns remain on the line. */
  end(): boolean {
    const b = this.b;
    let i = this.i;
    while (i < this.stop && (b[i] === 32 || b[i] === 13)) i++;
    this.i = i;
    return i === this.stop;
  }
}

/** ASCII text as bytes (the era tables' keys). */
export function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** k[at, at + 4) as a little-endian word, as a scanner's DataView reads it: keys compared four bytes at a time. */
export function wordOf(k: Uint8Array, at: number): number {
  return k[at]! | (k[at + 1]! << 8) | (k[at + 2]! << 16) | (k[at + 3]! << 24);
}

/**
 * k[at, at + 8) as a little-endian double, as a scanner's DataView reads it: keys compared eight
 * bytes at a time (two doubles are equal exactly when their bits are, unless NaN or ±0).
 */
export function doubleAt(k: Uint8Array, at: number): number {
  return new DataView(k.buffer, k.byteOffset, k.length).getFloat64(at, true);
}

const utf8 = new TextDecoder();
/** Node's Buffer, where the parser runs in Node (the core runs without it too). */
const NodeBuffer = typeof Buffer === 'function' ? Buffer : undefined;

/**
 * The text of b[from, to): short ASCII runs without a decoder call, and a longer one of a Buffer (the
 * blocks read from files) as Latin-1, the same string for ASCII bytes, without the view and the
 * decoder call: an application's log lines between the dumps are decoded one by one.
 */
export function decodeBytes(b: Uint8Array, from: number, to: number): string {
  if (to - from <= 32) {
    let s = '';
    for (let i = from; i < to; i++) {
      const c = b[i]!;
      if (c >= 0x80) return utf8.decode(b.subarray(from, to));
      s += String.fromCharCode(c);
    }
    return s;
  }
  if (NodeBuffer !== undefined && b instanceof NodeBuffer) {
    let i = from;
    while (i < to && b[i]! < 0x80) i++;
    if (i === to) return b.toString('latin1', from, to);
  }
  return utf8.decode(b.subarray(from, to));
}

/**
 * The same string for the same bytes: wait reasons and preemptoff texts come from a small set, so a
 * G line's reason is looked up, not decoded, once it has been seen.
 */
export class ByteInterner {
  private readonly table = new Map<number, Interned>();
  /** Entries by id (their order of first appearance). */
  private readonly entries: Interned[] = [];
  /**
   * The entries found last, by length and end bytes: most lookups are answered here with one
   * comparison of the bytes, without hashing them and asking the map.
   */
  private readonly recent: (Interned | undefined)[] = new Array(RECENT).fill(undefined);

  get(b: Uint8Array, from: number, to: number): string {
    const id = this.id(b, from, to);
    return id >= 0 ? this.entries[id]!.text : decodeBytes(b, from, to);
  }

  /** The id of b[from, to)'s text (see `text`), or -1 when the table is full and it is not in it. */
  id(b: Uint8Array, from: number, to: number): number {
    const n = to - from;
    const slot = n === 0 ? 0 : (n * 31 + b[from]! * 7 + b[to - 1]!) & (RECENT - 1);
    const last = this.recent[slot];
    if (last !== undefined && sameBytes(last.bytes, b, from, to)) return last.id;
    let h = n;
    for (let i = from; i < to; i++) h = (Math.imul(h, 31) + b[i]!) | 0;
    const hit = this.table.get(h);
    if (hit !== undefined && sameBytes(hit.bytes, b, from, to)) {
      this.recent[slot] = hit;
      return hit.id;
    }
    // Bounded: a log of endless distinct reasons (corruption) keeps the first ones only.
    if (this.entries.length >= 4096) return -1;
    // A copy, and a plain Uint8Array: a Buffer's slice is a view, which would keep the whole block alive.
    const entry = {
      bytes: new Uint8Array(b.subarray(from, to)),
      text: decodeBytes(b, from, to),
      id: this.entries.length,
    };
    this.entries.push(entry);
    this.table.set(h, entry);
    this.recent[slot] = entry;
    return entry.id;
  }

  /** The text of an id `id` returned. */
  text(id: number): string {
    return this.entries[id]!.text;
  }
}

interface Interned {
  bytes: Uint8Array;
  text: string;
  id: number;
}

/**
 * The text of the ASCII bytes asked for last, made again only when the bytes differ: a stream's
 * name comes back line after line. The bytes are copied: a read buffer is filled again once its
 * lines are read, and a view into it would then compare with the next block's bytes.
 */
export class LastAsciiText {
  private bytes = new Uint8Array(0);
  private text = '';

  of(b: Uint8Array, from: number, to: number): string {
    if (!sameBytes(this.bytes, b, from, to)) {
      this.bytes = new Uint8Array(b.subarray(from, to));
      this.text = String.fromCharCode(...this.bytes);
    }
    return this.text;
  }
}

/** Slots of ByteInterner.recent (a power of two). */
const RECENT = 64;

function sameBytes(k: Uint8Array, b: Uint8Array, from: number, to: number): boolean {
  if (k.length !== to - from) return false;
  for (let i = 0; i < k.length; i++) if (k[i] !== b[from + i]) return false;
  return true;
}
