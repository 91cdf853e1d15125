/**
 * SIGINT / SIGTERM: the first one stops reading (the sources end where they are) so the command
 * prints what it has, marked partial, and exits 130 / 143; a second one exits at once.
 * Installed by main.ts only: runCli called in-process (tests) leaves the process's signals alone.
 */

export type StopSignal = 'SIGINT' | 'SIGTERM';

const controller = new AbortController();
let received: StopSignal | undefined;

/** Aborted when a stop signal arrived; the line source stops reading at the next chunk. */
export const stopReading: AbortSignal = controller.signal;

/** The signal that interrupted the run, if any. */
export function interruptedBy(): StopSignal | undefined {
  return received;
}

/** Marks the run interrupted (what a signal handler does; tests call it directly). */
export function interrupt(signal: StopSignal): void {
  if (received === undefined) {
    received = signal;
    controller.abort(signal);
  }
}

export function installSignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (received !== undefined) process.exit(signal === 'SIGINT' ? 130 : 143);
      interrupt(signal);
    });
  }
}

/** A note for a result that covers only what was read before the signal; '' when not interrupted. */
export function partialNote(): string {
  return received === undefined ? '' : `PARTIAL: interrupted by ${received}; this covers only the input read before it`;
}

/** `{ partial: "SIGINT" }` for a JSON result of an interrupted run, `{}` otherwise. */
export function partialField(): { partial?: StopSignal } {
  return received === undefined ? {} : { partial: received };
}
