import { InputError } from '../messages.js';

/** Exit codes: 0 done (warnings allowed), 1 a gate failed, 2 unreadable input or bad usage, 70 internal error. */
export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 70;

export function exitCodeFor(err: unknown): number {
  return err instanceof InputError ? EXIT_BAD_INPUT : EXIT_INTERNAL;
}

/** One line on stderr, no stack trace unless GOSCHED_DEBUG is set. */
export function reportError(err: unknown): void {
  if (err instanceof InputError) {
    process.stderr.write(`gosched: ${err.source}: ${err.reason}\n`);
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`gosched: internal error: ${message}\n`);
  if (process.env.GOSCHED_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
}
