/**
 * The one typed list of finding kinds and the Finding type. Each kind has a page in
 * docs/findings/<kind>.md and one check in checks/. Evidence is typed per kind (evidence.ts).
 */
import type { Severity } from '../messages.js';
import type { EvidenceOf } from './evidence.js';

export const findingKinds = [
  'saturation',
  'gc-pressure',
  'idle-with-work',
  'thread-growth',
  'local-overflow',
  'injection-burst',
  'lock-contention',
  'goroutine-leak',
  'imbalance',
  'gomaxprocs-change',
  'restart',
  'crash-dump',
  'gc-stop',
  'model-divergence',
  'invariant-violation',
] as const;

export type FindingKind = (typeof findingKinds)[number];

/**
 * Kinds of earlier releases, now reported under one kind each (one runtime event, one finding):
 * accepted by --fail-on so existing CI settings keep working.
 */
export const formerKinds: Readonly<Record<string, FindingKind>> = {
  'overflow-signature': 'local-overflow',
  'syscall-thread-storm': 'thread-growth',
  'stealing-stalled': 'idle-with-work',
  'global-queue-growth': 'injection-burst',
  starvation: 'saturation',
};

/** What a check rests on: exact runtime arithmetic, a guarantee of the runtime, a tuned threshold, or the model. */
export type Basis = 'arithmetic' | 'invariant' | 'threshold' | 'model';

/**
 * How sure the claim is. Dumps are samples: what happened between two of them is inferred.
 * certain: the numbers admit no other explanation; likely: consistent, but not the only reading;
 * possible: one reading among several.
 */
export type Confidence = 'certain' | 'likely' | 'possible';

/** The consecutive hits one finding stands for. */
export interface EpisodeInfo {
  /** Dumps the episode spans that showed it (including those a check needed before it was sure). */
  hits: number;
  /** Ps involved (sorted), when the check names Ps. */
  ps: number[];
  /** Goroutines moved between queues over the episode, when the check counts them. */
  moved: number;
}

/** A run's episodes of one kind, for each of them (recurrence.ts). */
export interface Recurrence {
  /** Episodes of the kind in the run, those counted past the cap included. */
  episodes: number;
  /** Of those, the kept ones, whose times the rest of this describes. */
  timed: number;
  /** Start of the first and end of the last (ms since the run's first dump). */
  fromMs: number;
  toMs: number;
  /** Time inside at least one of them. */
  coveredMs: number;
  /** The median gap between starts, when every gap is within a quarter of it; else null. */
  everyMs: number | null;
}

interface FindingCommon {
  severity: Severity;
  stream: string;
  run: number;
  /** Start of the time range (ms since the run's first dump); null when the log has no times. */
  tMs: number | null;
  /** End of the time range; equal to tMs for a point finding. */
  tEndMs: number | null;
  /** 1-based input line of the first dump that shows it. */
  line: number;
  /** 1-based input line of the last dump that shows it. */
  lastLine: number;
  /** The P it concerns, when the evidence pins it on one. */
  p?: number;
  basis: Basis;
  confidence: Confidence;
  /** Why that confidence: exact arithmetic, consistent but not unique, a single dump, ... */
  confidenceReason: string;
  episode: EpisodeInfo;
  /**
   * Consequence for ranking: about how many milliseconds of every P's time the episode cost (idle or
   * GC time) or how much queueing it added per goroutine; crashes and restarts rank above any.
   */
  impact: number;
  /**
   * Set at the run's end when the episode was the process's start-up transient (markStartupGc): the
   * run's length (ms) and the share of the Ps' time over it the episode took (percent). Such a
   * finding ranks as a note and is never the headline.
   */
  startup?: { runMs: number; runSharePercent: number };
  /** Set when the run had RECURRENCE_MIN_EPISODES or more episodes of this kind (recurrence.ts). */
  recurrence?: Recurrence;
  /** What happened, in the runtime's terms, with the certainty in the words. */
  explanation: string;
  /** What to do about it. */
  suggestion?: string;
}

export type FindingOf<K extends FindingKind> = FindingCommon & { kind: K; evidence: EvidenceOf<K> };

/** A finding: discriminated by kind, so evidence is typed per kind. */
export type Finding = { [K in FindingKind]: FindingOf<K> }[FindingKind];

export function isFindingKind(s: string): s is FindingKind {
  return (findingKinds as readonly string[]).includes(s);
}
