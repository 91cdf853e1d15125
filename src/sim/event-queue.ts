/**
 * Min-heap of events keyed by (time, priority, sequence). The heap holds event slots (Int32Array);
 * each slot's time, order key, kind and argument sit in typed arrays, so sifting moves one integer
 * per level and pushing and popping allocate nothing once the arrays have grown. The sequence number
 * makes same-time, same-priority events pop in FIFO order (as in SimPy's heap key); the key is
 * unique, so the pop order does not depend on the heap's shape.
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

  get size(): number {
    return this.n;
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
    return this.n === 0 ? Infinity : this.time[this.heap[0]!]!;
  }

  /** Removes the first event; its fields are then readable through the popped* getters. */
  pop(): boolean {
    return this.popUntil(Infinity);
  }

  /** pop, if the first event's time is <= until (false, nothing removed, otherwise). */
  popUntil(until: number): boolean {
    if (this.n === 0) return false;
    const heap = this.heap;
    const times = this.time;
    const order = this.order;
    const top = heap[0]!;
    const topTime = times[top]!;
    if (topTime > until) return false;
    this.poppedTime = topTime;
    this.poppedSeq = this.seq[top]!;
    this.poppedKind = this.kind[top]!;
    this.poppedArg = this.arg[top]!;
    this.free[this.nfree++] = top;
    const last = --this.n;
    if (last === 0) return true;
    const ls = heap[last]!;
    const t = times[ls]!;
    const o = order[ls]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      let cs = heap[c]!;
      let ct = times[cs]!;
      const r = c + 1;
      if (r < last) {
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
    heap[i] = ls;
    return true;
  }

  poppedTime = 0;
  poppedSeq = 0;
  poppedKind = 0;
  poppedArg = 0;

  clear(): void {
    this.n = 0;
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
