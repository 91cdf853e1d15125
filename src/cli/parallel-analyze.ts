import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FindingKind } from '../findings/finding.js';
import { KeptFindings } from '../findings/kept-findings.js';
import type { TraceAnalysis } from '../findings/trace-analyzer.js';
import { shiftFinding } from '../findings/shift-finding.js';
import { diagnostic, type Diagnostic, type DiagnosticCode, type LineCounts } from '../messages.js';
import type { RunSummary } from '../trace/run-summary.js';
import { analyzeChunk, fillRunJson, type ChunkJob, type ChunkResult, type RunRecord } from './analyze-chunk.js';
import { stopReading } from './interruption.js';
import { describeSource, plainTextHead, STDIN_PATH } from './line-source.js';
import { readRecords } from './record-spool.js';
import { MAX_DIAGNOSTICS, type ScanResult } from './scan-sources.js';
import { payloadStart } from '../parse/envelope-bytes.js';
import { routesAcross } from '../parse/process-lanes.js';

/**
 * A part smaller than this is not worth a thread (GOSCHED_JOBS_MIN_CHUNK_BYTES sets it, for tests
 * that cut small logs at every restart).
 */
function minChunkBytes(): number {
  const v = Number(process.env.GOSCHED_JOBS_MIN_CHUNK_BYTES);
  return Number.isSafeInteger(v) && v > 0 ? v : 1 << 20;
}
/** How far past its target a cut is looked for, at most. */
const SEARCH_BYTES = 64 << 20;
const WINDOW = 1 << 20;
/** More than a container-log line's envelope and a restart's `SCHED 0ms:` (about 120 bytes). */
const OVERLAP = 4096;
const CUT_TEXT = Buffer.from('SCHED 0ms:');

/**
 * Where a log can be cut for `analyze --jobs`: byte offsets of lines whose text is `SCHED 0ms:` (a
 * restart) right after a line whose text is schedtrace's (`SCHED ` or a P/M/G line), near each of
 * jobs - 1 even targets. The text is the line, or what follows a whole CRI or json-file line's
 * envelope or a leading time (payloadStart, as the parser reads it). The line before decides most of
 * what the restart's dump takes from the past: after a schedtrace line no gctrace cycle and no panic
 * text wait for it. The merge checks the rest (mergeable).
 */
export async function findCuts(path: string, jobs: number): Promise<number[]> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const min = minChunkBytes();
    const n = Math.min(jobs, Math.floor(size / min));
    const cuts: number[] = [];
    const buf = Buffer.allocUnsafe(WINDOW);
    for (let i = 1; i < n; i++) {
      const target = Math.max(Math.floor((size * i) / n), (cuts[cuts.length - 1] ?? 0) + min);
      const limit = Math.min(size, target + SEARCH_BYTES, Math.floor((size * (i + 1)) / n));
      let cut = -1;
      // Windows overlap by a line's worth, so that a line cut by one window's end is whole in the next.
      for (let pos = target; cut < 0 && pos < limit; pos += WINDOW - OVERLAP) {
        const { bytesRead } = await fh.read(buf, 0, WINDOW, pos);
        const w = buf.subarray(0, bytesRead);
        for (let j = w.indexOf(CUT_TEXT); j >= 0; j = w.indexOf(CUT_TEXT, j + 1)) {
          // The line and the one before must start inside the window (lastIndexOf counts a
          // negative offset from the end).
          const start = j === 0 ? 0 : w.lastIndexOf(10, j - 1) + 1;
          if (pos + start >= limit) break;
          const prevStart = start < 2 ? 0 : w.lastIndexOf(10, start - 2) + 1;
          if (prevStart === 0 || payloadStart(w, start, w.length) !== j) continue;
          const p = payloadStart(w, prevStart, start - 1);
          const prev = w.subarray(p, p + 6).toString('latin1');
          if (prev === 'SCHED ' || prev.startsWith('  ')) {
            cut = pos + start;
            break;
          }
        }
        if (bytesRead < WINDOW) break;
      }
      if (cut > 0) cuts.push(cut);
    }
    return cuts;
  } finally {
    await fh.close();
  }
}

