import { FIRST_DUMP_MS } from '../../trace/runtime-constants.js';
import { type Check, FIRST_DUMP, runList } from '../check.js';
import type { Finding, FindingOf } from '../finding.js';
import type { RestartEvidence } from '../evidence.js';
import { isGoBuildHeader } from '../../trace/go-build-output.js';
import { type BesideRuns, MAX_PROCESS_LANES } from '../../trace/snapshot.js';

/** What to do where several processes print into one stream. */
const SEPARATE_LOGS =
  'Give each process its own log: run the built binary rather than go run or go test with GODEBUG set, or send the program’s stderr to a file of its own.';

/** A run after the first: the stream printed SCHED 0ms again (schedtrace sets starttime on its first call). */
export const restart: Check<'restart'> = {
  kind: 'restart',
  basis: 'arithmetic',
  severity: 'warning',
  mergeGap: { dumps: 0, ms: -1 },
  perP: false,
  quietUnless: { wakesOn: FIRST_DUMP, settlesAfter: 0 },
  create: () => ({
    reset() {},
    step({ run, index, cur }) {
      if (run === 0 || index !== 0) return null;
      const evidence = { run, exitText: cur.exitText ?? null, priorOutput: cur.priorOutput ?? null, firstMs: cur.tMs };
      // A new process's first dump is at about 0 ms: a run that begins later is more likely another
      // process's dumps between this one's (the parser's interleaved-processes), or lines reordered.
      if (cur.tMs !== null && cur.tMs > FIRST_DUMP_MS && evidence.exitText === null)
        return {
          confidence: 'possible',
          confidenceReason: `the clock went back to ${cur.tMs} ms, not to a process's first dump`,
          evidence,
          impact: 0,
        };
      return { confidence: 'certain', confidenceReason: "schedtrace's clock went back", evidence, impact: 1e9 };
    },
  }),
  merge() {},
  explain(f) {
    const e = f.evidence;
    if (e.interleaved === true && e.exitText === null) {
      const n = e.processes ?? 1;
      const runs =
        n === 1
          ? `Run ${e.run} of this stream begins`
          : `${n} runs of this stream begin (the first here, run ${e.run})`;
      return {
        explanation: `${runs} where schedtrace's clock went back, but possibly no ${n === 1 ? 'restart' : 'restarts'}: processes print into this stream side by side (go run and go test pass GODEBUG to the go command, the compiler and the linker, which print schedtrace too), so a run that begins is a process that started, beside the others rather than after one that died. Where a process's dumps go on after a later one began, they are followed as a stream of their own (process 2, process 3, ...).`,
        suggestion: SEPARATE_LOGS,
      };
    }
    if (e.firstMs !== null && e.firstMs > FIRST_DUMP_MS && e.exitText === null)
      return {
        explanation: `Run ${e.run} begins where schedtrace's clock went back, but to ${e.firstMs} ms: a new process prints its first dump at about 0 ms (sysmon's first loop), so this is possibly no restart but another process printing into the same log, its dumps between this one's (go run and go test pass GODEBUG to the go command, which prints schedtrace too), or lines reordered on the way.`,
        suggestion: SEPARATE_LOGS,
      };
    return {
      explanation:
        e.exitText !== null
          ? `The process restarted after dying with "${e.exitText}": schedtrace's clock starts at 0 with each process, and run ${e.run} begins here.`
          : e.priorOutput !== null
            ? `The process restarted: schedtrace's clock starts at 0 with each process, and run ${e.run} begins here. No panic or fatal error was printed before it; the last line of other output after the run before's last dump was ${JSON.stringify(e.priorOutput.text)} (line ${e.priorOutput.line}). If that is the program's own last word (log.Fatal prints one, then exits with status 1), it exited on its own; otherwise it was stopped (an OOM kill, a signal, a deploy).${e.sameLastWords !== undefined ? ` ${exitLoopWords(e.sameLastWords)}` : ''}`
            : `The process restarted: schedtrace's clock starts at 0 with each process, and run ${e.run} begins here; no panic or fatal error was printed before it: the process exited on its own (log.Fatal, os.Exit, a return from main) or was stopped (an OOM kill, a signal, a deploy).`,
      suggestion:
        e.exitText !== null
          ? 'Fix the panic; the traceback printed after it in the log names the goroutine and the line.'
          : "Read the program's own last lines before the restart (log.Fatal prints one), its exit code, the container runtime and the kernel log for an OOM kill, or the deploy history.",
    };
  },
};

/** Whether a restart finding shows its stream holds more than one process's dumps (its run began mid-clock). */
export function showsInterleaving(f: Finding): f is FindingOf<'restart'> {
  return f.kind === 'restart' && f.evidence.exitText === null && (f.evidence.firstMs ?? 0) > FIRST_DUMP_MS;
}

