import yargs from 'yargs';
import { commandsFor } from './commands/index.js';
import { exitCodeFor, reportError } from './errors.js';
import { STDIN_PATH } from './line-source.js';

/**
 * Builds and runs the CLI on an argument array (so tests can call it in-process) and returns the exit code.
 * Commands set `process.exitCode` through the value they resolve with; errors go through one funnel.
 */
export async function runCli(argv: string[]): Promise<number> {
  let code = 0;
  // yargs drops a lone `-` from positionals; the path of standard input keeps its meaning.
  const args = argv.map((a) => (a === '-' ? STDIN_PATH : a));
  const parser = yargs(args)
    .scriptName('gosched')
    .usage('$0 <command> [options]\n\nParse, reconstruct, replay and report Go scheduler traces (GODEBUG=schedtrace).')
    .strict()
    .demandCommand(1, 'Name a command; see gosched --help.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  // Only the command that runs is loaded (start-up time); the others are listed by name for --help.
  for (const c of await commandsFor(args)) parser.command(c);
  process.exitCode = 0;
  try {
    await parser.parseAsync();
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`gosched: ${err.message}\n`);
      return 2;
    }
    reportError(err);
    code = exitCodeFor(err);
  }
  return code;
}

export class UsageError extends Error {}
