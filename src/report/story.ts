/**
 * The few plain sentences a report opens with, per stream and run: what the process was doing
 * (idle, busy, saturated, bursty), the headline finding as an episode with its numbers, and what
 * to do. Built from the run's summary (the figures `analyze` prints) and its findings.
 */
import type { Finding } from '../findings/finding.js';
import { consequence, headline, rankFindings, tierOf } from '../findings/rank.js';
import { backlogBurstWords } from '../findings/checks/saturation-words.js';
import { pileUpWords } from '../findings/checks/pile-up-words.js';
import type { Severity } from '../messages.js';
import type { RunSummary } from '../trace/run-summary.js';

/** Consecutive findings of one kind in one run, told as one event. */
export interface Episode {
  kind: Finding['kind'];
  severity: Severity;
  stream: string;
  run: number;
  /** Ps involved, ascending (empty when the kind concerns no P). */
  ps: number[];
  count: number;
  /** Time span in the findings' time (uptime ms), null when the log has no times. */
  tStartMs: number | null;
  tEndMs: number | null;
  firstLine: number;
  lastLine: number;
  /** Goroutines moved between queues (sum of the episodes' `moved`), null when none says. */
  moved: number | null;
  /** Consequence for ranking: the findings' summed `consequence` (impact weighted by confidence). */
  impact: number;
  /** The first finding's words (the rest say the same with other numbers). */
  explanation: string;
  suggestion?: string;
  findings: Finding[];
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Groups the engine's episodes (one Finding each) of a kind in a run for display: one joins the
 * kind's open group when it starts within `gapMs` of that group's end (or when neither has a time).
 */
export function groupEpisodes(findings: readonly Finding[], gapMs = 10_000): Episode[] {
  const sorted = [...findings].sort((a, b) => a.line - b.line);
  const open = new Map<string, Episode>();
  const out: Episode[] = [];
  for (const f of sorted) {
    const key = `${f.run}\u0000${f.stream}\u0000${f.kind}`;
    const ep = open.get(key);
    const t = f.tMs;
    const near =
      ep !== undefined &&
      (t === null || ep.tEndMs === null ? t === null && ep.tEndMs === null : t - ep.tEndMs <= gapMs);
    if (ep !== undefined && near) {
      ep.count++;
      ep.findings.push(f);
      for (const p of psOf(f)) if (!ep.ps.includes(p)) ep.ps.push(p);
      if (severityRank[f.severity] < severityRank[ep.severity]) ep.severity = f.severity;
      ep.tEndMs = f.tEndMs ?? f.tMs ?? ep.tEndMs;
      ep.lastLine = Math.max(ep.lastLine, f.lastLine);
      if (f.episode.moved > 0) ep.moved = (ep.moved ?? 0) + f.episode.moved;
      ep.impact += consequence(f);
      continue;
    }
    const next: Episode = {
      kind: f.kind,
      severity: f.severity,
      stream: f.stream,
      run: f.run,
      ps: psOf(f),
      count: 1,
      tStartMs: f.tMs,
      tEndMs: f.tEndMs ?? f.tMs,
      firstLine: f.line,
      lastLine: f.lastLine,
      moved: f.episode.moved > 0 ? f.episode.moved : null,
      impact: consequence(f),
      explanation: f.explanation,
      findings: [f],
    };
    if (f.suggestion !== undefined) next.suggestion = f.suggestion;
    open.set(key, next);
    out.push(next);
  }
  for (const ep of out) ep.ps.sort((a, b) => a - b);
  return out;
}

/** The Ps an episode involved: the engine's list, or its one P. */
function psOf(f: Finding): number[] {
  return f.episode.ps.length > 0 ? [...f.episode.ps] : f.p !== undefined ? [f.p] : [];
}

/** An episode's rank tier: its findings' best, as the engine ranks each (a sustained gc-stop is no note). */
function episodeTier(ep: Episode): number {
  let t = Number.POSITIVE_INFINITY;
  for (const f of ep.findings) t = Math.min(t, tierOf(f));
  return t;
}

/** Most important first, as the engine ranks findings: tier, consequence, then severity, episodes, earliest. */
export function rankEpisodes(episodes: readonly Episode[]): Episode[] {
  return [...episodes].sort(
    (a, b) =>
      episodeTier(a) - episodeTier(b) ||
      b.impact - a.impact ||
      severityRank[a.severity] - severityRank[b.severity] ||
      b.count - a.count ||
      a.firstLine - b.firstLine,
  );
}

export type Activity = 'idle' | 'busy' | 'saturated' | 'bursty';

/** What the process was doing, from how many Ps sat idle and how long the queues were. */
export function activityOf(s: RunSummary): Activity {
  const queued = Math.max(s.global.p50, s.local.p50);
  const peak = Math.max(s.global.p99, s.local.p99);
  if (s.idleShare >= 0.75 && peak <= 1) return 'idle';
  if (s.idleShare < 0.25 && queued > 0) return 'saturated';
  if (peak >= 8 && peak >= 4 * Math.max(1, queued)) return 'bursty';
  return 'busy';
}

export interface Story {
  activity: Activity | null;
  /** The sentences, in order: what it did, the headline episode, what to do. */
  sentences: string[];
  episodes: Episode[];
}

/** The story of one run; `summary` is null when only findings are known. */
export function tellStory(summary: RunSummary | null, findings: readonly Finding[]): Story {
  const episodes = rankEpisodes(groupEpisodes(findings));
  const sentences: string[] = [];
  let activity = summary === null || summary.snapshots === 0 ? null : activityOf(summary);
  // "Saturated" is saturation's claim (a backlog on busy Ps for 500 ms and more): without that
  // finding the run was busy, with waits the rule did not count as a sustained backlog.
  if (activity === 'saturated' && !findings.some((f) => f.kind === 'saturation')) activity = 'busy';
  if (summary !== null && activity !== null) sentences.push(describeActivity(summary, activity));
  // The episode that holds the run's headline finding, as analyze ranks it (one engine, one
  // headline), told with that finding's words: the episode's first finding may be a smaller one.
  const top = headline(rankFindings(findings));
  const head = top === null ? undefined : episodes.find((ep) => ep.findings.includes(top));
  if (head === undefined || top === null) {
    const bursts = summary === null ? '' : backlogBurstWords(summary.backlogDumps, summary.snapshots);
    sentences.push(
      episodes.length === 0
        ? bursts === ''
          ? 'No finding: nothing in this run crossed a rule threshold.'
          : `No finding: nothing in this run crossed a rule threshold, though ${bursts}.`
        : `Unremarkable: only notes (${[...new Set(episodes.map((ep) => ep.kind))].join(', ')}), nothing that costs throughput or latency.`,
    );
    if (summary?.pileUp !== undefined) sentences.push(`But ${pileUpWords(summary.pileUp)}.`);
  } else {
    sentences.push(describeEpisode(head, findings.length, top.explanation));
    const suggestion = top.suggestion ?? head.suggestion;
    if (suggestion !== undefined) sentences.push(`What to do: ${suggestion}`);
  }
  return { activity, sentences, episodes };
}

function describeActivity(s: RunSummary, a: Activity): string {
  const procs =
    s.gomaxprocsValues.length === 1 ? `${s.gomaxprocsValues[0]} Ps` : `${s.gomaxprocsValues.join(' → ')} Ps`;
  const idle = `${Math.round(s.idleShare * 100)}% of Ps idle on average`;
  const dumps = `${s.snapshots} dump${s.snapshots === 1 ? '' : 's'}`;
  switch (a) {
    case 'idle':
      return `Mostly idle: ${idle} (${procs}, ${dumps}), and almost nothing waited in a run queue (99th percentile ${Math.max(s.global.p99, s.local.p99)}).`;
    case 'saturated':
      return `Saturated: Ps busy almost all the time (${idle}, ${procs}) with goroutines waiting in most of the ${dumps} (median global queue ${s.global.p50}, per-P queue ${s.local.p50}; peaks ${s.global.max} and ${s.local.max}).`;
    case 'bursty':
      return `Bursty: queues burst to ${s.global.max} on the global queue and ${s.local.max} on one P, at least four times their medians (global ${s.global.p50}, per-P ${s.local.p50}) (${procs}, ${idle}, ${dumps}).`;
    default:
      return `Busy: ${idle} (${procs}, ${dumps}); median global queue ${s.global.p50} (99th percentile ${s.global.p99}), per-P ${s.local.p50} (99th percentile ${s.local.p99}).`;
  }
}

/**
 * "local-overflow on P0, 12 times between 1.2 s and 3.4 s (1548 goroutines moved): <words>"; `of`: the
 * run's findings, each an episode of the engine's as analyze lists them (Episode groups them for display).
 */
export function describeEpisode(ep: Episode, of: number, explanation = ep.explanation): string {
  const where = ep.ps.length === 0 ? '' : ep.ps.length <= 4 ? ` on P${ep.ps.join(', P')}` : ` on ${ep.ps.length} Ps`;
  const times = ep.count === 1 ? 'once' : `${ep.count} times`;
  const span =
    ep.tStartMs === null
      ? ` (input lines ${ep.firstLine}–${ep.lastLine})`
      : ep.tEndMs !== null && ep.tEndMs > ep.tStartMs
        ? ` between ${seconds(ep.tStartMs)} and ${seconds(ep.tEndMs)} of uptime`
        : ` at ${seconds(ep.tStartMs)} of uptime`;
  const moved = ep.moved !== null ? `, ${ep.moved} goroutines moved to the global queue` : '';
  const others = of > 1 ? ` (the costliest of ${of} findings)` : '';
  return `Headline${others}: ${ep.kind}${where}, ${times}${span}${moved}. ${explanation}`;
}

export function seconds(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
