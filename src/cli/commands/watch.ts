import { basename } from 'node:path';
import type { GoschedCommand } from '../command.js';
import { followFile, followStream, isGzipFile, LineSplitter } from '../follow-source.js';
import { describeSource, readTextBlocks, STDIN_PATH } from '../line-source.js';
import { liveOptions, openLiveOutputs, type LiveArgs } from '../live-options.js';
import { LiveSession } from '../live-session.js';
import { onStopSignals } from '../stop-signals.js';

interface WatchArgs extends LiveArgs {
  file: string;
  period?: number;
  poll: number;
}

export const watchCommand: GoschedCommand<WatchArgs> = {
  command: 'watch [file]',
  describe: 'Follow a growing log (tail -F) or a pipe live: dashboard on a terminal, NDJSON findings otherwise',
  builder: (y) =>
    liveOptions(
      y
        .positional('file', {
          type: 'string',
          default: '-',
          describe: 'log file to follow (survives rotation and truncation), or - for stdin',
        })
        .option('period', {
          type: 'number',
          describe: 'schedtrace period in ms: silence this long ends an open dump (default: read from the dumps)',
        })
        .option('poll', { type: 'number', default: 200, describe: 'ms between checks of a file at its end' }),
    )
      .example('$0 watch app.log', 'follow a log file; Ctrl-C prints the summary')
      .example('kubectl logs -f pod | $0 watch -', 'follow a pipe (any envelope parse reads)')
      .example('$0 watch app.log --metrics 127.0.0.1:9464 --quiet', 'feed Prometheus') as never,
  handler: async (args) => {
    const source = args.file === '-' ? STDIN_PATH : args.file;
    const name = describeSource(source);
    const outputs = await openLiveOutputs(args, process.stdout, source === STDIN_PATH ? 'stdin' : basename(source));
    const session = new LiveSession({
      sourceName: name,
      mode: outputs.mode,
      top: args.top,
      ...(outputs.metrics !== undefined ? { metrics: outputs.metrics } : {}),
      ...(outputs.ndjsonFile !== undefined ? { ndjsonFile: outputs.ndjsonFile } : {}),
      ongoing: args.ongoing,
      ...(args.period !== undefined ? { periodMs: args.period } : {}),
    });
    const splitter = new LineSplitter((text, first) => session.pushBlock(text, first));
    const stop = new AbortController();
    const release = onStopSignals(() => stop.abort());
    // The NDJSON reader went away (`gosched watch - | head -1`): stop following, as tail does, and sum up on stderr.
    const onStdoutError = (err: NodeJS.ErrnoException): void => {
      if (err.code !== 'EPIPE') return;
      session.ndjsonClosed();
      stop.abort();
    };
    process.stdout.on('error', onStdoutError);
    try {
      if (source === STDIN_PATH && process.stdin.isTTY === true)
        process.stderr.write(
          'gosched: reading schedtrace lines from the terminal (Ctrl-D ends); pipe a log in or name a file\n',
        );
      if (source === STDIN_PATH) await followStream(process.stdin, (b) => splitter.push(b), stop.signal);
      else if (await isGzipFile(source)) {
        // A compressed file is not appended to: it is read to its end, like analyze reads it.
        for await (const block of readTextBlocks(source)) {
          session.pushBlock(block.text, block.first);
          if (stop.signal.aborted) break;
        }
      } else await followFile(source, (b) => splitter.push(b), { pollMs: args.poll, signal: stop.signal });
    } finally {
      release();
    }
    if (stop.signal.aborted && process.stdout.destroyed) process.stdout.off('error', onStdoutError);
    // At the end of input a last line without \n is still a line; when stopped (Ctrl-C, reader gone)
    // the bytes after the last \n are a line still being written, not one yet.
    if (!stop.signal.aborted) splitter.end();
    session.finish(outputs.summaryTo);
    await outputs.close();
    if (source === STDIN_PATH) process.stdin.destroy();
    // Ctrl-C is how a watch ends: the summary was printed, and that is success.
    return { exitCode: 0 };
  },
};
