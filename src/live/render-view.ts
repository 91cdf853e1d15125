import type { Finding } from '../findings/finding.js';
import { LOCAL_RUNQ_CAPACITY } from '../trace/snapshot.js';
import type { LiveState, StreamView } from './live-state.js';

export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

export interface ViewOptions {
  /** Terminal columns and rows. */
  width: number;
  height: number;
  palette: Palette;
  /** A finding in the words of `gosched analyze`, without colour (the view colours the kind). */
  describe(f: Finding): string;
  /** First line: what is being watched. */
  title: string;
}

const SPARK = '▁▂▃▄▅▆▇█';

/** A sparkline of the values against their own maximum (all-zero stays flat). */
export function sparkline(values: readonly number[], width: number): string {
  const xs = values.slice(-width);
  const max = Math.max(0, ...xs);
  return xs.map((x) => (max === 0 ? SPARK[0] : SPARK[Math.round((x / max) * (SPARK.length - 1))])).join('');
}

/** A P's local run queue as a bar against the ring's 256 slots: `width` cells, partly filled cells in eighths. */
export function ringBar(n: number, width: number): string {
  const eighths = Math.round((Math.min(n, LOCAL_RUNQ_CAPACITY) / LOCAL_RUNQ_CAPACITY) * width * 8);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  const partial = part === 0 ? '' : ' ▏▎▍▌▋▊▉'[part]!;
  return `${'█'.repeat(full)}${partial}${'·'.repeat(width - full - (part === 0 ? 0 : 1))}`;
}

function colourFor(n: number, pal: Palette): (s: string) => string {
  if (n >= LOCAL_RUNQ_CAPACITY) return pal.red;
  if (n >= LOCAL_RUNQ_CAPACITY / 2) return pal.yellow;
  return pal.green;
}

function pad(s: string | number, n: number): string {
  return String(s).padStart(n);
}

/** Lines of the per-P bars, laid out in as many columns as needed to fit `rows` rows. */
function ringLines(v: StreamView, width: number, rows: number, pal: Palette): string[] {
  const q = v.latest.runq;
  const idW = String(Math.max(0, q.length - 1)).length + 1;
  const minCell = idW + 1 + 8 + 4 + 2;
  const maxCols = Math.max(1, Math.floor(width / minCell));
  const cols = Math.min(maxCols, Math.max(1, Math.ceil(q.length / Math.max(1, rows))));
  const cell = Math.floor(width / cols);
  const bar = Math.max(8, Math.min(40, cell - idW - 1 - 4 - 2));
  const shownRows = Math.min(Math.ceil(q.length / cols), Math.max(1, rows));
  const out: string[] = [];
  for (let r = 0; r < shownRows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < cols; c++) {
      // Column-major, so P numbers run down each column.
      const p = c * shownRows + r;
      if (p >= q.length) break;
      const n = q[p]!;
      const status = v.latest.pStatus?.[p];
      const id = `P${p}`.padEnd(idW);
      cells.push(`${status === 0 ? pal.dim(id) : id} ${colourFor(n, pal)(ringBar(n, bar))} ${pad(n, 3)}`);
    }
    out.push(cells.join('  '));
  }
  const shown = shownRows * cols;
  if (shown < q.length) out.push(pal.dim(`  … ${q.length - shown} more Ps (enlarge the terminal)`));
  return out;
}

/** One finding on one row: cut to the width (the whole text is in the summary and the NDJSON). */
function findingRow(f: Finding, o: ViewOptions): string {
  let text = `- ${o.describe(f)}`;
  if (text.length > o.width - 1) text = `${text.slice(0, Math.max(10, o.width - 2))}…`;
  const sev = f.severity === 'error' ? o.palette.red : f.severity === 'warning' ? o.palette.yellow : o.palette.cyan;
  return text.startsWith(`- ${f.kind}`) ? `- ${sev(f.kind)}${text.slice(2 + f.kind.length)}` : text;
}

function streamName(v: StreamView): string {
  return `${v.stream === '' ? '' : `${v.stream} `}run ${v.run}`;
}

/** The terminal dashboard: pure text, re-rendered on every dump and on resize. */
export function renderView(state: LiveState, o: ViewOptions): string {
  const pal = o.palette;
  const c = state.counts;
  const out: string[] = [];
  out.push(
    `${pal.bold(o.title)}  ${state.dumps} dumps · ${c.lines} lines (${c.foreign} foreign, ${c.malformed} malformed) · findings ${[
      ...state.findingCounts,
    ]
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ')}`,
  );
  const findingRows = Math.min(8, Math.max(2, Math.floor(o.height / 5)));
  const views = [...state.streams.values()];
  // Title, findings heading, the going-on line and the last row left free.
  const perStream = Math.max(3, Math.floor((o.height - 4 - findingRows) / Math.max(1, views.length)) - 3);
  const spark = Math.max(8, Math.min(24, Math.floor((o.width - 80) / 4) + 8));
  for (const v of views) {
    const pt = v.latest;
    const t = pt.tMs === null ? '' : ` · ${pt.tMs} ms`;
    out.push(
      `${pal.bold(streamName(v))}${t} · GOMAXPROCS ${pt.gomaxprocs} · ${v.era} layout${v.periodMs === null ? '' : ` · period ${v.periodMs} ms`}${v.crash ? ` · ${pal.red('CRASH DUMP')}` : ''}`,
    );
    out.push(
      `  global queue ${pad(pt.runqueue, 6)} ${pal.cyan(sparkline(v.global.values(), spark))}   idle Ps ${pad(`${pt.idleprocs}/${pt.gomaxprocs}`, 7)} ${pal.cyan(sparkline(v.idle.values(), spark))}`,
    );
    out.push(
      `  threads      ${pad(pt.threads, 6)} ${pal.cyan(sparkline(v.threads.values(), spark))}   spinning Ms ${pad(pt.spinningthreads ?? '-', 3)} ${pal.cyan(sparkline(v.spinning.values(), spark))}  idle Ms ${pt.idlethreads}`,
    );
    out.push(...ringLines(v, o.width, perStream, pal));
  }
  const recent = state.recent.values();
  out.push(
    pal.bold(`Findings${recent.length === 0 ? ': none yet' : ` (latest ${Math.min(findingRows, recent.length)})`}`),
  );
  for (const f of recent.slice(-findingRows)) out.push(findingRow(f, o));
  if (state.ongoing.length > 0)
    out.push(
      `${pal.bold('Going on:')} ${state.ongoing
        .map(
          (f) =>
            `${f.kind}${f.p === undefined ? '' : ` P${f.p}`} since ${f.tMs === null ? `line ${f.line}` : `${f.tMs} ms`}`,
        )
        .join(', ')}`,
    );
  return out
    .slice(0, Math.max(1, o.height - 1))
    .map((l) => fitWidth(l, o.width - 1))
    .join('\n');
}

/** Cuts a line to `width` visible columns (SGR colour codes take none), ending it with … when cut. */
export function fitWidth(line: string, width: number): string {
  let visible = 0;
  for (let i = 0; i < line.length; ) {
    if (line.charCodeAt(i) === 27) {
      const end = line.indexOf('m', i);
      i = end < 0 ? line.length : end + 1;
      continue;
    }
    const cp = line.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    if (visible === width - 1 && line.slice(i + len).replace(/\x1b\[[0-9;]*m/g, '') !== '') {
      return `${line.slice(0, i)}…\x1b[0m`;
    }
    visible++;
    i += len;
  }
  return line;
}
