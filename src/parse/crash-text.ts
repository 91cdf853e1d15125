/**
 * The line that says why a program died: printpanics, fatal/throw, or a fatal signal's name
 * (fatalsignal prints sigtable[sig].name, `SIGQUIT: quit`, or `Signal N`).
 */
export const EXIT_TEXT = /^(panic: |fatal error: |SIG[A-Z0-9]+: [a-z]|Signal \d+$)/;

/** Foreign text that the runtime prints when a program dies (runtime.startpanic_m, throw): the exit text and what follows it. */
export const CRASH_TEXT = new RegExp(`${EXIT_TEXT.source}|^(runtime: |\\[signal |goroutine \\d+ \\[)`);

/**
 * A line of the traceback that follows crash text: a frame and its tab-indented file:line, `created
 * by`, elided frames, a `goroutine N gp=…` head, a fatal signal's `PC=` line and registers, and the
 * blank lines between goroutines. Read as such only after crash text (DumpEmitter.crashTextGoesOn).
 */
export const TRACEBACK_LINE =
  /^(?:\t|\s*$|goroutine \d+ |created by |\.\.\.|PC=0x|runtime stack:|[a-z0-9]{2,6} +0x[0-9a-f]+$|[^\s(]\S*\(.*\)$)/;