/** Whether part `k` of a log can follow part `k - 1` as analysed apart, with nothing lost at the cut. */
export function mergeable(before: ChunkResult, after: ChunkResult): boolean {
  const c = before.carry;
  return (
    // Only the unnamed stream, and no partial line open at the cut: envelopes that name no stream
    // (CRI, json-file, a leading time) are read line by line and carry nothing else across.
    before.unnamedOnly &&
    after.unnamedOnly &&
    !before.partialAtEnd &&
    c !== null &&
    // The restart's dump starts a new run (StreamParser.emit) and takes nothing else from before.
    c.emitted > 0 &&
    c.lastT !== null &&
    !c.pending &&
    c.exitText === null &&
    !c.gcPending &&
    !c.outputPending &&
    !c.crashTextSeen &&
    after.firstDump !== null &&
    after.firstDump.line === 1 &&
    after.firstDump.tMs === 0 &&
    // After a dump at 0 ms, a detailed one at 0 ms may be the same process's crash dump (emit).
    !(c.lastT === 0 && after.firstDump.detailed) &&
    // No process went on beside a later one (process-lanes.ts) in either part, and read alone the
    // part after the cut routes its dumps as one reader would.
    c.lanes.named === 0 &&
    after.carry !== null &&
    after.carry.lanes.named === 0 &&
    !routesAcross(c.lanes, after.carry.lanes)
  );
}

/** Where the merge hands each run, in input order. */
export interface RunSink {
  onRun(summary: RunSummary, kinds: ReadonlyMap<FindingKind, number>): void;
  /** When set, runs come as `analyze --json` nests them (format-analysis.ts `indented`), made on the workers. */
  onRunJson?(json: string): void;
  /** Forget the runs handed on so far: the log is read again on one thread. */
  reset(): void;
}

export interface ParallelAnalysis {
  scan: ScanResult;
  /** With `runs` empty: each went to the sink. */
  analysis: TraceAnalysis;
}

/**
 * Threads that analyse parts at once, the main thread's included: each holds a heap of its own, so
 * more would pass 300 MB of peak RSS (256 MB many-run summary log: 212 MB with 2 threads, 244 MB
 * with 3, 304 MB with 4 even with 16 MB young generations); further parts wait for a free worker.
 */
export const MAX_THREADS = 3;
/**
 * The young generation of all workers together, shared out evenly. A worker's part runs 20% faster
 * with 48 MB (V8's default) than with 8 MB (3.0 s and 3.6 s for half the 256 MB summary log).
 */
const WORKERS_YOUNG_MB = 48;

/**
 * For tests and benchmarks, under GOSCHED_DEBUG_JOBS=1: a `jobs: ...` line on stderr when the parts
 * start to be read, one when the first part's first run is read, and one saying how the input was
 * read (not user-facing messages).
 */
function debugJobs(what: string): void {
  if (process.env.GOSCHED_DEBUG_JOBS === '1') process.stderr.write(`jobs: ${what}\n`);
}

/** How long a worker asked to stop may take before it is terminated. */
const STOP_GRACE_MS = 2000;

async function stopWorker(w: Worker): Promise<void> {
  if (w.threadId === -1) return; // already ended
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      void w.terminate();
    }, STOP_GRACE_MS);
    w.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    w.postMessage(null);
  });
}

/** Worker threads taking the parts in turn, each as soon as it is free. */
class WorkerPool {
  private readonly workers: Worker[] = [];

  constructor(size: number) {
    for (let i = 0; i < size; i++)
      this.workers.push(
        new Worker(new URL('./analyze-worker.js', import.meta.url), {
          resourceLimits: { maxYoungGenerationSizeMb: Math.floor(WORKERS_YOUNG_MB / size) },
        }),
      );
  }

