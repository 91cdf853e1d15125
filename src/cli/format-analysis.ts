import type { Finding } from '../findings/finding.js';
import type { TraceAnalysis } from '../findings/trace-analyzer.js';
import { backlogBurstWords } from '../findings/checks/saturation-words.js';
import type { Percentiles } from '../trace/histogram.js';
import type { RunSummary } from '../trace/run-summary.js';
import { type PileUp, riseOf } from '../trace/pile-up.js';
import { pileUpWords } from '../findings/checks/pile-up-words.js';
import type { ScanResult } from './scan-sources.js';
import { colors } from './terminal.js';
import { streamLabel } from '../trace/stream-label.js';

function span(r: RunSummary): string {
  if (r.startMs === null || r.endMs === null) return 'times unknown';
  return `${r.startMs}–${r.endMs} ms`;
}

function pct(p: Percentiles): string {
  return `p50 ${p.p50}  p90 ${p.p90}  p99 ${p.p99}  max ${p.max}  mean ${p.mean}`;
}

function where(f: Finding): string {
  const t =
    f.tMs === null ? '' : f.tEndMs !== null && f.tEndMs !== f.tMs ? `${f.tMs}–${f.tEndMs} ms, ` : `${f.tMs} ms, `;
  const p = f.p === undefined ? '' : `, P${f.p}`;
  return `${streamLabel(f.stream)} run ${f.run}, ${t}line ${f.line}${p}`;
}

/** A finding's kind, place and confidence: the head of its line. */
function findingTitle(f: Finding, color: boolean): string {
  const pc = colors();
  const severityColor = { error: pc.red, warning: pc.yellow, info: pc.cyan } as const;
  const n = f.episode.hits > 1 ? `, ${f.episode.hits} dumps` : '';
  return `${color ? severityColor[f.severity](f.kind) : f.kind} (${where(f)}${n}, ${f.confidence})`;
}

/** One finding in the words `analyze` prints (the live view uses them too). */
export function findingLine(f: Finding, color = true): string {
  return `${findingTitle(f, color)}: ${f.explanation}`;
}

/**
 * The longest queues of any run, which the headline names when no finding holds: a log whose
 * queues held hundreds of goroutines for a moment (a burst shorter than saturation's 500 ms) is
 * not unremarkable just because no rule's claim held on it.
 */
export class QueuePeaks {
  global = 0;
  local = 0;
  /** The run of the larger of the two peaks, and its GOMAXPROCS. */
  where = '';
  gomaxprocs = 1;
  /** The run of the larger peak printed scheddetail. */
  whereDetail = false;

  /** Dumps seen, and the share of the Ps busy summed over them (1 − idleShare per run, weighted by its dumps). */
  dumps = 0;
  busyDumps = 0;
  /** Dumps with no idle P and at least one goroutine per P waiting (RunSummary.backlogDumps). */
  backlogDumps = 0;
  /** The largest drained pile-up of any run (RunSummary.pileUp), and its run. */
  pileUp: PileUp | undefined;
  pileUpWhere = '';

  add(r: RunSummary): void {
    this.dumps += r.snapshots;
    this.busyDumps += (1 - r.idleShare) * r.snapshots;
    this.backlogDumps += r.backlogDumps;
    const p = r.pileUp;
    if (p !== undefined && (this.pileUp === undefined || riseOf(p) > riseOf(this.pileUp))) {
      this.pileUp = p;
      this.pileUpWhere = `${streamLabel(r.stream)} run ${r.run}`;
    }
    const top = Math.max(r.global.max, r.local.max);
    if (top > Math.max(this.global, this.local)) {
      this.where = `${streamLabel(r.stream)} run ${r.run}`;
      this.gomaxprocs = Math.max(1, ...r.gomaxprocsValues);
      this.whereDetail = r.detail;
    }
    this.global = Math.max(this.global, r.global.max);
    this.local = Math.max(this.local, r.local.max);
  }

