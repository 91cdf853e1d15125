/**
 * Restarts a live reading holds back: one that names no exit may yet prove to be a process that
 * began beside others (go run and go test pass GODEBUG to the compilers and the linker), which
 * analyze decides from evidence that comes later (decideBeside) and makes one note per stream
 * (collapseBeside). Held as check holds them (BesideHold), but no longer than RESTART_HOLD_DUMPS
 * dumps of the stream, so that a service's restart is not told minutes late.
 */
import { BesideHold, type HeldRun } from '../findings/beside-hold.js';
import { besideNote, isBesideRestart } from '../findings/checks/restart.js';
import type { Finding, FindingOf } from '../findings/finding.js';
import type { BesideRuns } from '../trace/snapshot.js';

/**
 * How long a restart that names no exit is held, in dumps of its stream. analyze waits for the
 * evidence up to BESIDE_RUNS runs; on the committed go run and go test logs it came at most 11
 * dumps after the restart closed.
 */
export const RESTART_HOLD_DUMPS = 24;

/** A restart's run as held: `at`, the stream's dump count when it was held. */
type HeldRestart = HeldRun & { at: number };

export class RestartHold {
  private readonly beside: BesideHold<HeldRestart>;
  /** Per stream, its dumps so far. */
  private readonly dumps = new Map<string, number>();
  /** Per stream, its restarts read as processes beside others: one note at the end, counting them. */
  private readonly notes = new Map<
    string,
    { first: FindingOf<'restart'>; last: FindingOf<'restart'>; count: number }
  >();

  /** `onFinding` gets each restart once it is decided, and the notes at finish(). */
  constructor(private readonly onFinding: (f: Finding) => void) {
    this.beside = new BesideHold<HeldRestart>((r) => this.released(r));
  }

  /** Runs of a stream began beside a process that went on (TraceAnalyzer's onBeside). */
  evidence(e: BesideRuns): void {
    this.beside.evidence(e);
  }

  /** A closed restart that names no exit (undecidedRestart). */
  hold(f: FindingOf<'restart'>): void {
    this.beside.closed({ stream: f.stream, run: f.run, findings: [f], at: this.dumps.get(f.stream) ?? 0 });
  }

  /** A dump of `stream`: the restarts held RESTART_HOLD_DUMPS of its dumps go on as they are. */
  dump(stream: string): void {
    const dumps = (this.dumps.get(stream) ?? 0) + 1;
    this.dumps.set(stream, dumps);
    this.beside.releaseWhile(stream, (r) => dumps - r.at >= RESTART_HOLD_DUMPS);
  }

  /** The stream ended: what it holds goes on as it is. */
  release(stream: string): void {
    this.beside.end(stream);
    this.dumps.delete(stream);
  }

  /** End of input: what is held goes on, then each stream's note. */
  finish(): void {
    this.beside.end();
    for (const { first, last, count } of this.notes.values())
      this.onFinding(count === 1 ? first : besideNote(first, last, count));
    this.notes.clear();
  }

  private released(r: HeldRestart): void {
    for (const f of r.findings) {
      if (!isBesideRestart(f)) {
        this.onFinding(f);
        continue;
      }
      const note = this.notes.get(f.stream);
      if (note === undefined) this.notes.set(f.stream, { first: f, last: f, count: 1 });
      else {
        note.last = f;
        note.count++;
      }
    }
  }
}
