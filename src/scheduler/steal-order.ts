/**
 * runtime.randomOrder (proc.go): stealWork enumerates all Ps starting at a random position with a
 * random stride coprime to GOMAXPROCS, so every P is visited exactly once per round.
 */
export class StealOrder {
  count = 0;
  coprimes: number[] = [];
  /** inverses[i]: the inverse of coprimes[i] modulo count (for rank). */
  private inverses: number[] = [];

  /** randomOrder.reset, called by procresize. */
  reset(count: number): void {
    this.count = count;
    this.coprimes = [];
    this.inverses = [];
    for (let i = 1; i <= count; i++) {
      if (gcd(i, count) !== 1) continue;
      this.coprimes.push(i);
      this.inverses.push(inverse(i, count));
    }
  }

  /** Start position and stride of one enumeration, from a random uint32 (randomOrder.start); read pos and inc after. */
  pos = 0;
  inc = 1;
  private inv = 1;
  start(r: number): void {
    this.pos = r % this.count;
    const k = Math.floor(r / this.count) % this.coprimes.length;
    this.inc = this.coprimes[k]!;
    this.inv = this.inverses[k]!;
  }

  /** Where P `id` comes in the current enumeration (0 = first): i with pos + i·inc ≡ id (mod count). */
  rank(id: number): number {
    const n = this.count;
    let d = id - this.pos;
    if (d < 0) d += n;
    return (d * this.inv) % n;
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** The inverse of a modulo n (gcd(a, n) = 1), by the extended Euclidean algorithm: O(log n), not O(n). */
function inverse(a: number, n: number): number {
  if (n === 1) return 1;
  let [r0, r1] = [n, a % n];
  let [t0, t1] = [0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return ((t0 % n) + n) % n;
}
