import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { InputError } from '../messages.js';

/** GODEBUG keys gosched run sets; any earlier value of them in the environment is dropped. */
const OWN_KEYS = new Set(['schedtrace', 'scheddetail']);

/** The child's GODEBUG: its existing settings kept, schedtrace (and scheddetail) added. */
export function withSchedtrace(existing: string | undefined, periodMs: number, detail: boolean): string {
  const kept = (existing ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !OWN_KEYS.has(s.split('=')[0]!.trim()));
  kept.push(`schedtrace=${periodMs}`);
  if (detail) kept.push('scheddetail=1');
  return kept.join(',');
}

/** A line the runtime's schedtrace printed (summary, or a P/M/G line of a detailed dump). */
export function isTraceLine(line: string): boolean {
  return /^SCHED \d/.test(line) || /^ {2}[PMG]\d+: /.test(line);
}

/** Signals passed on to the child rather than acted on. */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGQUIT',
  'SIGUSR1',
  'SIGUSR2',
];

export interface TracedChild {
  child: ChildProcess;
  /** Resolves with the exit status a shell would report: the code, or 128 + the signal's number. */
  exited: Promise<number>;
}

/**
 * Starts the program with stdin and stdout inherited (untouched) and stderr piped to gosched, and
 * forwards FORWARDED_SIGNALS to it while it runs.
 */
export async function spawnTraced(
  program: string,
  args: string[],
  godebug: string,
  /** Pipe stdout too (under the dashboard, whose redraws would otherwise overwrite the program's lines). */
  pipeStdout = false,
): Promise<TracedChild> {
  const child = spawn(program, args, {
    stdio: ['inherit', pipeStdout ? 'pipe' : 'inherit', 'pipe'],
    env: { ...process.env, GODEBUG: godebug },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(new InputError(program, err.code === 'ENOENT' ? 'no such program' : `cannot start: ${err.message}`)),
    );
  });
  // Ctrl-C and Ctrl-\ on a terminal already reach the whole foreground process group, the program
  // included: sending them again would be a second Ctrl-C, which many servers take as "force quit".
  const fromTerminal = process.stdin.isTTY === true;
  const forward = (sig: NodeJS.Signals): void => {
    if (fromTerminal && (sig === 'SIGINT' || sig === 'SIGQUIT')) return;
    child.kill(sig);
  };
  for (const s of FORWARDED_SIGNALS) process.on(s, forward);
  const exited = new Promise<number>((resolve) => {
    child.once('close', (code, signal) => {
      for (const s of FORWARDED_SIGNALS) process.off(s, forward);
      resolve(code ?? 128 + (signal !== null ? (constants.signals[signal] ?? 0) : 0));
    });
  });
  return { child, exited };
}
