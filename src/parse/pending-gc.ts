import { addGcCycle, type GcCycle, type GcSample } from '../trace/gc-sample.js';

/** Where the cycles a stream's parser read go when they are not the next dump's. */
export interface GcCycleHandlers {
  /** Keep each cycle's phases (GcSample.phases): false where no consumer places GC cycles. */
  keepPhases(): boolean;
  /** Cycles that belong to the run before the next dump (a restart, or the end of input); `line` is the last one's. */
  trail(gc: GcSample, line: number): void;
  /** Cycles `from` to `to` were not read: the last read was on input line `lastLine`, the next on `line`. */
  gap(from: number, to: number, lastLine: number, line: number): void;
}

/**
 * The gctrace cycles a stream's parser reads between two dumps. gcMarkTermination prints a cycle's
 * line as the cycle ends, so the cycles since a dump are the next dump's (Snapshot.gc), unless the
 * process restarted in between: a new process numbers its cycles from 1 again (memstats.numgc), so
 * a number not above the last kept one, or a restart whose cycles go on from the old run's, hands
 * them to the run that printed them.
 */
export class PendingGc {
  /** Cycles read since the last dump, summed. */
  private sample: GcSample | undefined = undefined;
  /** The input line of the last of them. */
  private line = 0;
  /** The number of the last cycle a dump of the open run took (0: none yet). */
  private runLastCycle = 0;
  /** The last cycle read in the stream and its line, for the cycles missing after it (gctrace-gap). */
  private lastRead = 0;
  private lastReadLine = 0;

  constructor(private readonly handlers: GcCycleHandlers) {}

  /** Whether cycles wait for the next dump. */
  get pending(): boolean {
    return this.sample !== undefined;
  }

  /**
   * A gctrace line's cycle, kept for the next dump. A number not above the last kept one is a new
   * process's (cycles are numbered from 1 in each): the ones before it trail the run that printed them.
   */
  add(cycle: GcCycle, line: number): void {
    if (this.sample !== undefined && cycle.cycle <= this.sample.lastCycle) this.trail();
    this.sample = addGcCycle(this.sample, cycle, this.handlers.keepPhases());
    this.line = line;
  }

  /**
   * Every gctrace line read, kept or only counted. gcMarkTermination prints memstats.numgc, one more
   * each cycle: a jump means lines not read (gctrace-gap). A number not above the last is a new
   * process's, counting from 1 again. `interleaved`: processes print side by side, and their
   * numberings interleave too.
   */
  noteNumber(cycle: number, line: number, interleaved: boolean): void {
    if (this.lastRead > 0 && cycle > this.lastRead + 1 && !interleaved)
      this.handlers.gap(this.lastRead + 1, cycle - 1, this.lastReadLine, line);
    this.lastRead = cycle;
    this.lastReadLine = line;
  }

  /** The cycles for a dump of the open run, which took them (none: undefined). */
  takeForDump(): GcSample | undefined {
    const gc = this.sample;
    if (gc === undefined) return undefined;
    this.runLastCycle = gc.lastCycle;
    this.sample = undefined;
    return gc;
  }

  /** The cycles, for a dump that may be another process's: the open run's last cycle stays as it was. */
  takeAside(): GcSample | undefined {
    const gc = this.sample;
    this.sample = undefined;
    return gc;
  }

  /** Cycles taken aside, back (none were read since). */
  putBack(gc: GcSample | undefined): void {
    this.sample = gc;
  }

  /** Hands the cycles read since the run's last dump to that run (trail), if any. */
  trail(): void {
    const gc = this.sample;
    if (gc === undefined) return;
    this.sample = undefined;
    this.handlers.trail(gc, this.line);
  }

  /**
   * At a restart's first dump (the last dump at `lastT`), the cycles read since the last dump: the
   * old run's when their numbers go on from the ones its dumps took, the new process's (printed
   * before its first dump, which they stay for) when they start again. When the old run's dumps took
   * none, a first cycle that started in the old run's second half is the old process's: a new
   * process's starts near 0 ms. Then a new run begins, numbering from 1: no gap is read across runs.
   */
  restart(lastT: number): void {
    const gc = this.sample;
    if (gc !== undefined) {
      const old = this.runLastCycle > 0 ? gc.firstCycle > this.runLastCycle : 2 * gc.firstAtMs >= lastT;
      if (old) this.trail();
    }
    this.runLastCycle = 0;
    this.lastRead = 0;
  }
}
