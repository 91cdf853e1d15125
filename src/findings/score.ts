/**
 * Scoring findings against labels written from a program's design (samples/labelled/*.labels.json):
 * per kind, a finding is a true positive when a label of its kind (and run) overlaps its time range,
 * and a label is recalled when some finding of its kind overlaps it. Headline: the top-ranked
 * finding's kind must be the labelled one (null: the run must be reported as unremarkable).
 */
import { findingKinds, type Finding, type FindingKind } from './finding.js';

export interface Label {
  kind: FindingKind;
  /** Run within the log (default 0). */
  run?: number;
  fromMs: number;
  toMs: number;
}

export interface LogLabels {
  expect: Label[];
  headline: FindingKind | null;
  /**
   * Set where a label was changed after the log was first scored: what it was and why the design
   * had it wrong. Not read by scoring; the labelled corpus's README marks such logs.
   */
  corrected?: { after: string; was: { expect: Label[]; headline: FindingKind | null }; why: string };
}

export interface KindCounts {
  /** Findings that overlap a label of their kind. */
  truePositives: number;
  /** Findings of this kind that overlap no label. */
  falsePositives: number;
  /** Labels some finding overlaps. */
  recalled: number;
  labels: number;
}

export interface LogScore {
  kinds: Partial<Record<FindingKind, KindCounts>>;
  headline: FindingKind | null;
  headlineRight: boolean;
  /** Findings that matched no label: what a reader would be misled by. */
  unexpected: { kind: FindingKind; run: number; tMs: number | null; confidence: string }[];
}

/**
 * A sidecar's labels, checked: every kind, and the headline, must be a finding kind (the headline may
 * be null, an unremarkable run). A misspelt kind, such as "none" for null, would otherwise only score
 * as a miss.
 */
export function parseLabels(raw: unknown, source: string): LogLabels {
  const isKind = (k: unknown): k is FindingKind => (findingKinds as readonly unknown[]).includes(k);
  const labels = raw as LogLabels;
  const bad = [...(labels?.expect ?? []).map((l) => l.kind), labels?.headline].filter((k) => k !== null && !isKind(k));
  if (!Array.isArray(labels?.expect) || labels.headline === undefined || bad.length > 0) {
    throw new Error(
      `${source}: labels need "expect" (a list) and "headline" (a finding kind or null)${bad.length > 0 ? `; not a finding kind: ${bad.map((k) => JSON.stringify(k)).join(', ')}` : ''}`,
    );
  }
  return labels;
}

/** Slack on label edges, for dumps sampled a period apart. */
const SLACK_MS = 100;

function overlaps(f: Finding, l: Label): boolean {
  if (f.kind !== l.kind || f.run !== (l.run ?? 0)) return false;
  const a = f.tMs ?? 0;
  const b = f.tEndMs ?? a;
  return a <= l.toMs + SLACK_MS && b >= l.fromMs - SLACK_MS;
}

export function scoreLog(labels: LogLabels, findings: readonly Finding[], headline: Finding | null): LogScore {
  const kinds: Partial<Record<FindingKind, KindCounts>> = {};
  const counts = (k: FindingKind) => (kinds[k] ??= { truePositives: 0, falsePositives: 0, recalled: 0, labels: 0 });
  const unexpected: LogScore['unexpected'] = [];
  for (const f of findings) {
    const c = counts(f.kind);
    if (labels.expect.some((l) => overlaps(f, l))) c.truePositives++;
    else {
      c.falsePositives++;
      unexpected.push({ kind: f.kind, run: f.run, tMs: f.tMs, confidence: f.confidence });
    }
  }
  for (const l of labels.expect) {
    const c = counts(l.kind);
    c.labels++;
    if (findings.some((f) => overlaps(f, l))) c.recalled++;
  }
  const got = headline?.kind ?? null;
  return { kinds, headline: got, headlineRight: got === labels.headline, unexpected };
}

export interface KindTotals extends KindCounts {
  /** TP / (TP + FP); null when the kind was never reported. */
  precision: number | null;
  /** recalled / labels; null when no log is labelled with the kind. */
  recall: number | null;
}

export function totals(scores: readonly LogScore[]): {
  kinds: Partial<Record<FindingKind, KindTotals>>;
  headlines: { right: number; logs: number };
} {
  const kinds: Partial<Record<FindingKind, KindTotals>> = {};
  for (const k of findingKinds) {
    const t = { truePositives: 0, falsePositives: 0, recalled: 0, labels: 0 };
    for (const s of scores) {
      const c = s.kinds[k];
      if (c === undefined) continue;
      t.truePositives += c.truePositives;
      t.falsePositives += c.falsePositives;
      t.recalled += c.recalled;
      t.labels += c.labels;
    }
    if (t.truePositives + t.falsePositives + t.labels === 0) continue;
    const reported = t.truePositives + t.falsePositives;
    kinds[k] = {
      ...t,
      precision: reported === 0 ? null : Math.round((t.truePositives / reported) * 1000) / 1000,
      recall: t.labels === 0 ? null : Math.round((t.recalled / t.labels) * 1000) / 1000,
    };
  }
  return { kinds, headlines: { right: scores.filter((s) => s.headlineRight).length, logs: scores.length } };
}