  /** Every job's result, in the jobs' order; rejects when a worker fails. */
  async run(jobs: readonly ChunkJob[]): Promise<ChunkResult[]> {
    const results: ChunkResult[] = new Array(jobs.length);
    let next = 0;
    const drive = async (w: Worker): Promise<void> => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await new Promise<ChunkResult>((resolve, reject) => {
          const fail = (err: unknown): void => {
            w.off('message', done);
            reject(err instanceof Error ? err : new Error(`analyze worker exited with code ${String(err)}`));
          };
          const done = (r: ChunkResult): void => {
            w.off('error', fail).off('exit', fail);
            resolve(r);
          };
          w.once('message', done).once('error', fail).once('exit', fail);
          w.postMessage(jobs[i]);
        });
      }
    };
    await Promise.all(this.workers.map(drive));
    return results;
  }

  /**
   * Stops every worker and waits until they have: a process that exits (or goes on to read the file
   * on one thread) while a worker is still being torn down can be killed by a signal, as a loaded CI
   * run once saw (exit status null). Each is asked to stop (it closes its port and its thread ends
   * on its own, as an idle one does), and only one still running after STOP_GRACE_MS, or one that
   * failed, is terminated.
   */
  async close(): Promise<void> {
    await Promise.all(this.workers.map(stopWorker));
  }

  /** A stop signal: every worker ends now, whatever part it is in (close() then waits for them). */
  terminate(): void {
    for (const w of this.workers) void w.terminate();
  }
}

/**
 * `analyze --jobs N` of one plain log file: parts cut at restarts (findCuts), the first analysed on
 * this thread and the others on worker threads, merged in input order into exactly what one thread
 * prints. Each run goes to `sink` in input order. Returns null, the sink reset, when the input cannot
 * be cut (stdin, gzip, several files, no restart near the targets) or a cut turns out not exact
 * (mergeable): the caller then reads it on one thread. A stop signal ends the first part where it
 * is and drops the others, so the result covers the input read before it, as on one thread.
 */
export async function analyzeInParallel(
  files: string[],
  jobs: number,
  sink: RunSink,
): Promise<ParallelAnalysis | null> {
  if (jobs < 2) return null;
  const r = await tryParallel(files, jobs, sink);
  debugJobs(typeof r === 'string' ? `one thread (${r})` : `${r.parts} parts`);
  if (typeof r !== 'string') return r;
  sink.reset();
  return null;
}

