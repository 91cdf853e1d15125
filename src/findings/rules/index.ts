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

const peakNames = new Map<string, string>();

/** `peak<Key>`: the evidence key holding the largest value of `k` over an episode (cached: asked once per point). */
function peakName(k: string): string {
  let name = peakNames.get(k);
  if (name === undefined) {
    name = `peak${k[0]!.toUpperCase()}${k.slice(1)}`;
    peakNames.set(k, name);
  }
  return name;
}

interface Episode {
  rule: Rule;
  finding: Finding;
  hit: RuleHit;
  lastIndex: number;
}

/**
 * Streams the points of one run through every rule. Consecutive points that trigger the same kind
 * (on the same P) merge into one finding whose time range covers them.
 */
export class RunAnalyzer {
  private prev: TimelinePoint | undefined;
  private index = 0;
  private readonly open = new Map<number, Episode>();
  private readonly kept: Finding[] = [];
  private readonly stored = new Map<FindingKind, number>();
  readonly omitted: Partial<Record<FindingKind, number>> = {};

  constructor(
    readonly stream: string,
    readonly run: number,
  ) {}

  push(cur: TimelinePoint): void {
    const ctx = { stream: this.stream, run: this.run, prev: this.prev, cur, index: this.index };
    for (let r = 0; r < rules.length; r++) {
      const hit = rules[r]!.check(ctx);
      if (hit !== null) this.record(r, hit, cur);
    }
    if (this.open.size > 0) {
      for (const [key, ep] of this.open) {
        if (ep.lastIndex < this.index) {
          this.open.delete(key);
          this.keep(ep);
        }
      }
    }
    this.prev = cur;
    this.index++;
  }

  /** Closes open episodes and returns the run's findings, most severe first, then by time. */
  finish(): Finding[] {
    for (const ep of this.open.values()) this.keep(ep);
    this.open.clear();
    return rankFindings(this.kept);
  }

  private record(r: number, hit: RuleHit, cur: TimelinePoint): void {
    const rule = rules[r]!;
    const key = r * 0x10000 + (hit.p ?? 0xffff);
    const ep = this.open.get(key);
    if (ep !== undefined && ep.lastIndex === this.index - 1) {
      ep.lastIndex = this.index;
      const f = ep.finding;
      f.tEndMs = cur.tMs;
      f.evidence.snapshots = (f.evidence.snapshots as number) + 1;
      f.evidence.lastLine = cur.line;
      const peaks = rule.peaks;
      if (peaks !== undefined) {
        for (let i = 0; i < peaks.length; i++) {
          const k = peaks[i]!;
          const peakKey = peakName(k);
          f.evidence[peakKey] = Math.max(Number(f.evidence[peakKey]), Number(hit.evidence[k]));
        }
      }
      return;
    }
    const evidence: Finding['evidence'] = { ...hit.evidence, snapshots: 1 };
    for (const k of rule.peaks ?? []) evidence[peakName(k)] = Number(hit.evidence[k]);
    const finding: Finding = {
      kind: rule.kind,
      severity: rule.severity,
      stream: this.stream,
      run: this.run,
      tMs: cur.tMs,
      tEndMs: cur.tMs,
      line: cur.line,
      evidence,
      explanation: '',
    };
    if (hit.p !== undefined) finding.p = hit.p;
    if (ep !== undefined) this.keep(ep);
    this.open.set(key, { rule, finding, hit, lastIndex: this.index });
  }

  /** Words are put together once, when the episode is over and its evidence final. */
  private keep(ep: Episode): void {
    const f = ep.finding;
    const n = this.stored.get(f.kind) ?? 0;
    if (n >= MAX_FINDINGS_PER_KIND) {
      this.omitted[f.kind] = (this.omitted[f.kind] ?? 0) + 1;
      return;
    }
    this.stored.set(f.kind, n + 1);
    const words = ep.rule.explain({ ...ep.hit, evidence: f.evidence });
    f.explanation = words.explanation;
    f.suggestion = words.suggestion;
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
