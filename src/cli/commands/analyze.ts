import type { CommandModule } from 'yargs';
import type { FindingKind } from '../../findings/finding.js';
import { TraceAnalyzer, type TraceAnalysis } from '../../findings/trace-analyzer.js';
import type { RunSummary } from '../../trace/run-summary.js';
import {
  formatFindings,
  formatHeadline,
  formatRun,
  indented,
  QueuePeaks,
  writeIndentedArray,
} from '../format-analysis.js';
import { ANALYZE_HEAP_GROWING_PERCENT, keepHeapNearLiveSize } from '../heap-growth.js';
import { partialField, partialNote } from '../interruption.js';
import { openOutput } from '../output.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { scanSources, type ScanResult } from '../scan-sources.js';
import { RunJsonWriter } from '../run-json.js';
import { Spool } from '../spool.js';

/** Bytes of run sections held before they go to the spool's file. */
const JSON_SPOOL_AT = 1 << 20;

interface AnalyzeArgs {
  files: string[];
  json: boolean;
  output?: string;
  top: number;
  jobs: number;
}

export const analyzeCommand: CommandModule<object, AnalyzeArgs> = {
  command: 'analyze <files..>',
  describe: 'Summarise each stream and run, and list the findings, the headline (what costs most) first',
  builder: (y) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'log files (plain or gzip), or - for stdin',
      })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'everything as JSON: line counts, diagnostics, runs, findings',
      })
      .option('output', { alias: 'o', type: 'string', describe: 'write to FILE instead of stdout' })
      .option('top', { type: 'number', default: 10, describe: 'findings listed in the terminal' })
      .option('jobs', {
        alias: 'j',
        type: 'number',
        default: 1,
        describe:
          'worker threads for one plain log file cut at restarts (SCHED 0ms), the output the same as with 1; stdin, gzip, several files, envelopes and a log without restarts to cut at are read on one thread',
      })
      .example('$0 analyze app.log', 'headline finding, per-run figures, findings')
      .example('GODEBUG=schedtrace=1000 ./server 2>&1 >/dev/null | $0 analyze -', 'analyze a live program')
      .example('$0 analyze --json app.log.gz > analysis.json', 'machine-readable'),
  handler: async (args) => {
    keepHeapNearLiveSize(ANALYZE_HEAP_GROWING_PERCENT);
    // Each run's section is written to a spool as the run closes, so memory stays flat however many
    // runs a log holds; the output is the same as formatting everything at the end. With --json the
    // sections are written as bytes, and go to the spool a megabyte at a time.
    let runs = new Spool();
    const jsonRuns = new RunJsonWriter();
    let peaks = new QueuePeaks();
    const reset = (): void => {
      peaks = new QueuePeaks();
      runs.dispose();
      runs = new Spool();
      jsonRuns.clear();
    };
    const spoolJson = (): void => {
      if (jsonRuns.size >= JSON_SPOOL_AT) jsonRuns.drain((b) => runs.writeBytes(b));
    };
    const onRunJson = (json: string): void => {
      jsonRuns.section(json);
      spoolJson();
    };
    const onRun = (r: RunSummary, kinds: ReadonlyMap<FindingKind, number>): void => {
      peaks.add(r);
      if (args.json) {
        jsonRuns.run(r);
        spoolJson();
      } else runs.write(formatRun(r, kinds));
    };
    try {
      const { scan, analysis } =
        // The parallel analyze (worker threads, record spools) is loaded only when asked for: start-up.
        (args.jobs >= 2
          ? await (await import('../parallel-analyze.js')).analyzeInParallel(
              args.files,
              args.jobs,
              args.json ? { onRun, onRunJson, reset } : { onRun, reset },
            )
          : null) ?? (await analyzeOnOneThread(args.files, onRun));
      const out = openOutput(args.output);
      if (args.json) {
        // Byte for byte what JSON.stringify(..., null, 2) prints for the whole document.
        out.write(
          `{\n${partialField().partial !== undefined ? `  "partial": ${JSON.stringify(partialField().partial)},\n` : ''}  "sources": ${indented(scan.sources, '  ')},\n  "counts": ${indented(scan.counts, '  ')},\n  "snapshots": ${scan.snapshots},\n  "runs": ${jsonRuns.count === 0 ? '[]' : '[\n'}`,
        );
        await runs.copyTo(out);
        jsonRuns.drain((b) => out.writeNow(b));
        out.write(
          `${jsonRuns.count === 0 ? '' : '\n  ]'},\n  "headline": ${indented(analysis.headline, '  ')},\n  "findings": `,
        );
        const write = (text: string): void => out.write(text);
        writeIndentedArray(write, analysis.findings);
        out.write(`,\n  "omittedFindings": ${indented(analysis.omitted, '  ')},\n  "diagnostics": `);
        writeIndentedArray(write, scan.diagnostics);
        out.write(`,\n  "diagnosticsByCode": ${indented(scan.diagnosticsByCode, '  ')}\n}\n`);
      } else {
        if (partialNote()) out.write(`${partialNote()}\n`);
        out.write(formatHeadline(analysis, peaks));
        await runs.copyTo(out);
        out.write(formatFindings(scan, analysis, args.top));
      }
      await out.close();
      if (!args.json) printDiagnostics(scan, false);
    } finally {
      runs.dispose();
    }
  },
};

async function analyzeOnOneThread(
  files: string[],
  onRun: (r: RunSummary, kinds: ReadonlyMap<FindingKind, number>) => void,
): Promise<{ scan: ScanResult; analysis: TraceAnalysis }> {
  // onRun reads the findings by kind only: words for the kept ones alone.
  const analyzer = new TraceAnalyzer({ onRun, wordsForKeptOnly: true });
  // Plain summary dumps come in columns, G lines as counts: no object per line.
  const scan = await scanSources(files, (s) => analyzer.push(s), {
    columns: { onSummaryBatch: (b) => analyzer.pushBatch(b) },
    // No wall times: analyze prints none, and container-log lines are then read as plain lines are.
    wallTimes: false,
    onStreamReleased: (stream) => analyzer.release(stream),
    onTrailingGc: (stream, run, gc, line) => analyzer.trailingGc(stream, run, gc, line),
  });
  return { scan, analysis: analyzer.result() };
}
