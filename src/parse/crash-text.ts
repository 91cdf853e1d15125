/**
 * The line that says why a program died: printpanics, fatal/throw, or a fatal signal's name
 * (fatalsignal prints sigtable[sig].name, `SIGQUIT: quit`, or `Signal N`).
 */
export const EXIT_TEXT = /^(panic: |fatal error: |SIG[A-Z0-9]+: [a-z]|Signal \d+$)/;

/** Foreign text that the runtime prints when a program dies (runtime.startpanic_m, throw): the exit text and what follows it. */
export const CRASH_TEXT = new RegExp(`${EXIT_TEXT.source}|^(runtime: |\\[signal |goroutine \\d+ \\[)`);
