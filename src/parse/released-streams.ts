/**
 * The names of streams the parser released (see MAX_OPEN_STREAMS), in a fixed 8 MiB Bloom filter:
 * memory stays flat however many names a log holds. `mayHold` can say yes for a name never
 * released (about 1 in 10^5 after a million releases); the only consequence is that such a stream's
 * runs are numbered from its first line instead of from 0, which keeps every (stream, run) distinct.
 */
const BITS_LOG2 = 26;
const MASK = (1 << BITS_LOG2) - 1;
const PROBES = 4;

export class ReleasedStreams {
  private bits: Int32Array | null = null;

  add(name: string): void {
    const bits = (this.bits ??= new Int32Array(1 << (BITS_LOG2 - 5)));
    const [h1, h2] = hashes(name);
    for (let i = 0; i < PROBES; i++) {
      const b = (h1 + i * h2) & MASK;
      bits[b >>> 5]! |= 1 << (b & 31);
    }
  }

  mayHold(name: string): boolean {
    const bits = this.bits;
    if (bits === null) return false;
    const [h1, h2] = hashes(name);
    for (let i = 0; i < PROBES; i++) {
      const b = (h1 + i * h2) & MASK;
      if ((bits[b >>> 5]! & (1 << (b & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two FNV-1a hashes with different offsets (double hashing: probe i is h1 + i*h2). */
function hashes(name: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ name.length;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return [a >>> 0, (b >>> 0) | 1];
}
