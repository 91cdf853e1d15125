/**
 * The one typed list of finding kinds. Each kind has a page in docs/findings/<kind>.md.
 * Rule-based kinds come from `analyze`; model-based kinds from replay/diff.
 */
import type { Severity } from '../messages.js';

export const findingKinds = [
  // rule-based (analyze)
  'local-overflow',
  'global-queue-growth',
  'idle-with-work',
  'imbalance',
  'thread-growth',
  'gomaxprocs-change',
  'restart',
  'gc-stop',
  'crash-dump',
  // model-based (replay / diff / check)
  'overflow-signature',
  'model-divergence',
  'invariant-violation',
  'injection-burst',
  'stealing-stalled',
  'starvation',
  'syscall-thread-storm',
] as const;

export type FindingKind = (typeof findingKinds)[number];

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  stream: string;
  run: number;
  /** Start of the time range (ms since the run's first dump); null when the log has no times. */
  tMs: number | null;
  /** End of the time range; equal to tMs for a point finding. */
  tEndMs: number | null;
  /** 1-based input line of the snapshot that shows it. */
  line: number;
  /** The P it concerns, when one applies. */
  p?: number;
  /** The numbers the finding rests on. */
  evidence: Record<string, number | string | boolean | number[]>;
  /** One sentence: what happened, in the runtime's terms. */
  explanation: string;
  /** What to do about it. */
  suggestion?: string;
}

export function isFindingKind(s: string): s is FindingKind {
  return (findingKinds as readonly string[]).includes(s);
}
