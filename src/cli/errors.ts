import { InputError } from '../messages.js';

/**
 * The one way out of the CLI. Every outcome maps to an exit code and at most one stderr line:
 *
 * - 0 done (warnings allowed), or the reader of stdout went away (EPIPE), as `grep` and `head` do;
 * - 1 a gate (`check`, `fidelity`) or a diff threshold failed;
 * - 2 bad input, or an output that cannot be written (the message names which one and why);
 * - 64 a usage error (a flag that does not parse or is out of range; the message names the flag);
 * - 70 a bug in gosched, with a hint to report it;
 * - 130 / 143 interrupted by SIGINT / SIGTERM (what was read so far is printed, marked partial).
 */
export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_USAGE = 64;
export const EXIT_INTERNAL = 70;
export const EXIT_SIGINT = 130;
export const EXIT_SIGTERM = 143;

/** What a command resolves with: done, or a gate/diff that failed. Commands never set `process.exitCode`. */
/**
 * What a command resolved with: done, a failed gate or diff, or an exit status it owns (`run` passes
 * on its program's; `watch` stops on Ctrl-C by design, so a signal is no interruption there).
 */
export type CommandOutcome = 'done' | 'failed' | { exitCode: number };

/** A flag that does not parse, is out of range, or conflicts with another (exit 64). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An output (stdout, `-o`, `--junit`, `--summary`, `--svg`) that cannot be written (exit 2). */
export class OutputError extends Error {
  constructor(
    readonly output: string,
    readonly reason: string,
  ) {
    super(`cannot write ${output}: ${reason}`);
    this.name = 'OutputError';
  }
}

/** The reader of stdout closed the pipe: stop quietly, exit 0. */
export class PipeClosed extends Error {
  constructor() {
    super('stdout closed by its reader');
    this.name = 'PipeClosed';
  }
}

/** A system error code in words (the user sees these, not `ENOSPC: ...` with a syscall name). */
export function systemReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException | null;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'EFBIG':
      return 'file too large';
    case 'EIO':
      return 'input/output error';
    case 'EXDEV':
      return 'cannot rename across file systems';
    default:
      return e instanceof Error ? e.message : String(err);
  }
}

export interface Exit {
  code: number;
  /** One line for stderr (without the trailing newline), or none. */
  message?: string;
}

/** Maps a thrown value to its exit code and message (the funnel's error half). */
export function exitForError(err: unknown, debug: boolean): Exit {
  if (err instanceof PipeClosed) return { code: EXIT_OK };
  if (err instanceof UsageError) return { code: EXIT_USAGE, message: `gosched: ${err.message} (see --help)` };
  if (err instanceof InputError) return { code: EXIT_BAD_INPUT, message: `gosched: ${err.source}: ${err.reason}` };
  if (err instanceof OutputError) return { code: EXIT_BAD_INPUT, message: `gosched: ${err.message}` };
  const text = err instanceof Error ? err.message : String(err);
  const stack = debug && err instanceof Error && err.stack ? `\n${err.stack}` : '';
  return {
    code: EXIT_INTERNAL,
    message: `gosched: internal error: ${text}\n  this is a bug in gosched; please report it with the command line${debug ? '' : ' and the output of the same command with --debug'}${stack}`,
  };
}

/** Maps a command's outcome to its exit code (the funnel's success half). */
export function exitForOutcome(outcome: CommandOutcome | undefined): Exit {
  if (typeof outcome === 'object') return { code: outcome.exitCode };
  return { code: outcome === 'failed' ? EXIT_GATE_FAILED : EXIT_OK };
}
