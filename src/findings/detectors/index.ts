import type { RunTimeline, TimelinePoint } from '../../trace/timeline.js';
import type { Finding } from '../finding.js';
import type { DetectorDef, RuleHit } from './detector.js';
import { injectionBurst } from './injection-burst.js';
import { invariantViolation } from './invariant-violation.js';
import { modelDivergence } from './model-divergence.js';
import { overflowSignature } from './overflow-signature.js';
import { starvation } from './starvation.js';
import { stealingStalled } from './stealing-stalled.js';
import { syscallThreadStorm } from './syscall-thread-storm.js';

export { invariantViolations } from './invariant-violation.js';
export { OVERFLOW_GS } from './overflow-signature.js';

/** The model-based detectors of replay and check, most severe first. */
export const detectors: readonly DetectorDef[] = [
  invariantViolation,
  modelDivergence,
  overflowSignature,
  injectionBurst,
  stealingStalled,
  starvation,
  syscallThreadStorm,
];

/** Findings kept per kind and run. */
export const MAX_DETECTOR_FINDINGS = 200;

/**
 * Model-based findings of one run. Hits of a merging kind on consecutive points (same P) become one
 * finding whose time range covers them.
 */
export function detectRun(timeline: RunTimeline): Finding[] {
  const { stream, run } = timeline;
  const live = detectors.map((d) => ({ def: d, det: d.create() }));
  const out: Finding[] = [];
  const counts = new Map<string, number>();
  const open = new Map<string, { f: Finding; last: number }>();
  const keep = (f: Finding) => {
    const n = counts.get(f.kind) ?? 0;
    counts.set(f.kind, n + 1);
    if (n < MAX_DETECTOR_FINDINGS) out.push(f);
  };
  let prev: TimelinePoint | undefined;
  timeline.points.forEach((cur, index) => {
    for (const { def, det } of live) {
      for (const hit of det.check({ stream, run, prev, cur, index })) {
        const key = `${hit.kind}/${hit.p ?? ''}`;
        const ep = def.merge ? open.get(key) : undefined;
        if (ep !== undefined && ep.last === index - 1) {
          ep.last = index;
          ep.f.tEndMs = cur.tMs;
          ep.f.evidence.snapshots = (ep.f.evidence.snapshots as number) + 1;
          ep.f.evidence.lastLine = cur.line;
          continue;
        }
        const f = toFinding(hit, stream, run, cur);
        if (def.merge) {
          if (ep !== undefined) keep(ep.f);
          open.set(key, { f, last: index });
        } else keep(f);
      }
    }
    for (const [key, ep] of open) {
      if (ep.last < index) {
        open.delete(key);
        keep(ep.f);
      }
    }
    prev = cur;
  });
  for (const ep of open.values()) keep(ep.f);
  return out.sort((a, b) => a.line - b.line);
}

function toFinding(hit: RuleHit, stream: string, run: number, cur: TimelinePoint): Finding {
  return {
    ...hit,
    stream,
    run,
    tMs: cur.tMs,
    tEndMs: cur.tMs,
    line: cur.line,
    evidence: { ...hit.evidence, snapshots: 1 },
  };
}
