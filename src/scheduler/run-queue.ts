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
/** An anonymous queue entry (runtime/sched.ts SEEDED). */
export const SEEDED = -2;

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

const NO_RING = new Int32Array(0);

export class LocalRunQueue {
  /** Allocated at the first push: a model with 100 000 idle Ps does not hold 100 000 rings. */
  ring = NO_RING;
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
    if (this.ring === NO_RING) this.ring = new Int32Array(RUNQ_SIZE);
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

/**
 * sched.runq. It may also hold a block of `seeded` anonymous entries (a replay's observed count, which
 * can be 2^32 - 1): they sit after the first `seededAt` entries of the buffer and pop as SEEDED.
 */
export class GlobalRunQueue {
  private buf = new Int32Array(1024);
  private head = 0;
  private n = 0;
  private seeded = 0;
  private seededAt = 0;

  get size(): number {
    return this.n + this.seeded;
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
    if (this.seeded > 0) this.seededAt++;
  }
  /** Appends `count` anonymous entries (popped as SEEDED) at the tail. */
  pushSeeded(count: number): void {
    if (count <= 0) return;
    if (this.seeded > 0 && this.seededAt !== this.n) throw new RangeError('seeded entries must be contiguous');
    if (this.seeded === 0) this.seededAt = this.n;
    this.seeded += count;
  }
  popHead(): number {
    if (this.seeded !== 0) {
      if (this.seededAt === 0) {
        this.seeded--;
        return SEEDED;
      }
      this.seededAt--;
    }
    if (this.n === 0) return NONE;
    const g = this.buf[this.head]!;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.n--;
    return g;
  }
  clear(): void {
    this.head = 0;
    this.n = 0;
    this.seeded = 0;
    this.seededAt = 0;
  }
  private grow(): void {
    const next = new Int32Array(this.buf.length * 2);
    for (let i = 0; i < this.n; i++) next[i] = this.buf[(this.head + i) & (this.buf.length - 1)]!;
    this.buf = next;
    this.head = 0;
  }
}
