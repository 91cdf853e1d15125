import type { Finding } from '../finding.js';
import type { RuleContext } from '../rules/rule.js';

export { sum } from '../rules/rule.js';

/** Where a detector is looking: the same context as the rules of `analyze`. */
export type { RuleContext } from '../rules/rule.js';

/** What a detector reports for one point; the runner adds stream, run, time and line. */
export type RuleHit = Omit<Finding, 'stream' | 'run' | 'tMs' | 'tEndMs' | 'line'>;

/**
 * A model-based detector over consecutive timeline points. Unlike the stateless rules of `analyze`,
 * a detector may remember a few numbers per run (episodes), so a fresh one is made for every run.
 */
export interface Detector {
  check(ctx: RuleContext): RuleHit[];
}

export interface DetectorDef {
  kind: RuleHit['kind'];
  /** Whether hits of this kind on consecutive points merge into one finding with a time range. */
  merge: boolean;
  create(): Detector;
}

/** Schedticks advanced per P over the interval, when every P printed them and the P count held. */
export function tickDeltas(ctx: RuleContext): number[] | undefined {
  const d = ctx.cur.schedtickDelta;
  if (d === undefined || ctx.prev === undefined || d.length !== ctx.cur.gomaxprocs) return undefined;
  return d;
}

export function intervalMs(ctx: RuleContext): number | null {
  if (ctx.prev === undefined || ctx.prev.tMs === null || ctx.cur.tMs === null) return null;
  return ctx.cur.tMs - ctx.prev.tMs;
}
