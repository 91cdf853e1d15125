/**
 * A Go-agnostic discrete-event kernel: a clock, an event heap ordered by (time, priority,
 * sequence) and one dispatch function from event kind to handler (a switch in the model: a single
 * call site V8 can inline, no closure per event). An event carries one integer argument.
 *
 * Cancelling is left to the model: a handler can compare `currentSeq` with the sequence number it
 * remembered when scheduling and ignore stale events.
 */
import { EventQueue } from './event-queue.js';

/** Handles one event: `kind` in [0, kinds), `arg` as scheduled. */
export type EventDispatcher = (kind: number, arg: number) => void;

export class Kernel {
  private readonly queue = new EventQueue();
  /**
   * The clock (read-only outside the kernel): a field, not a getter, so that every read is a load
   * even where the caller is not inlined (a getter's float result would be boxed).
   */
  now = 0;
  private processed = 0;
  /** Sequence number of the event being handled. */
  currentSeq = -1;

  private dispatch: EventDispatcher;

  /**
   * `kinds`: how many event kinds `dispatch` handles (0 .. kinds-1). A model whose dispatch needs the
   * kernel (to schedule) passes it with `dispatchTo` before running.
   */
  constructor(
    private readonly kinds: number,
    dispatch?: EventDispatcher,
  ) {
    this.dispatch = dispatch ?? (() => {});
  }

  /** Sets the one dispatch function (before the first event runs). */
  dispatchTo(dispatch: EventDispatcher): void {
    this.dispatch = dispatch;
  }

  /** Events handled so far. */
  get events(): number {
    return this.processed;
  }
  get pending(): number {
    return this.queue.size;
  }

  /** Schedules `kind(arg)` at absolute time `at` (>= now); returns the event's sequence number. */
  at(at: number, kind: number, arg = 0, priority = 1): number {
    if (!(at >= this.now)) throw new RangeError(`cannot schedule at ${at}, before now (${this.now})`);
    if (!(kind >= 0 && kind < this.kinds)) throw new RangeError(`no handler for event kind ${kind}`);
    return this.queue.push(at, priority, kind, arg);
  }

  /** Schedules `kind(arg)` after `delay` (>= 0). */
  after(delay: number, kind: number, arg = 0, priority = 1): number {
    return this.at(this.now + delay, kind, arg, priority);
  }

  /** Time of the next event, or Infinity when none is pending. */
  peek(): number {
    return this.queue.peekTime();
  }

  /** Handles the next event; false when there was none. */
  step(): boolean {
    const q = this.queue;
    if (!q.pop()) return false;
    this.now = q.poppedTime;
    this.currentSeq = q.poppedSeq;
    this.processed++;
    this.dispatch(q.poppedKind, q.poppedArg);
    return true;
  }

  /** Drops every pending event: the simulated process has exited (a crash). */
  stop(): void {
    this.queue.clear();
  }

  /** Handles every event with time <= `until`, then sets the clock to `until`. */
  runUntil(until: number): void {
    if (until < this.now) throw new RangeError(`cannot run until ${until}, before now (${this.now})`);
    const q = this.queue;
    const dispatch = this.dispatch;
    while (q.popUntil(until)) {
      this.now = q.poppedTime;
      this.currentSeq = q.poppedSeq;
      this.processed++;
      dispatch(q.poppedKind, q.poppedArg);
    }
    this.now = until;
  }
}
