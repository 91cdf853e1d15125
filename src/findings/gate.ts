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

export function evaluateGate(runs: readonly RunCheck[], options: GateOptions = {}): GateResult {
  const failOn = [...(options.failOn ?? defaultFailKinds)];
  const failSet = new Set<FindingKind>(failOn);
  let failing = 0;
  let total = 0;
  const verdicts = runs.map((r): RunVerdict => {
    const kinds = findingKinds.map((kind): KindVerdict => {
      const findings = r.findings.filter((f) => f.kind === kind);
      const failed = failSet.has(kind) && findings.length > 0;
      if (failed) failing += findings.length;
      total += findings.length;
      return { kind, findings, failed };
    });
    const v: RunVerdict = { ...r, kinds, failed: kinds.some((k) => k.failed) };
    if (options.minSkill !== undefined) {
      // A run with nothing to predict (skill null) cannot fall short of a skill floor.
      v.skillFailed = r.skill !== undefined && r.skill !== null && r.skill < options.minSkill;
      if (v.skillFailed) v.failed = true;
    }
    return v;
  });
  const result: GateResult = { failOn, runs: verdicts, failed: verdicts.some((v) => v.failed), failing, total };
  if (options.minSkill !== undefined) result.minSkill = options.minSkill;
  return result;
}

/** Parses `--fail-on a,b` (or `none`); unknown kinds are returned separately so the CLI can reject them. */
export function parseKindList(text: string): { kinds: FindingKind[]; unknown: string[] } {
  const kinds: FindingKind[] = [];
  const unknown: string[] = [];
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    if (part === 'none') continue;
    if (part === 'all') kinds.push(...findingKinds);
    else if ((findingKinds as readonly string[]).includes(part)) kinds.push(part as FindingKind);
    else if (formerKinds[part] !== undefined) kinds.push(formerKinds[part]);
    else unknown.push(part);
  }
  return { kinds: [...new Set(kinds)], unknown };
}

export function runLabel(r: { stream: string; run: number }): string {
  return `${streamLabel(r.stream)} run ${r.run}`;
}
