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

/** What a rule reports for one point; episodes of the same kind and P are merged by the analyzer. */
export type RuleHit = Omit<Finding, 'stream' | 'run' | 'tMs' | 'tEndMs' | 'line'> & { kind: FindingKind };

/**
 * A rule over consecutive timeline points. Rules keep at most O(GOMAXPROCS) state, so a run of any
 * length is analysed in constant memory.
 */
export interface Rule {
  kind: FindingKind;
  check(ctx: RuleContext): RuleHit[];
}

export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