/**
 * How many runs after a run began a process alive before it can print again and still be told
 * apart (parse/process-lanes.ts follows at most MAX_PROCESS_LANES quiet processes, one more each
 * run). Evidence that comes later is not used, so a streaming gate can decide a run this many runs on.
 */
export const BESIDE_RUNS = MAX_PROCESS_LANES + 2;

/** A restart that names no exit text and is not yet read as a process beside others. */
export function undecidedRestart(f: Finding): f is FindingOf<'restart'> {
  return f.kind === 'restart' && f.evidence.exitText === null && f.evidence.interleaved !== true;
}

/**
 * Whether run `run` of a stream began beside a process that went on (Snapshot.beside: runs `from`
 * + 1 to `to`), by evidence that came while at most BESIDE_RUNS more runs had begun.
 */
export function besideCovers(e: { from: number; to: number }, run: number): boolean {
  return e.from < run && run <= e.to && e.to <= run + BESIDE_RUNS;
}

/**
 * A run that began mid-clock (showsInterleaving) is another process's dumps: one that began up to
 * BESIDE_RUNS runs before it, which is followed no longer.
 */
function midClockEvidence(f: FindingOf<'restart'>): BesideRuns {
  return { stream: f.stream, from: f.evidence.run - BESIDE_RUNS, to: f.evidence.run };
}

/**
 * The restarts of `fs` (one run's or a whole trace's) that began beside a process that went on
 * (`beside`, and runs that began mid-clock among `fs`) or right after the go command's header for a
 * package's build output: each is a `possible` note, since there a run at 0 ms is a process that
 * began, not one that replaced a dead one. A restart after a panic or
 * fatal error stays as it is. Other findings are returned as they are; the changed ones are copies.
 */
export function decideBeside(fs: readonly Finding[], beside: readonly BesideRuns[]): Finding[] {
  const midClock = fs.filter(showsInterleaving);
  const byStream = groupByStream([...beside, ...midClock.map(midClockEvidence)]);
  return fs.map((f) => {
    if (!undecidedRestart(f)) return f;
    if (relayedByGo(f)) return besideRestart(f);
    const evidence = byStream.get(f.stream);
    return evidence?.some((e) => besideCovers(e, f.evidence.run)) === true ? besideRestart(f) : f;
  });
}

/** A restart whose run the go command relayed as a package's build output: a compiler's dumps, not the program's. */
function relayedByGo(f: FindingOf<'restart'>): boolean {
  return f.evidence.priorOutput !== null && isGoBuildHeader(f.evidence.priorOutput.text);
}

/** A restart read as a process that began beside others (decideBeside). */
export function besideRestart(f: FindingOf<'restart'>): FindingOf<'restart'> {
  const copy = {
    ...f,
    evidence: { ...f.evidence, interleaved: true },
    severity: 'info' as const,
    confidence: 'possible' as const,
    confidenceReason: 'another process printed into the stream after this run began',
    impact: 0,
  };
  return { ...copy, ...restart.explain(copy) };
}

/** A restart decideBeside read as a process that began beside others. */
export function isBesideRestart(f: Finding): f is FindingOf<'restart'> {
  return f.kind === 'restart' && f.evidence.interleaved === true && f.evidence.exitText === null;
}

/**
 * The restarts decideBeside read as processes beside others, one note per stream: on the first of
 * them, counting them all (go run starts a compiler per package: one event, not a hundred).
 */
export function collapseBeside(fs: readonly Finding[]): Finding[] {
  const byStream = groupByStream(fs.filter(isBesideRestart));
  if (byStream.size === 0) return [...fs];
  const out: Finding[] = [];
  for (const f of fs) {
    if (!isBesideRestart(f)) {
      out.push(f);
      continue;
    }
    const all = byStream.get(f.stream)!;
    if (all[0] !== f) continue;
    if (all.length === 1) {
      out.push(f);
      continue;
    }
    out.push(besideNote(f, all[all.length - 1]!, all.length));
  }
  return out;
}

/** The one note of a stream's `count` restarts read as processes beside others, `first` to `last` (collapseBeside). */
export function besideNote(
  first: FindingOf<'restart'>,
  last: FindingOf<'restart'>,
  count: number,
): FindingOf<'restart'> {
  const copy = {
    ...first,
    evidence: { ...first.evidence, processes: count },
    lastLine: last.lastLine,
    episode: { ...first.episode, hits: count },
  };
  return { ...copy, ...restart.explain(copy) };
}

/** Items by their stream, each list in the items' order. */
function groupByStream<T extends { stream: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const list = out.get(x.stream);
    if (list === undefined) out.set(x.stream, [x]);
    else list.push(x);
  }
  return out;
}

function exitLoopWords(same: NonNullable<RestartEvidence['sameLastWords']>): string {
  return `The same last words, their time apart, came before ${same.atLeast ? 'at least ' : ''}${same.restarts} restarts of this stream (runs ${runList(same.runs, same.restarts)}): a crash loop, the program ending the same way again and again, not a one-off.`;
}
