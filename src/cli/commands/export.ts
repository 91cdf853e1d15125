import type { CommandModule } from 'yargs';
import { LiveFindings } from '../../live/live-findings.js';
import { PerfettoTraceWriter } from '../../report/perfetto-trace.js';
import { openOutput } from '../output.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { scanSources } from '../scan-sources.js';

interface ExportArgs {
  files: string[];
  format: 'perfetto';
  output?: string;
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export <files..>',
  describe:
    'Write the timelines for other viewers: Chrome/Perfetto trace-event JSON (ui.perfetto.dev, chrome://tracing)',
  builder: (y) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'log files (plain or gzip), or - for stdin',
      })
      .option('format', {
        type: 'string',
        choices: ['perfetto'] as const,
        default: 'perfetto' as const,
        describe:
          'perfetto: trace-event JSON, one process per stream, counters per P, findings and GC cycles as slices',
      })
      .option('output', { alias: 'o', type: 'string', describe: 'write to FILE instead of stdout' })
      .example('$0 export app.log --format perfetto -o trace.json', 'then open trace.json in ui.perfetto.dev'),
  handler: async (args) => {
    const out = openOutput(args.output);
    const writer = new PerfettoTraceWriter();
    out.write(writer.begin());
    // Findings close after their last dump; the writer places them by their own times.
    const findings = new LiveFindings((f) => out.write(writer.finding(f)), { keepRuns: 0 });
    const scan = await scanSources(
      args.files,
      (s) => {
        out.write(writer.snapshot(s));
        findings.push(s);
      },
      {
        onBatch: () => out.flush(),
        onStreamReleased: (stream) => {
          findings.release(stream);
          out.write(writer.release(stream));
        },
        onTrailingGc: (stream, run, gc, line) => findings.trailingGc(stream, run, gc, line),
        // gctrace lines interleaved with schedtrace become GC cycles on the same clock.
        onGcCycle: (gc, stream, line) => out.write(writer.gcCycle(stream, gc, line)),
      },
    );
    findings.finish();
    out.write(writer.end());
    await out.close();
    if (args.output !== undefined) process.stderr.write(`wrote ${args.output} (${scan.snapshots} dumps)\n`);
    printDiagnostics(scan, false);
  },
};
