/**
 * Goroutines that piled up parked and were readied again, read from scheddetail dumps: a wait
 * reason's count (G lines with status=4 and that reason) rising in new high after new high, then
 * falling back by more than half the rise before the run's last dump. Every goroutine parked with a
 * channel, select, Cond or WaitGroup reason runs again only when another goroutine readies it
 * (goready from chansend, chanrecv, closechan, Cond.Signal, WaitGroup.Done) or, for a receive or a
 * select, when a timer's channel fires (time.sendTime sends on it), so a count that fell back was
 * readied: no leak (goroutine-leak drops such an episode), but each of them waited on the goroutine
 * that readied it (a consumer slower than its producers, a dependency that slowed down) or on a timer.
 * The scheduler looks unremarkable through it, its run queues empty, which is why the run's summary
 * keeps the largest one for the words that would otherwise call the run unremarkable.
 */

/**
 * Whether another goroutine's action ends a wait with this reason (runtime2.go's waitReason strings):
 * a channel, a select, the sync package's waits (Cond, WaitGroup, Mutex and RWMutex, which Unlock
 * readies), semacquire. A receive or a select on a timer's channel ends when the timer fires too
 * (time.sendTime), with no other goroutine. IO wait (netpoll), sleep (its own timer) and the
 * runtime's own waits (GC, finalizers) are left out.
 */
export function readiedByOthers(reason: string): boolean {
  return (
    reason.startsWith('chan ') || reason.startsWith('select') || reason.startsWith('sync.') || reason === 'semacquire'
  );
}

/** readiedByOthers of each reason asked about: a log prints a few dozen reasons, over and over. */
const readiedCache = new Map<string, boolean>();

function readiedOrCached(reason: string): boolean {
  let yes = readiedCache.get(reason);
  if (yes === undefined) {
    yes = readiedByOthers(reason);
    // Reasons are the runtime's strings; a damaged log could print any number of others.
    if (readiedCache.size < 1024) readiedCache.set(reason, yes);
  }
  return yes;
}

/**
 * Reasons followed in one run at most: the runtime has a few dozen, and a damaged log that prints
 * endless other texts after `chan ` or `sync.` must not grow a run's state without bound.
 */
const MAX_REASONS = 64;

/**
 * New highs of one reason's count before a rise is a pile-up: one fewer than the goroutine-leak
 * rule's streak (LEAK_NEW_HIGHS), which stands behind a claim where this only names what the dumps
 * showed. Three reads rising in a row are a rise of two periods or more, which a start-up's pool or
 * burst (one or two steps) is not; at dumps a second apart, a 2 s slowdown's pile-up is three (the
 * blind round novel22: 0, 4, 503, 995, then back to 3).
 */
export const PILE_UP_NEW_HIGHS = 3;
/** Fewest goroutines a pile-up must have grown by; the goroutine-leak rule's (LEAK_MIN_GROWTH) is this. */
export const PILE_UP_MIN_GROWTH = 64;

/** The largest drained pile-up of a run: a reason's count from its low to its peak, and at the last dump. */
export interface PileUp {
  reason: string;
  /** The lowest count before the rise, and when it was read. */
  from: number;
  fromMs: number | null;
  peak: number;
  peakMs: number | null;
  /** Input line of the dump at the peak. */
  peakLine: number;
  /** New highs on the way up. */
  highs: number;
  /** The count at the run's last scheddetail dump, and when. */
  last: number;
  lastMs: number | null;
}

/** Goroutines a pile-up grew by, from its low to its peak. */
export function riseOf(p: Pick<PileUp, 'from' | 'peak'>): number {
  return p.peak - p.from;
}

/** One reason's count over the dumps, and its largest rise so far. */
class ReasonCount {
  low: number;
  lowMs: number | null;
  peak: number;
  peakMs: number | null;
  peakLine: number;
  highs = 0;
  /** The largest rise of PILE_UP_NEW_HIGHS new highs or more, or null. */
  best: Omit<PileUp, 'reason' | 'last' | 'lastMs'> | null = null;
  last: number;
  /** The dump that last read this reason (the others read it as 0). */
  seen = 0;

  constructor(first: number, tMs: number | null, line: number) {
    this.low = this.peak = this.last = first;
    this.lowMs = this.peakMs = tMs;
    this.peakLine = line;
  }

  read(n: number, tMs: number | null, line: number): void {
    this.last = n;
    if (n < this.low) {
      // A new low starts the next rise from here.
      this.low = this.peak = n;
      this.lowMs = this.peakMs = tMs;
      this.peakLine = line;
      this.highs = 0;
      return;
    }
    if (n <= this.peak) return;
    this.peak = n;
    this.peakMs = tMs;
    this.peakLine = line;
    this.highs++;
    if (this.highs >= PILE_UP_NEW_HIGHS && (this.best === null || n - this.low > riseOf(this.best)))
      this.best = { from: this.low, fromMs: this.lowMs, peak: n, peakMs: tMs, peakLine: line, highs: this.highs };
  }
}

/** The wait reasons' counts of one run's scheddetail dumps; reused from run to run (clear). */
export class PileUps {
  private readonly reasons = new Map<string, ReasonCount>();
  /** The same counts in the order first seen: walked at every dump, without a Map iterator. */
  private readonly counts: ReasonCount[] = [];
  private dumps = 0;
  private lastMs: number | null = null;
  private lastLine = 0;

  clear(): void {
    this.reasons.clear();
    this.counts.length = 0;
    this.dumps = 0;
    this.lastMs = null;
    this.lastLine = 0;
  }

  /** A scheddetail dump's waiting goroutines by reason (TimelinePoint.gByReason). */
  add(byReason: Readonly<Record<string, number>>, tMs: number | null, line: number): void {
    const dump = ++this.dumps;
    for (const reason in byReason) {
      let r = this.reasons.get(reason);
      if (r === undefined) {
        if (!readiedOrCached(reason) || this.counts.length >= MAX_REASONS) continue;
        // A reason first seen after the first dump had no goroutine waiting at the dump before.
        r = dump === 1 ? new ReasonCount(byReason[reason]!, tMs, line) : new ReasonCount(0, this.lastMs, this.lastLine);
        this.reasons.set(reason, r);
        this.counts.push(r);
      }
      if (dump > 1) r.read(byReason[reason]!, tMs, line);
      r.seen = dump;
    }
    this.lastMs = tMs;
    this.lastLine = line;
    // A reason the dump does not print has no goroutine waiting with it.
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) if (counts[i]!.seen !== dump) counts[i]!.read(0, tMs, line);
  }

  /**
   * The largest rise that fell back by more than half of it by the last dump (PileUp), or undefined:
   * a count still up at the end is the goroutine-leak rule's to judge.
   */
  drained(): PileUp | undefined {
    let out: PileUp | undefined;
    for (const [reason, r] of this.reasons) {
      const b = r.best;
      if (b === null || riseOf(b) < PILE_UP_MIN_GROWTH || r.last - b.from > riseOf(b) / 2) continue;
      if (out === undefined || riseOf(b) > riseOf(out)) out = { reason, ...b, last: r.last, lastMs: this.lastMs };
    }
    return out;
  }
}
