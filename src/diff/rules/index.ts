import type { RunTimeline, TimelinePoint } from '../../trace/timeline.js';
import type { Finding, FindingKind } from '../finding.js';
import { crashDump } from './crash-dump.js';
import { gcStop } from './gc-stop.js';
import { globalQueueGrowth } from './global-queue-growth.js';
import { gomaxprocsChange } from './gomaxprocs-change.js';
import { idleWithWork } from './idle-with-work.js';
import { imbalance } from './imbalance.js';
import { localOverflow } from './local-overflow.js';
import { restart } from './restart.js';
import type { Rule, RuleHit } from './rule.js';
import { threadGrowth } from './thread-growth.js';

export { OVERFLOW_BATCH } from './local-overflow.js';
export { threadLimit } from './thread-growth.js';

/** The rules of `gosched analyze`, in the order their findings rank when equally severe. */
export const rules: readonly Rule[] = [
  crashDump,
  restart,
  localOverflow,
  idleWithWork,
  threadGrowth,
  globalQueueGrowth,
  imbalance,
  gomaxprocsChange,
  gcStop,
];

/** Findings kept per kind and run; more are counted, not stored, so memory stays bounded. */
export const MAX_FINDINGS_PER_KIND = 200;

interface Episode {
  finding: Finding;
  lastIndex: number;
}

/**
 * Streams the points of one run through every rule. Consecutive points that trigger the same kind
 * (on the same P) merge into one finding whose time range covers them.
 */
export class RunAnalyzer {
  private prev: TimelinePoint | undefined;
  private index = 0;
  private readonly open = new Map<string, Episode>();
  private readonly kept: Finding[] = [];
  private readonly stored = new Map<FindingKind, number>();
  readonly omitted: Partial<Record<FindingKind, number>> = {};

  constructor(
    readonly stream: string,
    readonly run: number,
  ) {}

  push(cur: TimelinePoint): void {
    const ctx = { stream: this.stream, run: this.run, prev: this.prev, cur, index: this.index };
    for (const rule of rules) for (const hit of rule.check(ctx)) this.record(hit, cur);
    for (const [key, ep] of this.open) {
      if (ep.lastIndex < this.index) {
        this.open.delete(key);
        this.keep(ep.finding);
      }
    }
    this.prev = cur;
    this.index++;
  }

  /** Closes open episodes and returns the run's findings, most severe first, then by time. */
  finish(): Finding[] {
    for (const ep of this.open.values()) this.keep(ep.finding);
    this.open.clear();
    return rankFindings(this.kept);
  }

  private record(hit: RuleHit, cur: TimelinePoint): void {
    const key = `${hit.kind}/${hit.p ?? ''}`;
    const ep = this.open.get(key);
    if (ep !== undefined && ep.lastIndex === this.index - 1) {
      ep.lastIndex = this.index;
      ep.finding.tEndMs = cur.tMs;
      ep.finding.evidence['snapshots'] = (ep.finding.evidence['snapshots'] as number) + 1;
      ep.finding.evidence['lastLine'] = cur.line;
      return;
    }
    const finding: Finding = {
      ...hit,
      stream: this.stream,
      run: this.run,
      tMs: cur.tMs,
      tEndMs: cur.tMs,
      line: cur.line,
      evidence: { ...hit.evidence, snapshots: 1 },
    };
    if (ep !== undefined) this.keep(ep.finding);
    this.open.set(key, { finding, lastIndex: this.index });
  }

  private keep(f: Finding): void {
    const n = this.stored.get(f.kind) ?? 0;
    if (n >= MAX_FINDINGS_PER_KIND) {
      this.omitted[f.kind] = (this.omitted[f.kind] ?? 0) + 1;
      return;
    }
    this.stored.set(f.kind, n + 1);
    this.kept.push(f);
  }
}

const severityRank = { error: 0, warning: 1, info: 2 } as const;
const kindRank = new Map(rules.map((r, i) => [r.kind, i]));

export function rankFindings(fs: Finding[]): Finding[] {
  return [...fs].sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      (kindRank.get(a.kind) ?? 99) - (kindRank.get(b.kind) ?? 99) ||
      a.line - b.line,
  );
}

/** Rule-based findings of one run (in memory). */
export function analyzeRun(timeline: RunTimeline): Finding[] {
  const a = new RunAnalyzer(timeline.stream, timeline.run);
  for (const pt of timeline.points) a.push(pt);
  return a.finish();
}
