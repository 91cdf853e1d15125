import { type BesideRuns, MAX_PROCESS_LANES } from '../trace/snapshot.js';
import { BESIDE_RUNS, decideBeside, showsInterleaving, undecidedRestart } from './checks/restart.js';
import type { Finding } from './finding.js';

/** A closed run as a caller judging runs one by one holds it. */
export interface HeldRun {
  stream: string;
  run: number;
  findings: Finding[];
}

/**
 * Runs judged as they close (check) whose restart may yet prove to be a process that began beside
 * another that went on (decideBeside): each is held until evidence covers it or BESIDE_RUNS more
 * runs of its stream closed, then handed on with its findings decided as the whole trace's are.
 * At most BESIDE_RUNS runs per stream are held.
 */
export class BesideHold<T extends HeldRun> {
  private readonly held = new Map<string, T[]>();
  /** Per stream, the evidence that came while its latest run was open (`to` is that run). */
  private readonly recent = new Map<string, BesideRuns[]>();

  constructor(private readonly release: (run: T) => void) {}

  /** Runs of a stream began beside a process that went on (TraceAnalyzer's onBeside). */
  evidence(e: BesideRuns): void {
    this.cover(e);
    const recent = this.recent.get(e.stream);
    if (recent === undefined) this.recent.set(e.stream, [e]);
    else if (recent.length < 2 * MAX_PROCESS_LANES) recent.push(e);
  }

  /** A run closed (runs of a stream close in order): released now, or held. */
  closed(r: T): void {
    let recent = this.recent.get(r.stream);
    if (recent !== undefined) {
      recent = recent.filter((e) => e.to >= r.run);
      if (recent.length === 0) this.recent.delete(r.stream);
      else this.recent.set(r.stream, recent);
    }
    if (r.findings.some(undecidedRestart)) {
      // A run that began mid-clock is evidence for the runs before it too.
      for (const f of r.findings)
        if (showsInterleaving(f)) this.cover({ stream: r.stream, from: r.run - BESIDE_RUNS, to: r.run });
      r.findings = decideBeside(r.findings, recent ?? []);
    }
    const held = this.held.get(r.stream);
    // Evidence for these can only come while a later run is open: too late past BESIDE_RUNS.
    while (held !== undefined && held.length > 0 && held[0]!.run <= r.run - BESIDE_RUNS) this.release(held.shift()!);
    if (!r.findings.some(undecidedRestart)) {
      this.release(r);
      return;
    }
    if (held === undefined) this.held.set(r.stream, [r]);
    else held.push(r);
  }

  /** Releases, as they are, the oldest held runs of `stream` while `due` says so (a live reader that waits no longer). */
  releaseWhile(stream: string, due: (r: T) => boolean): void {
    const held = this.held.get(stream);
    if (held === undefined) return;
    while (held.length > 0 && due(held[0]!)) this.release(held.shift()!);
    if (held.length === 0) this.held.delete(stream);
  }

  /** The stream ended (undefined: every stream): what is held is released as it is. */
  end(stream?: string): void {
    for (const [s, held] of this.held) {
      if (stream !== undefined && s !== stream) continue;
      for (const r of held) this.release(r);
      this.held.delete(s);
      this.recent.delete(s);
    }
  }

  private cover(e: BesideRuns): void {
    const held = this.held.get(e.stream);
    if (held === undefined) return;
    const kept = held.filter((r) => {
      const decided = decideBeside(r.findings, [e]);
      if (!decided.some((f, i) => f !== r.findings[i])) return true;
      r.findings = decided;
      if (decided.some(undecidedRestart)) return true;
      this.release(r);
      return false;
    });
    if (kept.length === 0) this.held.delete(e.stream);
    else this.held.set(e.stream, kept);
  }
}
