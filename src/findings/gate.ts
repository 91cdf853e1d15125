/**
 * The CI gate of `gosched check`: which findings fail, per stream, run and kind. One function decides,
 * so the exit code, JUnit, annotations and the Markdown summary cannot disagree.
 */
import { findingKinds, formerKinds, type Finding, type FindingKind } from './finding.js';
import { defaultFailKinds } from './finding-info.js';
import { streamLabel } from '../trace/stream-label.js';

export interface GateOptions {
  /** Kinds that fail the gate; defaults to the kinds whose info says failsByDefault. */
  failOn?: readonly FindingKind[];
  /** Fail a run (and the gate) when its one-step skill is below this. */
  minSkill?: number;
}

export interface RunCheck {
  stream: string;
  run: number;
  firstLine: number;
  lastLine: number;
  /** The run's findings (one engine: src/findings/checks). */
  findings: Finding[];
  /** One-step skill of the replay; null when persistence is exact (no change to predict). */
  skill?: number | null;
  /** The replay's one-step errors behind the skill (goroutines misplaced per interval). */
  fidelity?: { intervals: number; maeModel: number; maePersistence: number };
}

export interface KindVerdict {
  kind: FindingKind;
  findings: Finding[];
  failed: boolean;
}

export interface RunVerdict extends RunCheck {
  kinds: KindVerdict[];
  /** Set when minSkill was given: whether the run's skill reached it. */
  skillFailed?: boolean;
  failed: boolean;
}

export interface GateResult {
  failOn: FindingKind[];
  minSkill?: number;
  runs: RunVerdict[];
  failed: boolean;
  /** Findings that fail the gate, over all runs. */
  failing: number;
  total: number;
}

/** The totals of a gate over all runs: what the last line, the exit code and the summaries say. */
export interface GateTotals {
  failOn: FindingKind[];
  minSkill?: number;
  failed: boolean;
  /** Findings that fail the gate, over all runs. */
  failing: number;
  total: number;
  runs: number;
  failedRuns: number;
  /** Runs whose one-step skill fell below minSkill. */
  skillFailedRuns: number;
}

/**
 * The gate over runs handed in one at a time: each run's verdict as it comes, totals at the end.
 * It keeps nothing per run, so `check` on a log of any number of runs holds one run's findings.
 */
export class GateTally {
  readonly failOn: FindingKind[];
  private readonly failSet: ReadonlySet<FindingKind>;
  private failing = 0;
  private total = 0;
  private runs = 0;
  private failedRuns = 0;
  private skillFailedRuns = 0;

  constructor(private readonly options: GateOptions = {}) {
    this.failOn = [...(options.failOn ?? defaultFailKinds)];
    this.failSet = new Set(this.failOn);
  }

  verdict(r: RunCheck): RunVerdict {
    const kinds = findingKinds.map((kind): KindVerdict => {
      const findings = r.findings.filter((f) => f.kind === kind);
      const failed = this.failSet.has(kind) && findings.length > 0;
      if (failed) this.failing += findings.length;
      this.total += findings.length;
      return { kind, findings, failed };
    });
    const v: RunVerdict = { ...r, kinds, failed: kinds.some((k) => k.failed) };
    if (this.options.minSkill !== undefined) {
      // A run with nothing to predict (skill null) cannot fall short of a skill floor.
      v.skillFailed = r.skill !== undefined && r.skill !== null && r.skill < this.options.minSkill;
      if (v.skillFailed) {
        v.failed = true;
        this.skillFailedRuns++;
      }
    }
    this.runs++;
    if (v.failed) this.failedRuns++;
    return v;
  }

  totals(): GateTotals {
    const t: GateTotals = {
      failOn: this.failOn,
      failed: this.failedRuns > 0,
      failing: this.failing,
      total: this.total,
      runs: this.runs,
      failedRuns: this.failedRuns,
      skillFailedRuns: this.skillFailedRuns,
    };
    if (this.options.minSkill !== undefined) t.minSkill = this.options.minSkill;
    return t;
  }
}

export function evaluateGate(runs: readonly RunCheck[], options: GateOptions = {}): GateResult {
  const tally = new GateTally(options);
  const verdicts = runs.map((r) => tally.verdict(r));
  const { failOn, minSkill, failed, failing, total } = tally.totals();
  const result: GateResult = { failOn, runs: verdicts, failed, failing, total };
  if (minSkill !== undefined) result.minSkill = minSkill;
  return result;
}

/** The totals of a gate already evaluated in memory. */
export function gateTotals(gate: GateResult): GateTotals {
  const t: GateTotals = {
    failOn: gate.failOn,
    failed: gate.failed,
    failing: gate.failing,
    total: gate.total,
    runs: gate.runs.length,
    failedRuns: gate.runs.filter((r) => r.failed).length,
    skillFailedRuns: gate.runs.filter((r) => r.skillFailed === true).length,
  };
  if (gate.minSkill !== undefined) t.minSkill = gate.minSkill;
  return t;
}

/** Parses `--fail-on a,b` (or `none`); unknown kinds are returned separately so the CLI can reject them. */
export function parseKindList(text: string): {
  kinds: FindingKind[];
  unknown: string[];
  noneMixed: boolean;
  /** No name at all (an empty or blank value, commas only): not the same as `none`. */
  empty: boolean;
} {
  const kinds: FindingKind[] = [];
  const unknown: string[] = [];
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  // `none` clears the list: beside kinds it would drop them without a word.
  const noneMixed = parts.includes('none') && parts.length > 1;
  for (const part of parts) {
    if (part === 'none') continue;
    if (part === 'all') kinds.push(...findingKinds);
    else if ((findingKinds as readonly string[]).includes(part)) kinds.push(part as FindingKind);
    else if (formerKinds[part] !== undefined) kinds.push(formerKinds[part]);
    else unknown.push(part);
  }
  return { kinds: [...new Set(kinds)], unknown, noneMixed, empty: parts.length === 0 };
}

export function runLabel(r: { stream: string; run: number }): string {
  return `${streamLabel(r.stream)} run ${r.run}`;
}
