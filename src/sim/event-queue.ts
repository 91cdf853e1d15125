/**
 * Binary min-heap of events keyed by (time, priority, sequence), stored in parallel typed arrays
 * so pushing and popping allocate nothing once the arrays have grown. The sequence number makes
 * same-time, same-priority events pop in FIFO order (as in SimPy's heap key).
 */
export class EventQueue {
  private time = new Float64Array(1024);
  /** priority * 2^40 + sequence: one comparison orders both. */
  private order = new Float64Array(1024);
  private kind = new Int32Array(1024);
  private arg = new Int32Array(1024);
  private n = 0;
  private nextSeq = 0;

  get size(): number {
    return this.n;
  }

  /** Adds an event; returns its sequence number (unique, increasing). Priority: lower runs first, 0..255. */
  push(time: number, priority: number, kind: number, arg: number): number {
    if (this.n === this.time.length) this.grow();
    const seq = this.nextSeq++;
    const ord = priority * 1_099_511_627_776 + seq;
    // sift up
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = this.time[parent]!;
      if (pt < time || (pt === time && this.order[parent]! < ord)) break;
      this.move(parent, i);
      i = parent;
    }
    this.time[i] = time;
    this.order[i] = ord;
    this.kind[i] = kind;
    this.arg[i] = arg;
    return seq;
  }

  peekTime(): number {
    return this.n === 0 ? Infinity : this.time[0]!;
  }

  /** Removes the first event; its fields are then readable through the popped* getters. */
  pop(): boolean {
    if (this.n === 0) return false;
    this.poppedTime = this.time[0]!;
    this.poppedSeq = this.order[0]! % 1_099_511_627_776;
    this.poppedKind = this.kind[0]!;
    this.poppedArg = this.arg[0]!;
    const last = --this.n;
    if (last === 0) return true;
    const t = this.time[last]!;
    const o = this.order[last]!;
    const k = this.kind[last]!;
    const a = this.arg[last]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (
        r < last &&
        (this.time[r]! < this.time[c]! || (this.time[r] === this.time[c] && this.order[r]! < this.order[c]!))
      )
        c = r;
      const ct = this.time[c]!;
      if (t < ct || (t === ct && o < this.order[c]!)) break;
      this.move(c, i);
      i = c;
    }
    this.time[i] = t;
    this.order[i] = o;
    this.kind[i] = k;
    this.arg[i] = a;
    return true;
  }

  poppedTime = 0;
  poppedSeq = 0;
  poppedKind = 0;
  poppedArg = 0;

  clear(): void {
    this.n = 0;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from]!;
    this.order[to] = this.order[from]!;
    this.kind[to] = this.kind[from]!;
    this.arg[to] = this.arg[from]!;
  }

  private grow(): void {
    const len = this.time.length * 2;
    const t = new Float64Array(len);
    t.set(this.time);
    this.time = t;
    const o = new Float64Array(len);
    o.set(this.order);
    this.order = o;
    const k = new Int32Array(len);
    k.set(this.kind);
    this.kind = k;
    const a = new Int32Array(len);
    a.set(this.arg);
    this.arg = a;
  }
}
