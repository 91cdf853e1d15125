/**
 * Min-heap of events keyed by (time, priority, sequence). The heap holds event slots (Int32Array);
 * each slot's time, order key, kind and argument sit in typed arrays, so sifting moves one integer
 * per level and pushing and popping allocate nothing once the arrays have grown. The sequence number
 * makes same-time, same-priority events pop in FIFO order (as in SimPy's heap key); the key is
 * unique, so the pop order does not depend on the heap's shape.
 *
 * A pop leaves a hole at the root until the next push or pop: most handlers schedule an event soon
 * after now, which then takes the root's place and sifts down a level or two, where filling the hole
 * with the last leaf (usually a late event) sifts it down to the bottom and the new event then sifts
 * up most of the way.
 */
const SEQ_SPAN = 1_099_511_627_776; // 2^40

export class EventQueue {
  private heap = new Int32Array(1024);
  private time = new Float64Array(1024);
  /** priority * 2^40 + sequence: one comparison orders both. */
  private order = new Float64Array(1024);
  /** The sequence number alone (a float modulo per pop to get it from `order` costs more). */
  private seq = new Float64Array(1024);
  private kind = new Int32Array(1024);
  private arg = new Int32Array(1024);
  /** Free slots (popped events' slots are reused). */
  private free = new Int32Array(1024);
  private nfree = 0;
  private nslots = 0;
  private n = 0;
  private nextSeq = 0;
  /** heap[0] is the popped event's old place, not an event (n still counts it). */
  private hole = false;

  get size(): number {
    return this.hole ? this.n - 1 : this.n;
  }

  /** Adds an event; returns its sequence number (unique, increasing). Priority: lower runs first, 0..255. */
  push(time: number, priority: number, kind: number, arg: number): number {
    let slot: number;
    if (this.nfree > 0) slot = this.free[--this.nfree]!;
    else {
      if (this.nslots === this.time.length) this.grow();
      slot = this.nslots++;
    }
    const seq = this.nextSeq++;
    const ord = priority * SEQ_SPAN + seq;
    this.time[slot] = time;
    this.order[slot] = ord;
    this.seq[slot] = seq;
    this.kind[slot] = kind;
    this.arg[slot] = arg;
    if (this.hole) {
      this.hole = false;
      this.siftDown(slot, time, ord, this.n);
      return seq;
    }
    const heap = this.heap;
    const times = this.time;
    // sift up
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const ps = heap[parent]!;
      const pt = times[ps]!;
      if (pt < time || (pt === time && this.order[ps]! < ord)) break;
      heap[i] = ps;
      i = parent;
    }
    heap[i] = slot;
    return seq;
  }

  peekTime(): number {
    if (this.hole) this.fillHole();
    return this.n === 0 ? Infinity : this.time[this.heap[0]!]!;
  }

  /** Removes the first event; its fields are then readable through the popped* getters. */
  pop(): boolean {
    return this.popUntil(Infinity);
  }

  /** pop, if the first event's time is <= until (false, nothing removed, otherwise). */
  popUntil(until: number): boolean {
    if (this.hole) this.fillHole();
    if (this.n === 0) return false;
    const top = this.heap[0]!;
    const topTime = this.time[top]!;
    if (topTime > until) return false;
    this.poppedTime = topTime;
    this.poppedSeq = this.seq[top]!;
    this.poppedKind = this.kind[top]!;
    this.poppedArg = this.arg[top]!;
    this.free[this.nfree++] = top;
    this.hole = true;
    return true;
  }

  /** The last leaf takes the hole's place. */
  private fillHole(): void {
    this.hole = false;
    const last = --this.n;
    if (last === 0) return;
    const ls = this.heap[last]!;
    this.siftDown(ls, this.time[ls]!, this.order[ls]!, last);
  }

  /** Puts `slot` (time t, order key o) at the root of the first n heap places and sifts it down. */
  private siftDown(slot: number, t: number, o: number, n: number): void {
    const heap = this.heap;
    const times = this.time;
    const order = this.order;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let cs = heap[c]!;
      let ct = times[cs]!;
      const r = c + 1;
      if (r < n) {
        const rs = heap[r]!;
        const rt = times[rs]!;
        if (rt < ct || (rt === ct && order[rs]! < order[cs]!)) {
          c = r;
          cs = rs;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && o < order[cs]!)) break;
      heap[i] = cs;
      i = c;
    }
    heap[i] = slot;
  }

  poppedTime = 0;
  poppedSeq = 0;
  poppedKind = 0;
  poppedArg = 0;

  clear(): void {
    this.n = 0;
    this.hole = false;
    this.nfree = 0;
    this.nslots = 0;
  }

  private grow(): void {
    const len = this.time.length * 2;
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(len);
      b.set(a);
      return b;
    };
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(len);
      b.set(a);
      return b;
    };
    this.heap = i32(this.heap);
    this.time = f64(this.time);
    this.order = f64(this.order);
    this.seq = f64(this.seq);
    this.kind = i32(this.kind);
    this.arg = i32(this.arg);
    this.free = i32(this.free);
  }
}
