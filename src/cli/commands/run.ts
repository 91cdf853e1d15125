import type { WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { GoschedCommand } from '../command.js';
import { followStream, LineSplitter, openWriteStream } from '../follow-source.js';
import { liveOptions, openLiveOutputs, type LiveArgs } from '../live-options.js';
import { LiveSession } from '../live-session.js';
import { readToTheEnd } from '../interruption.js';
import { isTraceLine, spawnTraced, withSchedtrace } from '../traced-child.js';
import { UsageError } from '../errors.js';
import { reportCommand } from './report.js';

interface RunArgs extends LiveArgs {
  '--'?: (string | number)[];
  program?: string;
  args: string[];
  period: number;
  detail: boolean;
  save?: string;
  report?: string;
}

export const runCommand: GoschedCommand<RunArgs> = {
  command: 'run [program] [args..]',
  describe: 'Run a Go program with schedtrace added to its GODEBUG and watch it live; exits with its status',
  builder: (y) =>
    liveOptions(
      y
        .positional('program', { type: 'string', describe: 'the program to start (after --)' })
        .positional('args', { type: 'string', array: true, default: [], describe: 'its arguments (after --)' })
        .option('period', { type: 'number', default: 1000, describe: 'schedtrace period in ms' })
        .option('detail', { type: 'boolean', default: false, describe: 'add scheddetail=1 (P, M and G lines)' })
        .option('save', { type: 'string', describe: "write the program's whole stderr (the trace log) to FILE" })
        .option('report', { type: 'string', describe: 'write the HTML report of the run to FILE.html at the end' })
        .parserConfiguration({ 'populate--': true, 'parse-positional-numbers': false }),
    )
      .example('$0 run --period 100 -- ./server -port 8080', 'dashboard while the server runs')
      .example('$0 run --save run.log --report run.html -- ./batch', 'keep the log and a report')
      .example('$0 run --metrics 127.0.0.1:9464 --quiet -- ./server', 'feed Prometheus') as never,
  handler: async (args) => {
    // Everything after `--` is the program and its arguments, untouched; yargs leaves it in `_`.
    const rest = [
      ...(args.program !== undefined ? [args.program] : []),
      ...(args.args ?? []),
      ...(args['--'] ?? []),
    ].map(String);
    const program = rest[0];
    if (program === undefined)
      throw new UsageError('name the program to run: gosched run [options] -- PROGRAM ARGS...');
    const programArgs = rest.slice(1);
    const godebug = withSchedtrace(process.env.GODEBUG, args.period, args.detail);
    const outputs = await openLiveOutputs(args, process.stderr, basename(program));
    let tempDir: string | undefined;
    let savePath = args.save;
    if (savePath === undefined && args.report !== undefined) {
      tempDir = await mkdtemp(join(tmpdir(), 'gosched-run-'));
      savePath = join(tempDir, 'trace.log');
    }
    const saved: WriteStream | undefined = savePath === undefined ? undefined : await openWriteStream(savePath);
    const session = new LiveSession({
      sourceName: program,
      mode: outputs.mode,
      top: args.top,
      // The period is known: silence this long after a dump's lines means the dump is whole.
      periodMs: args.period,
      ...(outputs.metrics !== undefined ? { metrics: outputs.metrics } : {}),
      ...(outputs.ndjsonFile !== undefined ? { ndjsonFile: outputs.ndjsonFile } : {}),
      ongoing: args.ongoing,
    });
    const underView = outputs.mode.kind === 'tty';
    // A closed stderr (its reader gone) must not end gosched while the program runs: NDJSON stops there.
    process.stderr.on('error', () => session.ndjsonClosed());
    const { child, exited } = await spawnTraced(program, programArgs, godebug, underView);
    // Under the dashboard the program's stdout is written above it, a whole line at a time.
    const stdoutDone =
      underView && child.stdout !== null
        ? (() => {
            const lines = new LineSplitter((text) => session.passThrough(`${text}\n`, process.stdout));
            return followStream(child.stdout, (b) => lines.push(b), new AbortController().signal, false).then(() =>
              lines.end(),
            );
          })()
        : Promise.resolve();
    const splitter = new LineSplitter((text, first) => {
      saved?.write(`${text}\n`);
      session.pushBlock(text, first);
      // The program's own stderr goes on as it came; the trace lines are what the view shows.
      let foreign = '';
      for (const line of text.split('\n')) if (!isTraceLine(line)) foreign += `${line}\n`;
      if (foreign !== '') session.passThrough(foreign, process.stderr);
    });
    const stop = new AbortController();
    await followStream(child.stderr!, (b) => splitter.push(b), stop.signal, false);
    await stdoutDone;
    const status = await exited;
    splitter.end();
    session.finish(outputs.summaryTo);
    if (saved !== undefined) await new Promise<void>((resolve) => saved.end(resolve));
    await outputs.close();
    if (args.save !== undefined) process.stderr.write(`gosched: saved the trace log to ${args.save}\n`);
    if (args.report !== undefined && savePath !== undefined && session.state.dumps > 0) {
      // The saved log is whole and finite: read all of it, even after Ctrl-C stopped the program.
      await readToTheEnd(async () => {
        await reportCommand.handler({ files: [savePath], output: args.report, replay: true, _: [], $0: 'gosched' });
      });
    }
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
    return { exitCode: status };
  },
};
