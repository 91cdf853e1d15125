/**
 * runtime.randomOrder (proc.go): stealWork enumerates all Ps starting at a random position with a
 * random stride coprime to GOMAXPROCS, so every P is visited exactly once per round.
 */
export class StealOrder {
  count = 0;
  coprimes: number[] = [];

  /** randomOrder.reset, called by procresize. */
  reset(count: number): void {
    this.count = count;
    this.coprimes = [];
    for (let i = 1; i <= count; i++) if (gcd(i, count) === 1) this.coprimes.push(i);
  }

  /** Start position and stride of one enumeration, from a random uint32 (randomOrder.start); read pos and inc after. */
  pos = 0;
  inc = 1;
  start(r: number): void {
    this.pos = r % this.count;
    this.inc = this.coprimes[Math.floor(r / this.count) % this.coprimes.length]!;
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
