import { readFileSync } from 'node:fs';
import yargs, { type CommandModule } from 'yargs';
import type { GoschedCommand } from './command.js';
import { commandsFor } from './commands/index.js';
import { type CommandOutcome, type Exit, exitForError, exitForOutcome, PipeClosed, UsageError } from './errors.js';
import { validateFlags } from './flags.js';
import { interruptedBy } from './interruption.js';
import { STDIN_PATH } from './line-source.js';
import { abandonOutputs } from './output.js';
import { guardPaths } from './path-guard.js';
import { configureTerminal } from './terminal.js';

export { UsageError } from './errors.js';

/**
 * Builds and runs the CLI on an argument array (so tests can call it in-process) and returns the exit
 * code. This is the one funnel: commands resolve with an outcome or throw, and every outcome becomes
 * an exit code and at most one stderr line here (errors.ts has the table).
 */
export async function runCli(argv: string[]): Promise<number> {
  // yargs drops a lone `-` from positionals; the path of standard input keeps its meaning.
  const args = argv.map((a) => (a === '-' ? STDIN_PATH : a));
  const debug = argv.includes('--debug') || Boolean(process.env.GOSCHED_DEBUG);
  let outcome: CommandOutcome | undefined;
  const parser = yargs(args)
    .scriptName('gosched')
    .usage('$0 <command> [options]\n\nParse, reconstruct, replay and report Go scheduler traces (GODEBUG=schedtrace).')
    .option('quiet', {
      alias: 'q',
      type: 'boolean',
      default: false,
      global: true,
      describe: 'no line counts, diagnostics or notes on stderr (errors still print)',
    })
    .option('color', { type: 'boolean', default: true, global: true, describe: 'colors on a terminal; --no-color off' })
    .option('debug', {
      type: 'boolean',
      default: false,
      global: true,
      describe: 'print the stack of an internal error',
    })
    .strict()
    .demandCommand(1, 'Name a command; see gosched --help.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(packageVersion())
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  // Only the command that runs is loaded (start-up time); the others are listed by name for --help.
  for (const c of await commandsFor(args)) parser.command(withFunnel(c, argv, (o) => (outcome = o)));

  // A reader that goes away makes stdout emit 'error' (EPIPE); without a listener that is a crash.
  let stdoutError: Error | undefined;
  const onStdoutError = (err: Error): void => {
    stdoutError ??= err;
  };
  process.stdout.on('error', onStdoutError);
  let exit: Exit;
  try {
    await parser.parseAsync();
    exit = exitForOutcome(outcome);
  } catch (err) {
    abandonOutputs();
    exit = exitForError(toKnownError(err), debug);
  } finally {
    process.stdout.off('error', onStdoutError);
  }
  if (stdoutError !== undefined && exit.code !== 70) {
    exit =
      (stdoutError as NodeJS.ErrnoException).code === 'EPIPE'
        ? { code: 0 }
        : exitForError(stdoutError, debug).code === 70
          ? { code: 2, message: `gosched: cannot write <stdout>: ${stdoutError.message}` }
          : exit;
  }
  const signal = interruptedBy();
  if (signal !== undefined && typeof outcome !== 'object' && exit.code !== 70 && exit.code !== 64) {
    exit = {
      code: signal === 'SIGINT' ? 130 : 143,
      message:
        exit.message ??
        `gosched: interrupted by ${signal}; the output covers only the input read before it (marked PARTIAL)`,
    };
  }
  if (exit.message !== undefined) process.stderr.write(`${exit.message}\n`);
  return exit.code;
}

/** yargs' own validation errors (unknown argument, bad choice) are usage errors. */
function toKnownError(err: unknown): unknown {
  if (err instanceof Error && err.name === 'YError') return new UsageError(err.message);
  if ((err as NodeJS.ErrnoException | null)?.code === 'EPIPE') return new PipeClosed();
  return err;
}

/**
 * The command with its handler wrapped: flags and paths are checked before anything is read, the
 * terminal switches applied, and the outcome handed to the funnel.
 */
// biome-ignore lint/suspicious/noExplicitAny: each command has its own argument type
type AnyCommand = CommandModule<object, any>;

function withFunnel(
  // biome-ignore lint/suspicious/noExplicitAny: see above
  c: AnyCommand | GoschedCommand<any>,
  argv: readonly string[],
  done: (o: CommandOutcome) => void,
): AnyCommand {
  const handler = c.handler;
  const wrapped: AnyCommand = {
    ...(c as AnyCommand),
    handler: async (a: Record<string, unknown>) => {
      configureTerminal({ quiet: a.quiet === true, color: a.color !== false });
      validateFlags(a, argv);
      guardPaths(a);
      const r = (await handler(a as never)) as unknown;
      done(r === 'failed' || (typeof r === 'object' && r !== null && 'exitCode' in r) ? (r as CommandOutcome) : 'done');
    },
  };
  return wrapped;
}

/**
 * The package's version, from its package.json two folders up (dist/cli/ and dist/bin/ alike):
 * yargs looks for one from the working directory, which printed "unknown" outside the package.
 */
function packageVersion(): string {
  try {
    const v = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }
    ).version;
    return typeof v === 'string' ? v : 'unknown';
  } catch {
    return 'unknown';
  }
}