async function tryParallel(
  files: string[],
  jobs: number,
  sink: RunSink,
): Promise<(ParallelAnalysis & { parts: number }) | string> {
  if (files.length !== 1) return 'several files';
  const path = files[0]!;
  if (path === '-' || path === STDIN_PATH) return 'stdin';
  let cuts: number[];
  let size: number;
  try {
    const fh = await open(path, 'r');
    try {
      const st = await fh.stat();
      if (!st.isFile()) return 'not a regular file';
      size = st.size;
      const head = Buffer.alloc(8192);
      const { bytesRead } = await fh.read(head, 0, head.length, 0);
      if (!plainTextHead(head.subarray(0, bytesRead))) return 'not plain text';
    } finally {
      await fh.close();
    }
    cuts = await findCuts(path, jobs);
  } catch {
    return 'unreadable'; // the one-thread path reports why
  }
  if (cuts.length === 0) return 'no cut';
  const bounds = [0, ...cuts, size];
  const dir = mkdtempSync(join(tmpdir(), 'gosched-jobs-'));
  try {
    const jobsList: ChunkJob[] = cuts.concat(size).map((end, i) => ({
      path,
      range: { start: bounds[i]!, end },
      json: sink.onRunJson !== undefined,
      records: join(dir, `part-${i}`),
    }));
    return await runParts(jobsList, sink);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runParts(jobsList: ChunkJob[], sink: RunSink): Promise<(ParallelAnalysis & { parts: number }) | string> {
  const pool = new WorkerPool(Math.min(MAX_THREADS - 1, jobsList.length - 1));
  const stop = (): void => pool.terminate();
  stopReading.addEventListener('abort', stop, { once: true });
  debugJobs(`reading ${jobsList.length} parts`);
  try {
    const others = pool.run(jobsList.slice(1));
    others.catch(() => {});
    const merged = new Merge(sink);
    // As on one thread, an error reading the file's start is the command's error.
    let runsRead = 0;
    const first = await analyzeChunk(jobsList[0]!, (r) => {
      if (runsRead++ === 0) debugJobs('first run read');
      merged.run(r);
    });
    const name = describeSource(jobsList[0]!.path);
    let rest: ChunkResult[];
    try {
      rest = await others;
    } catch {
      if (!stopReading.aborted) return 'a worker failed';
      rest = [];
    }
    if (stopReading.aborted) {
      merged.endPart(first, undefined);
      return { ...merged.result(name), parts: 1 };
    }
    const results = [first, ...rest];
    for (let k = 1; k < results.length; k++) if (!mergeable(results[k - 1]!, results[k]!)) return `cut ${k} not exact`;
    merged.endPart(first, undefined);
    for (let k = 1; k < results.length; k++) {
      for (const r of readRecords(jobsList[k]!.records)) merged.run(r as RunRecord);
      merged.endPart(results[k]!, results[k - 1]!);
    }
    return { ...merged.result(name), parts: results.length };
  } finally {
    stopReading.removeEventListener('abort', stop);
    await pool.close();
  }
}

/** The parts' results as one, part by part in input order: numbers shifted by the lines and runs before each. */
class Merge {
  private readonly counts: LineCounts = { lines: 0, schedtrace: 0, foreign: 0, malformed: 0 };
  private readonly diagnostics: Diagnostic[] = [];
  private readonly byCode: Partial<Record<DiagnosticCode, number>> = {};
  private readonly kept = new KeptFindings();
  private snapshots = 0;
  /** Lines and runs of the parts before the current one. */
  private lines = 0;
  private runs = 0;

  constructor(private readonly sink: RunSink) {}

  /** One closed run of the current part. */
  run(r: RunRecord): void {
    const { runs, lines } = this;
    if (r.json !== undefined)
      this.sink.onRunJson?.(lines === 0 ? r.json : fillRunJson(r as RunRecord & { json: string }, runs, lines));
    else if (r.summary !== undefined) {
      r.summary.run += runs;
      r.summary.firstLine += lines;
      r.summary.lastLine += lines;
      this.sink.onRun(r.summary, new Map(r.byKind));
    }
    for (const f of r.candidates) shiftFinding(f, runs, lines);
    this.kept.addRun(r.candidates, r.over, r.omitted);
  }

  /** The current part is over (its runs went to run()); `before` is the part before it. */
  endPart(part: ChunkResult, before: ChunkResult | undefined): void {
    let restartSeen = before === undefined;
    for (const d of part.diagnostics) {
      if (this.diagnostics.length >= MAX_DIAGNOSTICS) break;
      if (!restartSeen && d.code === 'time-backwards' && d.line === 1) {
        // The part's first dump: from the time the part before ended at, not the stand-in 0 ms.
        restartSeen = true;
        this.diagnostics.push(diagnostic('time-backwards', this.lines + 1, undefined, before!.carry!.lastT!, 0));
        continue;
      }
      this.diagnostics.push({ ...d, line: d.line + this.lines });
    }
    for (const [code, n] of part.byCode) this.byCode[code] = (this.byCode[code] ?? 0) + n;
    const c = part.counts;
    const t = this.counts;
    t.lines += c.lines;
    t.schedtrace += c.schedtrace;
    t.foreign += c.foreign;
    t.malformed += c.malformed;
    if (c.gctrace !== undefined) t.gctrace = (t.gctrace ?? 0) + c.gctrace;
    this.snapshots += part.snapshots;
    this.lines += c.lines;
    this.runs += part.carry?.run ?? 0;
  }

  result(name: string): ParallelAnalysis {
    const { counts, snapshots } = this;
    return {
      scan: {
        sources: [{ name, counts: { ...counts }, snapshots }],
        counts,
        snapshots,
        diagnostics: this.diagnostics,
        diagnosticsByCode: this.byCode,
      },
      analysis: { runs: [], ...this.kept.result() },
    };
  }
}
