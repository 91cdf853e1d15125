import type { Server } from 'node:http';
import type { Writable } from 'node:stream';
import type { Argv } from 'yargs';
import { openWriteStream } from './follow-source.js';
import type { LiveMode } from './live-session.js';
import { SchedMetrics, serveMetrics } from './metrics-server.js';

/** The options `watch` and `run` share. */
export interface LiveArgs {
  quiet: boolean;
  color: boolean;
  metrics?: string;
  ndjson?: string;
  ongoing: boolean;
  top: number;
}

export function liveOptions<T>(y: Argv<T>): Argv<T & LiveArgs> {
  // `quiet` is global: its alias (-q) is not declared again here, or --help would list it twice.
  return y
    .option('quiet', {
      type: 'boolean',
      default: false,
      describe: 'no live view and no NDJSON; only the closing summary',
    })
    .option('color', { type: 'boolean', default: true, describe: 'colours in the live view (--no-color: none)' })
    .option('metrics', {
      type: 'string',
      describe: 'serve OpenMetrics for Prometheus at http://HOST:PORT/metrics (PORT 0: any free port)',
    })
    .option('ndjson', {
      type: 'string',
      describe: 'write the NDJSON findings to FILE (also on a terminal, beside the live view)',
    })
    .option('ongoing', {
      type: 'boolean',
      default: false,
      describe:
        'NDJSON: also a line when an episode opens ("ongoing": true), so a problem that goes on is heard of before it ends',
    })
    .option('top', { type: 'number', default: 10, describe: 'findings listed in the closing summary' }) as Argv<
    T & LiveArgs
  >;
}

export interface LiveOutputs {
  mode: LiveMode;
  /** Where the closing summary goes: stdout under the dashboard, stderr when stdout carries NDJSON. */
  summaryTo: Writable;
  metrics?: SchedMetrics;
  server?: Server;
  /** NDJSON file written beside the dashboard. */
  ndjsonFile?: Writable;
  /** Closes the NDJSON file and the metrics server. */
  close(): Promise<void>;
}

/**
 * The dashboard on a terminal; otherwise NDJSON on `ndjsonDefault` (stdout for watch). `--ndjson FILE`
 * sends the NDJSON to a file whatever stdout is.
 */
export async function openLiveOutputs(
  args: LiveArgs,
  ndjsonDefault: Writable,
  /** The `stream` label of a log with one unnamed stream: the file's or the program's name. */
  streamLabel: string,
): Promise<LiveOutputs> {
  const tty = process.stdout.isTTY === true;
  let file: Writable | undefined;
  if (args.ndjson !== undefined) file = await openWriteStream(args.ndjson);
  let mode: LiveMode;
  if (args.quiet) mode = file !== undefined ? { kind: 'ndjson', out: file } : { kind: 'quiet' };
  else if (tty) mode = { kind: 'tty', stream: process.stdout, color: args.color && !process.env.NO_COLOR };
  else mode = { kind: 'ndjson', out: file ?? ndjsonDefault };
  const out: LiveOutputs = {
    mode,
    summaryTo: tty && !args.quiet ? process.stdout : process.stderr,
    close: async () => {
      if (file !== undefined) await new Promise<void>((resolve) => file!.end(resolve));
      out.server?.close();
    },
  };
  if (file !== undefined && mode.kind === 'tty') out.ndjsonFile = file;
  if (args.metrics !== undefined) {
    out.metrics = new SchedMetrics(streamLabel);
    const { url, server } = await serveMetrics(out.metrics, args.metrics, () => {});
    out.server = server;
    process.stderr.write(`gosched: metrics at ${url}\n`);
  }
  return out;
}
