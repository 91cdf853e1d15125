/** One simulated schedtrace run: the model driven by sysmon's printing, as text and as Snapshots. */
import type { Snapshot } from '../trace/snapshot.js';
import type { WorkloadSpec } from '../workload/spec.js';
import { formatSnapshot } from './format.js';
import { SchedulerModel } from './model.js';
import type { RuntimeCounters } from './runtime/counters.js';
import { goProfile, profileFor } from './profiles.js';

export interface SimulateOptions {
  workload: WorkloadSpec;
  /** Go release whose rules and text are used ('1.19', 'go1.26.1' ...). */
  go: string;
  gomaxprocs: number;
  periodMs: number;
  detail: boolean;
  seed: number;
  durationMs: number;
  /** CPU cores of the modelled machine (default: one per P). */
  cpus?: number;
  /** With cpus: how long a thread holds a core in its turn, ms (machine/machine.ts; default 4, 0: no turns). */
  turnSliceMs?: number;
  /** GODEBUG=asyncpreemptoff=1 (ModelOptions.asyncPreemptOff). */
  asyncPreemptOff?: boolean;
}

export interface SimulateResult {
  snapshots: Snapshot[];
  events: number;
  /** What the runtime did in the run, counted as the patched real runtime counts it (runtime/counters.ts). */
  counters: RuntimeCounters;
}

/** What the dying process prints after the dump: the panic message and the panicking goroutine's header. */
function panicText(s: Snapshot, workload: WorkloadSpec): string {
  const dying = s.detail?.m.find((m) => m.dying > 0);
  const goid = dying?.curg ?? 1;
  return `panic: ${workload.name}: simulated panic at ${workload.crashAtMs ?? s.tMs}ms\n\ngoroutine ${goid} [running]:\nmain.main()`;
}

/**
 * Runs the model for `durationMs` and hands each schedtrace dump to `onText` (lines joined with
 * '\n', no trailing newline) and/or collects the Snapshots. Same options → byte-identical text.
 */
export function simulate(opts: SimulateOptions, onText?: (dump: string) => void, keepSnapshots = true): SimulateResult {
  const profile = profileFor(opts.go);
  const formatVersion = opts.go.replace(/^go/, '') || goProfile(profile).formatVersion;
  const snapshots: Snapshot[] = [];
  let line = 1;
  const model = new SchedulerModel(
    {
      go: profile,
      gomaxprocs: opts.gomaxprocs,
      seed: opts.seed,
      ...(opts.cpus !== undefined ? { cpus: opts.cpus } : {}),
      ...(opts.turnSliceMs !== undefined ? { turnSliceMs: opts.turnSliceMs } : {}),
      ...(opts.asyncPreemptOff === true ? { asyncPreemptOff: true } : {}),
      trace: {
        periodMs: opts.periodMs,
        detail: opts.detail,
        onSnapshot: (s) => {
          s.line = line;
          // The dump of a dying process is detailed whatever scheddetail says (startpanic_m → schedtrace(true)).
          const detail = opts.detail || s.crash === true;
          let text = onText ? formatSnapshot(s, formatVersion, detail) : '';
          if (onText && s.crash) text += `\n${panicText(s, opts.workload)}`;
          if (onText) {
            onText(text);
            line += text.split('\n').length;
          } else line += detail && s.detail ? 1 + s.detail.p.length + s.detail.m.length + s.detail.g.length : 1;
          if (keepSnapshots) snapshots.push(s);
        },
      },
    },
    opts.workload,
  );
  model.runUntil(opts.durationMs);
  return { snapshots, events: model.events, counters: model.counters };
}
