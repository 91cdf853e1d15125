/** The last `capacity` numbers pushed, oldest first: a fixed ring, so following a log for days keeps memory flat. */
export class RollingWindow {
  private readonly buf: Float64Array;
  private start = 0;
  private n = 0;

  constructor(readonly capacity: number) {
    this.buf = new Float64Array(capacity);
  }

  push(x: number): void {
    if (this.n < this.capacity) {
      this.buf[(this.start + this.n) % this.capacity] = x;
      this.n++;
    } else {
      this.buf[this.start] = x;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  get length(): number {
    return this.n;
  }

  /** The values, oldest first. */
  values(): number[] {
    const out = new Array<number>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.buf[(this.start + i) % this.capacity]!;
    return out;
  }

  last(): number | undefined {
    return this.n === 0 ? undefined : this.buf[(this.start + this.n - 1) % this.capacity];
  }

  max(): number {
    let m = 0;
    for (let i = 0; i < this.n; i++) m = Math.max(m, this.buf[(this.start + i) % this.capacity]!);
    return m;
  }
}

/** Keeps the last `capacity` items, oldest first (recent findings of the live view). */
export class RecentItems<T> {
  private items: T[] = [];

  constructor(readonly capacity: number) {}

  push(x: T): void {
    this.items.push(x);
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
  }

  values(): readonly T[] {
    return this.items;
  }
}
