/**
 * A Go-agnostic discrete-event kernel: a clock, an event heap ordered by (time, priority,
 * sequence) and a dispatch table from event kind to handler. Models register one handler per
 * kind (no closure per event); an event carries one integer argument.
 *
 * Cancelling is left to the model: a handler can compare `currentSeq` with the sequence number it
 * remembered when scheduling and ignore stale events.
 */
import { EventQueue } from './event-queue.js';

export type EventHandler = (arg: number) => void;
/** One function for every kind (a switch in the model): a single call site V8 can inline. */
export type EventDispatcher = (kind: number, arg: number) => void;

export class Kernel {
  private readonly queue = new EventQueue();
  private readonly handlers: EventHandler[] = [];
  private dispatcher: EventDispatcher | null = null;
  private clock = 0;
  private processed = 0;
  /** Sequence number of the event being handled. */
  currentSeq = -1;

  get now(): number {
    return this.clock;
  }
  /** Events handled so far. */
  get events(): number {
    return this.processed;
  }
  get pending(): number {
    return this.queue.size;
  }

  /** Registers the handler of an event kind (a small integer). */
  on(kind: number, handler: EventHandler): void {
    this.handlers[kind] = handler;
  }

  /** Routes every kind registered with `on` through `dispatch` instead of the per-kind handlers. */
  dispatchAll(dispatch: EventDispatcher): void {
    this.dispatcher = dispatch;
  }

  /** Schedules `kind(arg)` at absolute time `at` (>= now); returns the event's sequence number. */
  at(at: number, kind: number, arg = 0, priority = 1): number {
    if (!(at >= this.clock)) throw new RangeError(`cannot schedule at ${at}, before now (${this.clock})`);
    if (this.handlers[kind] === undefined) throw new RangeError(`no handler for event kind ${kind}`);
    return this.queue.push(at, priority, kind, arg);
  }

  /** Schedules `kind(arg)` after `delay` (>= 0). */
  after(delay: number, kind: number, arg = 0, priority = 1): number {
    return this.at(this.clock + delay, kind, arg, priority);
  }

  /** Time of the next event, or Infinity when none is pending. */
  peek(): number {
    return this.queue.peekTime();
  }

  /** Handles the next event; false when there was none. */
  step(): boolean {
    const q = this.queue;
    if (!q.pop()) return false;
    this.clock = q.poppedTime;
    this.currentSeq = q.poppedSeq;
    this.processed++;
    if (this.dispatcher !== null) this.dispatcher(q.poppedKind, q.poppedArg);
    else this.handlers[q.poppedKind]!(q.poppedArg);
    return true;
  }

  /** Drops every pending event: the simulated process has exited (a crash). */
  stop(): void {
    this.queue.clear();
  }

  /** Handles every event with time <= `until`, then sets the clock to `until`. */
  runUntil(until: number): void {
    if (until < this.clock) throw new RangeError(`cannot run until ${until}, before now (${this.clock})`);
    const q = this.queue;
    const handlers = this.handlers;
    const dispatch = this.dispatcher;
    while (q.size > 0 && q.peekTime() <= until) {
      q.pop();
      this.clock = q.poppedTime;
      this.currentSeq = q.poppedSeq;
      this.processed++;
      if (dispatch !== null) dispatch(q.poppedKind, q.poppedArg);
      else handlers[q.poppedKind]!(q.poppedArg);
    }
    this.clock = until;
  }
}
