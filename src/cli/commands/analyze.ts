import type { CommandModule } from 'yargs';
import { TraceAnalyzer } from '../../diff/trace-analyzer.js';
import { formatAnalysis } from '../format-analysis.js';
import { partialField, partialNote } from '../interruption.js';
import { openOutput } from '../output.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { scanSources } from '../scan-sources.js';

interface AnalyzeArgs {
  files: string[];
  json: boolean;
  output?: string;
  top: number;
}

export const analyzeCommand: CommandModule<object, AnalyzeArgs> = {
  command: 'analyze <files..>',
  describe: 'Summarise each stream and run, and list rule-based findings, most important first',
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
      .example('$0 analyze app.log', 'headline finding, per-run figures, findings')
      .example('GODEBUG=schedtrace=1000 ./server 2>&1 >/dev/null | $0 analyze -', 'analyze a live program')
      .example('$0 analyze --json app.log.gz > analysis.json', 'machine-readable'),
  handler: async (args) => {
    const analyzer = new TraceAnalyzer();
    const scan = await scanSources(args.files, (s) => analyzer.push(s));
    const analysis = analyzer.result();
    const out = openOutput(args.output);
    if (args.json) {
      out.write(
        `${JSON.stringify(
          {
            ...partialField(),
            sources: scan.sources,
            counts: scan.counts,
            snapshots: scan.snapshots,
            runs: analysis.runs,
            findings: analysis.findings,
            omittedFindings: analysis.omitted,
            diagnostics: scan.diagnostics,
            diagnosticsByCode: scan.diagnosticsByCode,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      if (partialNote()) out.write(`${partialNote()}\n`);
      out.write(formatAnalysis(scan, analysis, args.top));
    }
    await out.close();
    if (!args.json) printDiagnostics(scan, false);
  },
};
