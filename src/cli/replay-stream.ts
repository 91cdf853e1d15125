import {
  FreeRun,
  type OneStepAccumulator,
  RunReplayer,
  type RunReplay,
  WhatIfReplay,
  type WhatIfOptions,
  type WhatIfResult,
} from '../replay/index.js';
import type { Snapshot } from '../trace/snapshot.js';
import type { TimelinePoint } from '../trace/timeline.js';
import { type RunHead, RunPointStream } from '../trace/timeline-builder.js';
import { Spool } from './spool.js';

/**
 * Text a run keeps in memory before its spools go to a temporary file: small, since every open run
 * of every stream has its own (at most 4096 open streams, parse/limits.ts).
 */
const RUN_SPOOL_BYTES = 16 << 10;

export interface ReplayStreamOptions {
  seed: number;
  cpus?: number;
  /** Make the NDJSON `interval` and `free-run` records (`replay --json`). */
  records: boolean;
  /** With records: one `interval` record per one-step residual. */
  residuals: boolean;
  whatIf: WhatIfOptions | null;
}

/** A replayed run: its one-step and free-running replay, records spooled, what-if figures. */
export interface FinishedReplay {
  replay: RunReplay;
  acc: OneStepAccumulator;
  /** The run's `interval` then `free-run` NDJSON records (empty without options.records). */
  records: Spool;
  whatIf: WhatIfResult | null;
}

interface OpenRun {
  replayer: RunReplayer;
  /** The replayable prefix's dumps after the first, for the second pass (free run and what-if). */
  prefix: Spool;
  records: Spool;
  id: string;
}

/**
 * `replay` a dump at a time: each run is replayed one step ahead as its dumps are read; when it
 * ends, the free-running and what-if replays, which start from a fit of the whole run, go over its
 * dumps again from a spool. Memory holds, per open run, a model, its fits and a few KiB of text,
 * whatever the run's length.
 */
export class ReplayStream {
  private readonly points: RunPointStream<OpenRun>;
  private readonly open = new Set<OpenRun>();

  constructor(
    private readonly options: ReplayStreamOptions,
    onRun: (r: FinishedReplay) => void,
  ) {
    const opts = { seed: options.seed, ...(options.cpus !== undefined ? { cpus: options.cpus } : {}) };
    this.points = new RunPointStream<OpenRun>({
      start: (head) => {
        const records = new Spool(RUN_SPOOL_BYTES);
        const id = `"stream":${JSON.stringify(head.stream)},"run":${head.run}`;
        // A callback, even a no-op, keeps the replayer from holding the run's residuals.
        const onResidual =
          options.records && options.residuals
            ? (r: object) => records.write(`{"type":"interval",${id},${JSON.stringify(r).slice(1)}\n`)
            : () => {};
        const o: OpenRun = {
          replayer: new RunReplayer(head.stream, head.run, head.era, opts, onResidual),
          prefix: new Spool(RUN_SPOOL_BYTES),
          records,
          id,
        };
        this.open.add(o);
        return o;
      },
      point: (o, pt, head) => {
        if (o.replayer.add(pt, head.era)) o.prefix.write(`${JSON.stringify(pt)}\n`);
      },
      end: (o, head) => {
        this.open.delete(o);
        onRun(this.finish(o, head, opts));
      },
    });
  }

  add(s: Snapshot): void {
    this.points.add(s);
  }

  release(stream: string): void {
    this.points.release(stream);
  }

  end(): void {
    this.points.end();
  }

  /** Removes the temporary files of runs still open (after an error). */
  dispose(): void {
    for (const o of this.open) {
      o.prefix.dispose();
      o.records.dispose();
    }
    this.open.clear();
  }

  private finish(o: OpenRun, head: RunHead, opts: { seed: number; cpus?: number }): FinishedReplay {
    const { replay, acc, freeRunStart } = o.replayer.finish();
    const records = this.options.records;
    let whatIf: WhatIfResult | null = null;
    if (freeRunStart === null) {
      o.prefix.dispose();
      replay.freeRun = { points: [], maeModel: 0 };
    } else {
      const free = new FreeRun(freeRunStart, opts, (p) => {
        if (records) o.records.write(`{"type":"free-run",${o.id},${JSON.stringify(p).slice(1)}\n`);
      });
      const what =
        this.options.whatIf !== null
          ? new WhatIfReplay(head.stream, head.run, freeRunStart, head.era, this.options.whatIf)
          : null;
      const lines = o.prefix.lines();
      lines.next(); // the first dump, which the free run starts from
      for (const line of lines) {
        const pt = JSON.parse(line) as TimelinePoint;
        free.add(pt);
        what?.add(pt);
      }
      replay.freeRun = free.result([]);
      replay.events += free.events;
      whatIf = what?.result() ?? null;
    }
    return { replay, acc, records: o.records, whatIf };
  }
}
