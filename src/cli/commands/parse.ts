import type { CommandModule } from 'yargs';
import { SnapshotCsvWriter } from '../../report/snapshot-csv.js';
import { SnapshotJsonWriter } from '../../report/snapshot-json.js';
import { openOutput } from '../output.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { scanSources } from '../scan-sources.js';

interface ParseArgs {
  files: string[];
  format: 'ndjson' | 'csv' | 'json';
  output?: string;
}

export const parseCommand: CommandModule<object, ParseArgs> = {
  command: 'parse <files..>',
  describe: 'Read schedtrace logs and print every snapshot (NDJSON, CSV or JSON)',
  builder: (y) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'log files (plain or gzip), or - for stdin',
      })
      .option('format', {
        choices: ['ndjson', 'csv', 'json'] as const,
        default: 'ndjson' as const,
        describe: 'output format',
      })
      .option('output', { alias: 'o', type: 'string', describe: 'write to FILE instead of stdout' })
      .example('$0 parse app.log', 'one JSON object per snapshot on stdout')
      .example('kubectl logs api-7d9 | $0 parse - --format csv -o sched.csv', 'tidy CSV, one row per snapshot and P'),
  handler: async (args) => {
    const out = openOutput(args.output);
    const csv = args.format === 'csv' ? new SnapshotCsvWriter() : null;
    const json = new SnapshotJsonWriter();
    const writer = csv ?? json;
    const ndjson = args.format === 'ndjson';
    let first = true;
    // The writers' buffers are reused: their bytes go out before the next snapshot is written.
    const writeOut = (bytes: Uint8Array): void => out.writeNow(bytes);
    if (args.format === 'json') out.write('{"snapshots":[');
    const scan = await scanSources(
      args.files,
      (s) => {
        if (csv !== null) csv.write(s);
        else if (ndjson) json.writeLine(s);
        else json.writeElement(s, first);
        first = false;
        if (writer.size >= 1 << 16) writer.drain(writeOut);
      },
      {
        onBatch: () => {
          writer.drain(writeOut);
          return out.flush();
        },
        // Plain summary dumps are written from the scanner's rows, with no Snapshot each. CSV rows
        // hold P lines only: G and M lines are then counted, not kept one record each. No format
        // prints GC records: gctrace lines are only counted.
        columns: {
          goroutineRecords: csv === null,
          gcRecords: false,
          onSummaryBatch: (batch) => {
            for (let r = 0; r < batch.size; r++) {
              if (csv !== null) csv.writeRow(batch, r);
              else if (ndjson) json.writeRowLine(batch, r);
              else json.writeRowElement(batch, r, first);
              first = false;
              if (writer.size >= 1 << 16) writer.drain(writeOut);
            }
          },
        },
      },
    );
    writer.drain(writeOut);
    if (args.format === 'json') {
      out.write(
        `\n],"counts":${JSON.stringify(scan.counts)},"sources":${JSON.stringify(scan.sources)},"diagnostics":${JSON.stringify(scan.diagnostics)}}\n`,
      );
    }
    await out.close();
    printDiagnostics(scan);
  },
};
