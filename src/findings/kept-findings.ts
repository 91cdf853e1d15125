import type { BesideRuns } from '../trace/snapshot.js';
import { noteLoops } from './loops.js';
import { collapseBeside, decideBeside } from './checks/restart.js';
import type { Finding, FindingKind } from './finding.js';
import { headline, rankFindings } from './rank.js';

/** Findings kept over the whole trace; beyond this they are counted by kind in `omitted`. */
export const MAX_FINDINGS = 5000;

/** A kind and how many of its findings, in the order the kinds first came. */
export type KindCount = [FindingKind, number];

/** The trace-wide findings: the first MAX_FINDINGS in the order runs close, the rest counted by kind. */
export interface KeptFindingsResult {
  /** Every kept finding, ranked by consequence. */
  findings: Finding[];
  /** The finding the trace's story starts with; null when the trace is unremarkable. */
  headline: Finding | null;
  /** Episodes counted but not kept (beyond MAX_EPISODES_PER_KIND per run and kind, or MAX_FINDINGS). */
  omitted: Partial<Record<FindingKind, number>>;
}

/**
 * The one cap on findings over a trace, fed run by run as runs close. Parts of a trace analysed
 * apart (the parallel analyze) feed it their runs in input order and get the same result, down to
 * the key order of `omitted`.
 */
export class KeptFindings {
  private readonly kept: Finding[] = [];
  private readonly omitted: Partial<Record<FindingKind, number>> = {};
  /** Runs that began beside a process that went on (Snapshot.beside): their restarts are read again at the end. */
  private readonly beside: BesideRuns[] = [];

  /** Findings kept so far, before ranking (in the order runs closed). */
  get size(): number {
    return this.kept.length;
  }

  /**
   * One closed run: its findings (`candidates`, in the run's order), then its findings known to be
   * over the cap already (`over`, counted by kind), then the episodes its runner did not keep.
   */
  addRun(
    candidates: readonly Finding[],
    over: readonly KindCount[],
    runnerOmitted: Partial<Record<FindingKind, number>>,
  ): void {
    for (const f of candidates) {
      if (this.kept.length < MAX_FINDINGS) this.kept.push(f);
      else this.omit(f.kind, 1);
    }
    for (const [k, n] of over) this.omit(k, n);
    // In key order, as Object.entries gives them, with no array per run.
    for (const k in runnerOmitted) this.omit(k as FindingKind, runnerOmitted[k as FindingKind]!);
  }

  /**
   * Runs of a stream began while a process that printed into it before them went on (Snapshot.beside):
   * their restarts are read again at the end. At most MAX_FINDINGS are kept, as many as findings.
   */
  noteBeside(e: BesideRuns): void {
    if (this.beside.length < MAX_FINDINGS) this.beside.push(e);
  }

  private omit(kind: FindingKind, n: number): void {
    this.omitted[kind] = (this.omitted[kind] ?? 0) + n;
  }

  result(): KeptFindingsResult {
    const findings = rankFindings(noteLoops(collapseBeside(decideBeside(this.kept, this.beside)), this.omitted));
    return { findings, headline: headline(findings), omitted: this.omitted };
  }
}
