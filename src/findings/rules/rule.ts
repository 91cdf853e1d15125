import type { TimelinePoint } from '../../trace/timeline.js';
import type { Finding, FindingKind } from '../finding.js';

/** Where a rule is looking: the run and the two latest points (prev is undefined at the run's start). */
export interface RuleContext {
  stream: string;
  run: number;
  prev: TimelinePoint | undefined;
  cur: TimelinePoint;
  /** Points seen in this run so far, including cur. */
  index: number;
}

/** What a rule saw at one point; episodes of the same kind and P are merged by the analyzer. */
export interface RuleHit {
  p?: number;
  evidence: Finding['evidence'];
}

/**
 * A rule over consecutive timeline points. Rules keep at most O(GOMAXPROCS) state, so a run of any
 * length is analysed in constant memory. Words are only put together (explain) for the first point
 * of an episode, because check runs on every point of multi-gigabyte logs.
 */
export interface Rule {
  kind: FindingKind;
  severity: Finding['severity'];
  check(ctx: RuleContext): RuleHit | null;
  /** Evidence keys whose largest value over an episode is kept (as peak<Key>). */
  peaks?: readonly string[];
  explain(hit: RuleHit): { explanation: string; suggestion: string };
}

export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
