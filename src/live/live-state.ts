import type { Finding, FindingKind } from '../findings/finding.js';
import type { LineCounts } from '../messages.js';
import type { FormatEra, Snapshot } from '../trace/snapshot.js';
import type { TimelinePoint } from '../trace/timeline.js';
import { RecentItems, RollingWindow } from './rolling-window.js';

/** Points kept for the sparklines of each stream. */
export const SPARK_POINTS = 40;
/** Findings kept for the view (all are counted). */
export const RECENT_FINDINGS = 50;
/** Period assumed until two dumps of a stream show it. */
export const DEFAULT_PERIOD_MS = 1000;

/** What the live view shows of one stream (one process): its latest dump and short histories. */
export interface StreamView {
  stream: string;
  run: number;
  era: FormatEra;
  latest: TimelinePoint;
  dumps: number;
  /** Milliseconds between the last two dumps of the run (the schedtrace period), when known. */
  periodMs: number | null;
  global: RollingWindow;
  idle: RollingWindow;
  threads: RollingWindow;
  spinning: RollingWindow;
  /** The latest dump was printed by a dying process. */
  crash: boolean;
}

/**
 * The view model of `watch` and `run`, updated per dump and per finding. Bounded: one StreamView per
 * stream, fixed windows, the last RECENT_FINDINGS findings; so memory stays flat however long it runs.
 */
export class LiveState {
  readonly streams = new Map<string, StreamView>();
  readonly recent = new RecentItems<Finding>(RECENT_FINDINGS);
  readonly findingCounts = new Map<FindingKind, number>();
  /** Episodes still going on at the latest dump (see LiveFindings.ongoing). */
  ongoing: Finding[] = [];
  dumps = 0;
  /** Line accounting of the parser (the live object, read when rendering). */
  counts: LineCounts = { lines: 0, schedtrace: 0, foreign: 0, malformed: 0 };

  onDump(s: Snapshot, pt: TimelinePoint): StreamView {
    this.dumps++;
    let v = this.streams.get(s.stream);
    if (v === undefined) {
      v = {
        stream: s.stream,
        run: s.run,
        era: s.era,
        latest: pt,
        dumps: 0,
        periodMs: null,
        global: new RollingWindow(SPARK_POINTS),
        idle: new RollingWindow(SPARK_POINTS),
        threads: new RollingWindow(SPARK_POINTS),
        spinning: new RollingWindow(SPARK_POINTS),
        crash: false,
      };
      this.streams.set(s.stream, v);
    } else if (v.run === s.run && pt.tMs !== null && v.latest.tMs !== null && pt.tMs > v.latest.tMs) {
      v.periodMs = pt.tMs - v.latest.tMs;
    }
    v.run = s.run;
    v.era = s.era;
    v.latest = pt;
    v.dumps++;
    v.crash = s.crash === true;
    v.global.push(pt.runqueue);
    v.idle.push(pt.idleprocs);
    v.threads.push(pt.threads);
    v.spinning.push(pt.spinningthreads ?? 0);
    return v;
  }

  onFinding(f: Finding): void {
    this.recent.push(f);
    this.findingCounts.set(f.kind, (this.findingCounts.get(f.kind) ?? 0) + 1);
  }

  /** The longest period any stream shows: how long input may stay quiet before an open dump counts as whole. */
  periodMs(): number {
    let p = 0;
    for (const v of this.streams.values()) if (v.periodMs !== null) p = Math.max(p, v.periodMs);
    return p > 0 ? p : DEFAULT_PERIOD_MS;
  }
}
