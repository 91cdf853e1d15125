/**
 * Run queues, holding G slot numbers.
 * - LocalRunQueue: a P's 256-slot ring with uint32 head/tail counters (runtime2.go p.runq,
 *   runqhead, runqtail) plus the one-G `runnext` slot.
 * - GlobalRunQueue: sched.runq, an unbounded FIFO that can also be pushed at the head
 *   (globrunqputhead, used by p.destroy).
 */
import { LOCAL_RUNQ_CAPACITY } from '../trace/runtime-constants.js';

export const RUNQ_SIZE = LOCAL_RUNQ_CAPACITY;
const NONE = -1;

/** Gs queued on all the Ps of one model (rings + runnext), so stealing can stop early when there are none. */
export interface QueuedCounter {
  /** Gs in rings and runnext slots. */
  n: number;
  /** Gs in rings only. */
  ring: number;
  /** Bit i set when P i's queue (ring or runnext) is not empty: stealing visits only those Ps. */
  nonEmpty?: Uint32Array;
}

/** A counter for `ps` Ps. */
export function queuedCounter(ps: number): Required<QueuedCounter> {
  return { n: 0, ring: 0, nonEmpty: new Uint32Array((ps + 31) >> 5) };
}

export class LocalRunQueue {
  readonly ring = new Int32Array(RUNQ_SIZE);
  /** uint32 counters, as in the runtime: length = (tail - head) mod 2^32. */
  head = 0;
  tail = 0;
  /** runnext; read-only outside (use the runnext setter). */
  next = NONE;
  private readonly word: number;
  private readonly bit: number;
  private readonly mask: Uint32Array | undefined;

  constructor(
    private readonly counter: QueuedCounter = { n: 0, ring: 0 },
    id = 0,
  ) {
    this.word = id >> 5;
    this.bit = 1 << (id & 31);
    this.mask = counter.nonEmpty !== undefined && this.word < counter.nonEmpty.length ? counter.nonEmpty : undefined;
  }

  get runnext(): number {
    return this.next;
  }
  set runnext(g: number) {
    this.counter.n += (g !== NONE ? 1 : 0) - (this.next !== NONE ? 1 : 0);
    this.next = g;
    this.mark();
  }

  /** Keeps this queue's bit in counter.nonEmpty current. */
  private mark(): void {
    const m = this.mask;
    if (m === undefined) return;
    if (this.head === this.tail && this.next === NONE) m[this.word]! &= ~this.bit;
    else m[this.word]! |= this.bit;
  }

  /** Ring length, excluding runnext (what schedtrace prints). */
  get length(): number {
    return (this.tail - this.head) >>> 0;
  }
  get empty(): boolean {
    return this.head === this.tail && this.next === NONE;
  }

  /** Appends to the ring; the caller checks there is room. */
  pushTail(g: number): void {
    this.ring[this.tail % RUNQ_SIZE] = g;
    this.tail = (this.tail + 1) >>> 0;
    this.counter.n++;
    this.counter.ring++;
    this.mark();
  }
  popHead(): number {
    if (this.head === this.tail) return NONE;
    const g = this.ring[this.head % RUNQ_SIZE]!;
    this.head = (this.head + 1) >>> 0;
    this.counter.n--;
    this.counter.ring--;
    this.mark();
    return g;
  }
  popTail(): number {
    if (this.head === this.tail) return NONE;
    this.tail = (this.tail - 1) >>> 0;
    this.counter.n--;
    this.counter.ring--;
    this.mark();
    return this.ring[this.tail % RUNQ_SIZE]!;
  }
  clear(): void {
    this.counter.n -= this.length;
    this.counter.ring -= this.length;
    this.head = this.tail = 0;
    this.runnext = NONE;
  }
}

export class GlobalRunQueue {
  private buf = new Int32Array(1024);
  private head = 0;
  private n = 0;

  get size(): number {
    return this.n;
  }
  pushTail(g: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[(this.head + this.n) & (this.buf.length - 1)] = g;
    this.n++;
  }
  pushHead(g: number): void {
    if (this.n === this.buf.length) this.grow();
    this.head = (this.head - 1) & (this.buf.length - 1);
    this.buf[this.head] = g;
    this.n++;
  }
  popHead(): number {
    if (this.n === 0) return NONE;
    const g = this.buf[this.head]!;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.n--;
    return g;
  }
  clear(): void {
    this.head = 0;
    this.n = 0;
  }
  private grow(): void {
    const next = new Int32Array(this.buf.length * 2);
    for (let i = 0; i < this.n; i++) next[i] = this.buf[(this.head + i) & (this.buf.length - 1)]!;
    this.buf = next;
    this.head = 0;
  }
}
