/**
 * SIGINT / SIGTERM: the first one stops reading (the sources end where they are) so the command
 * prints what it has, marked partial, and exits 130 / 143; a second one exits at once, unless it
 * came within SAME_STOP_MS of the first: GNU timeout, for one, signals the command and then its
 * whole process group, so one stop arrives twice.
 * Installed by main.ts only: runCli called in-process (tests) leaves the process's signals alone.
 */

export type StopSignal = 'SIGINT' | 'SIGTERM';

const controller = new AbortController();
let received: StopSignal | undefined;
let receivedAt = 0;
/** A second signal sooner than this after the first is the same stop delivered twice. */
export const SAME_STOP_MS = 300;
/** Set while a command reads a file it wrote itself to its end (readToTheEnd). */
let wholeRead = 0;

/** Aborted when a stop signal arrived; the line source stops reading at the next chunk. */
export const stopReading: AbortSignal = controller.signal;

/** Whether the line source stops reading files now: a stop signal arrived, and no readToTheEnd is running. */
export function stopRequested(): boolean {
  return controller.signal.aborted && wholeRead === 0;
}

/**
 * Runs `read` with files read to their end whatever signal arrived: for a finite file the command
 * wrote itself, such as run's --save log, read for its --report after the program ended.
 */
export async function readToTheEnd<T>(read: () => Promise<T>): Promise<T> {
  wholeRead++;
  try {
    return await read();
  } finally {
    wholeRead--;
  }
}

/** The signal that interrupted the run, if any (none inside readToTheEnd: that read is whole). */
export function interruptedBy(): StopSignal | undefined {
  return wholeRead > 0 ? undefined : received;
}

/** Marks the run interrupted (what a signal handler does; tests call it directly). */
export function interrupt(signal: StopSignal): void {
  if (received === undefined) {
    received = signal;
    receivedAt = Date.now();
    controller.abort(signal);
  }
}

export function installSignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (received !== undefined) {
        if (Date.now() - receivedAt < SAME_STOP_MS) return;
        process.exit(signal === 'SIGINT' ? 130 : 143);
      }
      interrupt(signal);
    });
  }
}

/** A note for a result that covers only what was read before the signal; '' when not interrupted. */
export function partialNote(): string {
  const by = interruptedBy();
  return by === undefined ? '' : `PARTIAL: interrupted by ${by}; this covers only the input read before it`;
}

/** `{ partial: "SIGINT" }` for a JSON result of an interrupted run, `{}` otherwise. */
export function partialField(): { partial?: StopSignal } {
  const by = interruptedBy();
  return by === undefined ? {} : { partial: by };
}