  /**
   * The share of the Ps busy at the dumps when it is BUSY_SHARE or more over at least
   * BUSY_MIN_DUMPS dumps (null otherwise): a run with every P busy and nothing waiting uses all the
   * CPU GOMAXPROCS allows, which an unremarkable headline should not leave unsaid.
   */
  busyShare(): number | null {
    if (this.dumps < BUSY_MIN_DUMPS) return null;
    const share = this.busyDumps / this.dumps;
    return share >= BUSY_SHARE ? share : null;
  }

  /** The backlog dumps of the runs, in words ('' when too few: backlogBurstWords). */
  backlogWords(): string {
    return backlogBurstWords(this.backlogDumps, this.dumps);
  }

  /** The largest drained pile-up in words, with its run ('' without one). */
  parkedWords(): string {
    return this.pileUp === undefined ? '' : `in ${this.pileUpWhere} ${pileUpWords(this.pileUp)}`;
  }

  /** At least one goroutine per P waited in one queue, and more than a handful. */
  remarkable(): boolean {
    const top = Math.max(this.global, this.local);
    return top >= 8 && top >= this.gomaxprocs;
  }
}

/** Busy share of the Ps, over BUSY_MIN_DUMPS dumps at least, that an unremarkable headline names. */
const BUSY_SHARE = 0.9;
const BUSY_MIN_DUMPS = 5;

const goroutines = (n: number): string => `${n} goroutine${n === 1 ? '' : 's'}`;

/** The longest queues, naming a kind of queue only where one held anything. */
function queuedWhere(global: number, local: number): string {
  if (global === 0) return `${goroutines(local)} on one P's queue, none on the global queue`;
  if (local === 0) return `${goroutines(global)} on the global queue, none on a P's queue`;
  return `${goroutines(global)} on the global queue and ${goroutines(local)} on one P's queue`;
}

/**
 * What put goroutines on the longer of the two queues, for a headline that names them without a
 * finding: the summary counts do not tell the sources apart, and the words say what would.
 */
function queueSources(global: number, local: number, detail: boolean): string {
  const tell = detail
    ? ''
    : ', and the counts do not tell which (with scheddetail=1 the G lines show whether goroutines left IO wait)';
  return local >= global
    ? `; a P's ring holds what was created or readied on that P (a go loop, a broadcast by close or sync.Cond, timers firing there, or, from Go 1.15, a network poller holding the P: injectglist puts its wave there)${tell}`
    : `; the global queue takes what a full ring spilled (runqputslow, 129 at a time), what a poller without a P readied (injectglist), and goroutines preempted or yielding${tell}`;
}

/** What a busy run without a backlog means, for the unremarkable headline ('' below BUSY_SHARE). */
function busyWords(share: number | null): string {
  if (share === null) return '';
  const pct = Math.min(99.9, Math.floor(share * 1000) / 10);
  return `, though on average ${pct}% of the Ps were busy at a dump: the program kept about all the CPU GOMAXPROCS allows in use without a backlog, so one more goroutine wanting CPU would wait for a P (a busy-wait loop looks the same)`;
}

/** The headline of `gosched analyze`'s terminal view: the most important finding, and a blank line. */
export function formatHeadline(a: TraceAnalysis, peaks?: QueuePeaks): string {
  const pc = colors();
  const out: string[] = [];
  const head = a.headline;
  const backlog = peaks?.backlogWords() ?? '';
  const parked = peaks?.parkedWords() ?? '';
  const parkedToo = parked === '' ? '' : `; and ${parked}`;
  const none =
    peaks?.remarkable() === true
      ? `no finding: no rule's claim held, though goroutines waited: up to ${queuedWhere(peaks.global, peaks.local)} (longest in ${peaks.where})${queueSources(peaks.global, peaks.local, peaks.whereDetail)}${backlog === '' ? '' : `; and ${backlog}`}${parkedToo}; see the runs below.`
      : backlog !== '' && peaks !== undefined
        ? `no finding: no rule's claim held, though ${backlog}; no queue held more than ${goroutines(Math.max(peaks.global, peaks.local))}${parkedToo}.`
        : `no finding; the scheduler looks unremarkable${peaks === undefined ? '' : ` (no queue held more than ${goroutines(Math.max(peaks.global, peaks.local))})`}${busyWords(peaks?.busyShare() ?? null)}${parked === '' ? '' : `, but ${parked}`}.`;
  out.push(
    head
      ? `${pc.bold('Headline:')} ${findingLine(head)}`
      : a.findings.length > 0
        ? `${pc.bold('Headline:')} nothing that costs throughput or latency; only notes below.`
        : `${pc.bold('Headline:')} ${none}`,
  );
  if (head?.suggestion) out.push(`  ${pc.dim('→')} ${head.suggestion}`);
  out.push('');
  return `${out.join('\n')}\n`;
}

