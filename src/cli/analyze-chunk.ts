import type { Finding, FindingKind } from '../findings/finding.js';
import { MAX_FINDINGS, type KindCount } from '../findings/kept-findings.js';
import type { Diagnostic, DiagnosticCode, LineCounts } from '../messages.js';
import { createParser } from '../parse/index.js';
import type { StreamCarry } from '../parse/stream-parser.js';
import { TraceAnalyzer } from '../pipeline.js';
import type { RunSummary } from '../trace/run-summary.js';
import { indented } from './format-analysis.js';
import { readByteBlocks, type ByteRange } from './line-source.js';
import { RecordWriter } from './record-spool.js';
import { MAX_DIAGNOSTICS } from './scan-sources.js';

/** One part of a log for `analyze --jobs`: its bytes, cut at the start of a line. */
export interface ChunkJob {
  path: string;
  range: ByteRange;
  /** Each run's summary as `analyze --json` prints it (RunRecord.json) instead of the object. */
  json: boolean;
  /** Where the part's RunRecords go (record-spool.ts), unless analyzeChunk is given onRecord. */
  records: string;
}

/**
 * Stand-ins for the numbers a part cannot know, in a run's JSON text: strings with a NUL, which no
 * other value of a plain log's run summary holds. The merge puts the numbers in (fillRunJson).
 */
const RUN_MARK = '\u0000run';
const FIRST_LINE_MARK = '\u0000firstLine';
const LAST_LINE_MARK = '\u0000lastLine';

/** A run's JSON text (RunRecord.json) with its run and line numbers shifted by those before its part. */
export function fillRunJson(r: RunRecord & { json: string }, runs: number, lines: number): string {
  return r.json
    .replace(JSON.stringify(RUN_MARK), String(r.run + runs))
    .replace(JSON.stringify(FIRST_LINE_MARK), String(r.firstLine + lines))
    .replace(JSON.stringify(LAST_LINE_MARK), String(r.lastLine + lines));
}

/** One closed run of a part, as the merge takes it (run and line numbers counted within the part). */
export interface RunRecord {
  run: number;
  firstLine: number;
  lastLine: number;
  /** The summary, or (ChunkJob.json) its JSON text as `analyze --json` nests it, numbers marked but in the first part. */
  summary?: RunSummary;
  json?: string;
  byKind: KindCount[];
  /** The run's findings while the part has kept fewer than MAX_FINDINGS... */
  candidates: Finding[];
  /** ...and the rest, counted by kind: over the cap whatever the parts before. */
  over: KindCount[];
  omitted: Partial<Record<FindingKind, number>>;
}

/** What a part's analysis leaves for the merge beside its run records. */
export interface ChunkResult {
  counts: LineCounts;
  snapshots: number;
  /** The first MAX_DIAGNOSTICS, then counts by code in the order codes first came. */
  diagnostics: Diagnostic[];
  byCode: [DiagnosticCode, number][];
  /** Every line went to the unnamed stream (Parser.unnamedOnly). */
  unnamedOnly: boolean;
  /** A container-log line was open when the part ended (its end is in the next part). */
  partialAtEnd: boolean;
  carry: StreamCarry | null;
  /** Line and time of the part's first dump; null when it had none. */
  firstDump: { line: number; tMs: number | null; detailed: boolean } | null;
}

/**
 * Analyses one part of a log as `analyze` does a whole one, each closed run to `onRecord` or, without
 * it, to the file ChunkJob.records (the same parser hooks as scanSources
 * with columns), numbering lines from the part's first and, for a part after the first, runs as if
 * one came before it. The merge (parallel-analyze.ts) shifts the numbers and checks the cut was exact.
 */
export async function analyzeChunk(job: ChunkJob, onRecord?: (r: RunRecord) => void): Promise<ChunkResult> {
  const records = onRecord === undefined ? new RecordWriter(job.records) : null;
  const emit = onRecord ?? ((r: RunRecord) => records!.write(r));
  try {
    let keptHere = 0;
    const analyzer = new TraceAnalyzer({
      // The candidates below are the findings the analyzer's own cap keeps: only they need words.
      wordsForKeptOnly: true,
      onRun: (summary, kinds, findings, omitted) => {
        const room = Math.max(0, MAX_FINDINGS - keptHere);
        const candidates = findings.length <= room ? [...findings] : findings.slice(0, room);
        keptHere += candidates.length;
        const over = new Map<FindingKind, number>();
        for (let i = candidates.length; i < findings.length; i++) {
          const k = findings[i]!.kind;
          over.set(k, (over.get(k) ?? 0) + 1);
        }
        const r: RunRecord = {
          run: summary.run,
          firstLine: summary.firstLine,
          lastLine: summary.lastLine,
          byKind: [...kinds],
          candidates,
          over: [...over],
          omitted: { ...omitted },
        };
        // The first part's numbers are already those of the whole log.
        if (job.json && job.range.start === 0) r.json = indented(summary, '    ');
        else if (job.json)
          r.json = indented(
            { ...summary, run: RUN_MARK, firstLine: FIRST_LINE_MARK, lastLine: LAST_LINE_MARK },
            '    ',
          );
        else r.summary = summary;
        emit(r);
      },
    });
    let snapshots = 0;
    let firstDump: ChunkResult['firstDump'] = null;
    const diagnostics: Diagnostic[] = [];
    const byCode = new Map<DiagnosticCode, number>();
    const parser = createParser({
      continuesAfterRun: job.range.start > 0,
      countGoroutines: true,
      countThreads: true,
      dropGcPhases: true,
      dropWallTimes: true,
      onTrailingGc: (stream, run, gc, line) => analyzer.trailingGc(stream, run, gc, line),
      onSummaryBatch: (b) => {
        if (firstDump === null && b.size > 0) firstDump = { line: b.line[0]!, tMs: b.tMs[0]!, detailed: false };
        snapshots += b.size;
        analyzer.pushBatch(b);
      },
      onSnapshot: (s) => {
        if (firstDump === null) firstDump = { line: s.line, tMs: s.tMs, detailed: s.detail !== undefined };
        snapshots++;
        analyzer.push(s);
      },
      onDiagnostic: (d) => {
        byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
        if (diagnostics.length < MAX_DIAGNOSTICS) diagnostics.push(d);
      },
    });
    for await (const block of readByteBlocks(job.path, job.range)) {
      if (block.unreadable !== undefined) parser.pushUnreadable(block.unreadable);
      else parser.pushBytes(block.bytes, block.first);
    }
    const partialAtEnd = parser.holdsPartial();
    const counts = parser.end();
    analyzer.result();
    records?.close();
    return {
      counts,
      snapshots,
      diagnostics,
      byCode: [...byCode],
      unnamedOnly: parser.unnamedOnly,
      partialAtEnd,
      carry: parser.carry(),
      firstDump,
    };
  } catch (err) {
    records?.close();
    throw err;
  }
}
