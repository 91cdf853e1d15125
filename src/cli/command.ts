import type { ArgumentsCamelCase, CommandModule } from 'yargs';
import type { CommandOutcome } from './errors.js';

/**
 * A gosched command: a yargs command module whose handler resolves with its outcome ('failed' when a
 * gate or a diff threshold failed) instead of setting `process.exitCode`; run-cli.ts maps it to the exit code.
 * A handler that resolves with nothing is 'done'.
 */
export type GoschedCommand<A> = Omit<CommandModule<object, A>, 'handler'> & {
  handler(args: ArgumentsCamelCase<A>): Promise<CommandOutcome | undefined> | CommandOutcome | undefined;
};