/** One run's section: its figures and how many findings of each kind it had. */
export function formatRun(r: RunSummary, findingsByKind: ReadonlyMap<string, number>): string {
  const pc = colors();
  const out: string[] = [];
  const name = `${streamLabel(r.stream)} run ${r.run}`;
  out.push(
    pc.bold(
      `${name}: ${r.snapshots} snapshots, ${span(r)}, lines ${r.firstLine}–${r.lastLine}, ${r.era} layout${r.detail ? ', scheddetail' : ''}`,
    ),
  );
  out.push(`  GOMAXPROCS     ${r.gomaxprocsValues.join(' → ')}`);
  out.push(`  global queue   ${pct(r.global)}`);
  out.push(`  local queues   ${pct(r.local)}`);
  out.push(`  idle Ps        ${(r.idleShare * 100).toFixed(1)}% of P-snapshots`);
  out.push(
    `  backlog        ${r.backlogDumps} of ${r.snapshots} dumps (no idle P, a runnable goroutine waiting per P)`,
  );
  out.push(`  threads        ${r.threads.first} → ${r.threads.last} (max ${r.threads.max})`);
  if (r.spinning) out.push(`  spinning Ms    ${pct(r.spinning)}`);
  const p = r.pileUp;
  if (p !== undefined)
    out.push(
      `  pile-up        ${p.reason} ${p.from} → ${p.peak}${p.peakMs === null ? '' : ` at ${p.peakMs} ms`} → ${p.last} at the last dump (drained: no leak)`,
    );
  const kinds = [...findingsByKind];
  out.push(`  findings       ${kinds.length === 0 ? 'none' : kinds.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  out.push('');
  return `${out.join('\n')}\n`;
}

/** Episodes of a recurring kind listed per run; each says how many there were (recurrence.ts). */
const LISTED_PER_RECURRING = 3;

/**
 * The findings the terminal lists, at most `top`, in rank order: of a kind that recurs in a run its
 * first LISTED_PER_RECURRING episodes, so that a long log's other kinds are not pushed off the list.
 */
function listedFindings(
  findings: readonly Finding[],
  top: number,
): { listed: Finding[]; unlisted: Map<string, number> } {
  const listed: Finding[] = [];
  const unlisted = new Map<string, number>();
  const perGroup = new Map<string, number>();
  for (const f of findings) {
    if (listed.length >= top) break;
    if (f.recurrence !== undefined) {
      const key = `${f.stream}\u0000${f.run}\u0000${f.kind}`;
      const n = perGroup.get(key) ?? 0;
      perGroup.set(key, n + 1);
      if (n >= LISTED_PER_RECURRING) {
        unlisted.set(f.kind, (unlisted.get(f.kind) ?? 0) + 1);
        continue;
      }
    }
    listed.push(f);
  }
  return { listed, unlisted };
}

/** The end of the terminal view: the first `top` findings, then how the lines were accounted for. */
export function formatFindings(scan: ScanResult, a: TraceAnalysis, top: number): string {
  const pc = colors();
  const out: string[] = [];
  if (a.findings.length > 0) {
    const { listed, unlisted } = listedFindings(a.findings, top);
    const n = a.findings.length;
    const which =
      n === listed.length ? '' : unlisted.size > 0 ? `, ${listed.length} listed` : `, first ${listed.length}`;
    out.push(pc.bold(`Findings (${n}${which}):`));
    // The headline (one of the findings) has its words printed above: its entry here says where it stands.
    for (const f of listed)
      out.push(`- ${f === a.headline ? `${findingTitle(f, true)}: the headline, above` : findingLine(f)}`);
    if (unlisted.size > 0)
      out.push(
        pc.dim(
          `  (of recurring kinds, the first ${LISTED_PER_RECURRING} per run above; also ${[...unlisted].map(([k, n]) => `${k} ×${n}`).join(', ')}: all in --json)`,
        ),
      );
    const omitted = Object.entries(a.omitted);
    if (omitted.length > 0) out.push(pc.dim(`  (not kept: ${omitted.map(([k, n]) => `${k} ×${n}`).join(', ')})`));
    out.push('');
  }
  const c = scan.counts;
  out.push(
    pc.dim(
      `${scan.sources.map((s) => s.name).join(', ')}: ${c.lines} lines = ${c.schedtrace} schedtrace + ${c.gctrace !== undefined ? `${c.gctrace} gctrace + ` : ''}${c.foreign} foreign + ${c.malformed} malformed`,
    ),
  );
  return `${out.join('\n')}\n`;
}

/**
 * The whole terminal view at once, for an analysis whose runs were kept (the live commands' summary);
 * `earlierRuns` closed before `a.runs` and are not listed (a live reading keeps the last ones).
 */
export function formatAnalysis(scan: ScanResult, a: TraceAnalysis, top: number, earlierRuns = 0): string {
  const byRun = new Map<string, Map<string, number>>();
  for (const f of a.findings) {
    const key = `${f.stream}\u0000${f.run}`;
    const kinds = byRun.get(key) ?? new Map<string, number>();
    kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    byRun.set(key, kinds);
  }
  const peaks = new QueuePeaks();
  for (const r of a.runs) peaks.add(r);
  const runs = a.runs.map((r) => formatRun(r, byRun.get(`${r.stream}\u0000${r.run}`) ?? new Map())).join('');
  const earlier =
    earlierRuns > 0
      ? colors().dim(
          `(${earlierRuns} earlier ${earlierRuns === 1 ? 'run' : 'runs'} not listed: the last ${a.runs.length} to end follow; gosched analyze lists every run)\n\n`,
        )
      : '';
  return formatHeadline(a, peaks) + earlier + runs + formatFindings(scan, a, top);
}

/**
 * `indented(items, '  ')`, handed to `write` an element at a time: the same text without one string
 * of the whole array. The 5,000 findings `analyze --json` keeps are 8 MB of JSON; as one string they
 * took 85 ms to make and encode (median of 8), an element at a time 37 ms, on a scheddetail log.
 */
export function writeIndentedArray(write: (text: string) => void, items: readonly object[]): void {
  if (items.length === 0) {
    write('[]');
    return;
  }
  write('[\n    ');
  for (let i = 0; i < items.length; i++) {
    if (i > 0) write(',\n    ');
    write(indented(items[i], '    '));
  }
  write('\n  ]');
}

/** JSON.stringify(v, null, 2) as it prints nested at `indent` (string values hold no raw line break). */
export function indented(v: unknown, indent: string): string {
  const kind = typeof v;
  if ((indent === '  ' || indent === '    ') && kind !== 'undefined' && kind !== 'function' && kind !== 'symbol') {
    // Nested one or two levels deep, JSON.stringify indents the value's lines by 2 or 4 spaces
    // itself: the same text without a second pass over it (a run's section, tens of thousands a log).
    if (indent === '  ') return JSON.stringify({ '': v }, null, 2).slice(8, -2);
    return JSON.stringify({ '': { '': v } }, null, 2).slice(18, -6);
  }
  return JSON.stringify(v, null, 2).replaceAll('\n', `\n${indent}`);
}
