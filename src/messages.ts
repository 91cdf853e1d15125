/**
 * Every user-facing diagnostic in one catalog. Code collects diagnostics; only the CLI prints them.
 */

export type Severity = 'info' | 'warning' | 'error';

export const diagnosticCatalog = {
  'malformed-summary': { severity: 'warning', text: (why: string) => `malformed SCHED line: ${why}` },
  'malformed-detail': { severity: 'warning', text: (why: string) => `malformed scheddetail line: ${why}` },
  'cut-line': {
    severity: 'warning',
    text: (why: string) =>
      `scheddetail line cut short: its process stopped while printing the dump (the input ends there, or a restarted process's first dump follows); the rest of the dump is kept: ${why}`,
  },
  'orphan-detail': { severity: 'warning', text: () => 'scheddetail line outside a dump (no SCHED line before it)' },
  'truncated-dump': {
    severity: 'warning',
    text: (seen: number, want: number) => `scheddetail dump cut short: ${seen} of ${want} P lines`,
  },
  'unterminated-partial': {
    severity: 'warning',
    text: () => 'partial (P) container line never completed by a final (F) line',
  },
  'idleprocs-above-gomaxprocs': {
    severity: 'error',
    text: (idle: number, max: number) =>
      `idleprocs=${idle} exceeds gomaxprocs=${max}: no consistent snapshot holds this`,
  },
  'runq-length-mismatch': {
    severity: 'error',
    text: (len: number, max: number) => `per-P list has ${len} entries but gomaxprocs=${max}`,
  },
  'local-queue-above-capacity': {
    severity: 'warning',
    text: (p: number, n: number) => `P${p} local queue ${n} exceeds the 256-slot ring (a racy head/tail read)`,
  },
  'implausible-value': {
    severity: 'error',
    text: (key: string, value: string) => `${key}=${value} is not a value the runtime can print`,
  },
  'time-backwards': {
    severity: 'info',
    text: (from: number, to: number) => `time went back from ${from}ms to ${to}ms: new run (process restarted)`,
  },
  'stream-released': {
    severity: 'info',
    text: (open: number) =>
      `idle while ${open} other streams were active: summarised and released (a line after this starts a new run, numbered by its input line)`,
  },
  'unreadable-line': { severity: 'warning', text: (why: string) => why },
  'interleaved-gctrace': {
    severity: 'info',
    text: (text: string) => `foreign text around a gctrace line was skipped: ${JSON.stringify(text)}`,
  },
  'interleaved-processes': {
    severity: 'warning',
    text: (from: number, to: number) =>
      `time went back from ${from}ms to ${to}ms, not to a process's first dump (about 0ms): two processes print schedtrace into this stream (go run and go test pass GODEBUG to the go command too), so its runs are pieces of both, not restarts; give each process its own log (run the built binary)`,
  },
  'process-lane': {
    severity: 'info',
    text: (from: number, to: number, lane: string) =>
      `dumps of an earlier process go on here (its clock from ${from}ms to ${to}ms) beside the one that started after it: processes print schedtrace into this stream side by side (go run and go test pass GODEBUG to the go command, the compiler and the linker); this process's dumps from here on are the stream ${JSON.stringify(lane)}`,
  },
  'cut-dump': {
    severity: 'warning',
    text: (text: string) =>
      `a SCHED line cut short (its process stopped while printing it), then another dump on the same line: the cut one is not read: ${JSON.stringify(text)}`,
  },
  'cut-gctrace': {
    severity: 'warning',
    text: (text: string) =>
      `gctrace line cut short: its stream ends before the rest of it (its process stopped while printing it: gcMarkTermination writes the line piece by piece, its newline last); its cycle is not read: ${JSON.stringify(text)}`,
  },
  'gctrace-gap': {
    severity: 'warning',
    text: (from: number, to: number, lastLine: number) =>
      `gctrace ${from === to ? `cycle ${from}` : `cycles ${from}-${to}`} missing (cycle ${from - 1} at line ${lastLine}): cut by other output and counted as foreign, or lost on the way`,
  },
  'interleaved-text': {
    severity: 'info',
    text: (text: string) => `foreign text inside a SCHED line was skipped: ${JSON.stringify(text)}`,
  },
} as const;

export type DiagnosticCode = keyof typeof diagnosticCatalog;

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** 1-based input line. */
  line: number;
  /** Stream key, when the line belonged to a known stream. */
  stream?: string;
  message: string;
}

/** Diagnostics quote at most this much of a log's text (a foreign tail can be a megabyte). */
export const EXCERPT_CHARS = 160;

/** The first EXCERPT_CHARS characters of `text`, with the length of what was left out. */
export function excerpt(text: string): string {
  return text.length <= EXCERPT_CHARS
    ? text
    : `${text.slice(0, EXCERPT_CHARS)}… (${text.length - EXCERPT_CHARS} more characters)`;
}

type CatalogArgs<C extends DiagnosticCode> = Parameters<(typeof diagnosticCatalog)[C]['text']>;

export function diagnostic<C extends DiagnosticCode>(
  code: C,
  line: number,
  stream: string | undefined,
  ...args: CatalogArgs<C>
): Diagnostic {
  const entry = diagnosticCatalog[code];
  const text = (entry.text as (...a: unknown[]) => string)(
    ...args.map((x) => (typeof x === 'string' ? excerpt(x) : x)),
  );
  const d: Diagnostic = { code, severity: entry.severity, line, message: text };
  if (stream !== undefined && stream !== '') d.stream = stream;
  return d;
}

/** Every input line lands in exactly one bucket: lines = schedtrace + gctrace + foreign + malformed. */
export interface LineCounts {
  lines: number;
  schedtrace: number;
  /** GODEBUG=gctrace=1 lines read as GC cycles; present only when the input had any. */
  gctrace?: number;
  foreign: number;
  malformed: number;
}

/** Errors the CLI maps to exit code 2 (unreadable input). */
export class InputError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`${source}: ${reason}`);
    this.name = 'InputError';
  }
}
