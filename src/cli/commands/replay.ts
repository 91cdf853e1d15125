import type { CommandModule } from 'yargs';
import { ReplayPool, type RunReplay, type WhatIfResult } from '../../replay/index.js';
import { profileFor } from '../../scheduler/profiles.js';
import { streamLabel } from '../../trace/stream-label.js';
import { UsageError } from '../errors.js';
import { partialField, partialNote } from '../interruption.js';
import { openOutput } from '../output.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { type FinishedReplay, ReplayStream } from '../replay-stream.js';
import { scanSources } from '../scan-sources.js';
import { Spool } from '../spool.js';

interface ReplayArgs {
  files: string[];
  json: boolean;
  output?: string;
  gomaxprocs?: number;
  go?: string;
  seed: number;
  residuals: boolean;
  cpus?: number;
}

const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

export const replayCommand: CommandModule<object, ReplayArgs> = {
  command: 'replay <files..>',
  describe:
    'Replay observed logs through the scheduler model: one-step and free-running predictions, fidelity, what-if',
  builder: (y) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'log files (plain or gzip), or - for stdin',
      })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'fidelity, residuals per interval, free-running and what-if predictions as JSON',
      })
      .option('output', { alias: 'o', type: 'string', describe: 'write to FILE instead of stdout' })
      .option('gomaxprocs', { type: 'number', describe: 'what-if: replay the fitted workload with this many Ps' })
      .option('go', { type: 'string', describe: 'what-if: replay under this Go release (e.g. 1.19, 1.26)' })
      .option('seed', { type: 'number', default: 1, describe: "the model's random seed" })
      .option('cpus', {
        type: 'number',
        describe: 'CPU cores of the machine the log came from (default: no core limit)',
      })
      .option('residuals', { type: 'boolean', default: true, describe: 'include per-interval residuals in --json' })
      .example('$0 replay app.log', 'one-step fidelity per run: model vs persistence')
      .example('$0 replay app.log --gomaxprocs 8', 'what if the same workload ran on 8 Ps?')
      .example(
        '$0 replay app.log --json | jq -c \'select(.type=="fidelity") | .oneStep.skill\'',
        'NDJSON, pooled fidelity last',
      ),
  handler: async (args) => {
    const cpus = args.cpus !== undefined ? { cpus: args.cpus } : {};
    const wantWhatIf = args.gomaxprocs !== undefined || args.go !== undefined;
    if (args.go !== undefined) {
      try {
        profileFor(args.go);
      } catch (err) {
        if (err instanceof RangeError) throw new UsageError(`--go: ${err.message}`);
        throw err;
      }
    }
    const out = openOutput(args.output);
    const runLines = new Spool();
    const skippedLines = new Spool();
    const whatIfLines = new Spool();
    const pool = new ReplayPool();
    // Runs are replayed dump by dump as they are read (replay-stream.ts); a finished run's records
    // wait here, in temporary files past a few KiB, until the reader's next pause writes them out.
    const ready: FinishedReplay[] = [];
    const writeReady = async (): Promise<void> => {
      for (let r = ready.shift(); r !== undefined; r = ready.shift()) {
        pool.merge(r.acc);
        if (args.json) {
          out.write(runRecord(r.replay));
          await r.records.copyTo(out);
          if (r.whatIf !== null) out.write(`${JSON.stringify({ type: 'what-if', ...r.whatIf })}\n`);
        } else {
          r.records.dispose();
          runLines.write(runRow(r.replay));
          if (r.replay.skipped !== undefined) skippedLines.write(skippedRow(r.replay));
          if (r.replay.freeRun?.diverged !== undefined) skippedLines.write(divergedRow(r.replay));
          if (r.whatIf !== null) whatIfLines.write(whatIfRows(r.whatIf));
        }
        await out.flush();
      }
    };
    const replays = new ReplayStream(
      {
        seed: args.seed,
        ...cpus,
        records: args.json,
        residuals: args.residuals,
        whatIf: wantWhatIf ? { gomaxprocs: args.gomaxprocs, go: args.go, seed: args.seed, ...cpus } : null,
      },
      (r) => ready.push(r),
    );
    try {
      const trace = await scanSources(args.files, (s) => replays.add(s), {
        onBatch: writeReady,
        onStreamReleased: (stream) => replays.release(stream),
      });
      replays.end();
      await writeReady();
      const fidelity = pool.fidelity();
      if (args.json) {
        out.write(`${JSON.stringify({ type: 'fidelity', ...partialField(), counts: trace.counts, ...fidelity })}\n`);
      } else {
        if (partialNote()) out.write(`${partialNote()}\n`);
        const o = fidelity.oneStep;
        const ab = o.ablation;
        out.write(
          `One-step replay: ${o.intervals} intervals, MAE model ${o.maeModel} vs persistence ${o.maePersistence} (goroutines misplaced per interval), skill ${fmt(o.skill)}\n`,
        );
        out.write(
          `Ablation (skill): full ${fmt(ab.full.skill)}, model only ${fmt(ab.modelOnly.skill)}, level only (no model) ${fmt(ab.levelOnly.skill)}\n\n`,
        );
        out.write(
          'stream / run                 model   dumps  intervals  MAE model  MAE persist   skill  model-only  level-only  free-run MAE\n',
        );
        await runLines.copyTo(out);
        await skippedLines.copyTo(out);
        out.write(
          "(model: the Go release whose scheduler rules were replayed, the latest that prints the run's layout; --go picks another)\n",
        );
        if (wantWhatIf) {
          out.write(
            "\nWhat-if (the model free-running on each run's fitted workload; baseline: at the log's own GOMAXPROCS and release, not the log's figures):\n",
          );
          await whatIfLines.copyTo(out);
        }
        printDiagnostics(trace);
      }
    } finally {
      replays.dispose();
      for (const r of ready) r.records.dispose();
      runLines.dispose();
      skippedLines.dispose();
      whatIfLines.dispose();
    }
    await out.close();
  },
};

/**
 * `--json`: NDJSON, so output streams whatever the number of runs and intervals. Per run, one `run`
 * record (fidelity, profile, free-running MAE), then one `interval` record per one-step residual,
 * one `free-run` record per free-running point (both written by ReplayStream as the run goes), and
 * a `what-if` record when asked; a last `fidelity` record pools every run.
 */
function runRecord(r: RunReplay): string {
  const head: Record<string, unknown> = {
    type: 'run',
    stream: r.stream,
    run: r.run,
    profile: r.profile,
    points: r.points,
    events: r.events,
    oneStep: { fidelity: r.oneStep.fidelity },
  };
  if (r.freeRun !== undefined)
    head.freeRun =
      r.freeRun.diverged !== undefined
        ? { maeModel: r.freeRun.maeModel, diverged: r.freeRun.diverged }
        : { maeModel: r.freeRun.maeModel };
  if (r.skipped !== undefined) head.skipped = r.skipped;
  return `${JSON.stringify(head)}\n`;
}

function runRow(r: RunReplay): string {
  const f = r.oneStep.fidelity;
  const label = `${streamLabel(r.stream)} run ${r.run}`;
  return `${label.padEnd(28)} ${r.profile.padEnd(7)} ${String(r.points).padStart(5)}  ${String(f.intervals).padStart(9)}  ${String(f.maeModel).padStart(9)}  ${String(f.maePersistence).padStart(11)}  ${fmt(f.skill).padStart(6)}  ${fmt(f.ablation.modelOnly.skill).padStart(10)}  ${fmt(f.ablation.levelOnly.skill).padStart(10)}  ${String(r.freeRun?.maeModel ?? '').padStart(12)}\n`;
}

/** Intervals not replayed (interval-guard.ts): how many, and the first with its reason. */
function skippedRow(r: RunReplay): string {
  const sk = r.skipped!;
  return `${streamLabel(r.stream)} run ${r.run}: ${sk.length} interval(s) not replayed, the first (lines ${sk[0]!.fromLine}-${sk[0]!.toLine}): ${sk[0]!.reason}\n`;
}

/** A free run stopped because its model's queues ran away from the observed ones (fitted-run.ts). */
function divergedRow(r: RunReplay): string {
  const d = r.freeRun!.diverged!;
  return `${streamLabel(r.stream)} run ${r.run}: the free run stopped at line ${d.line}: the model held ${d.queued} queued goroutines, above ${d.limit} (10 times the most any dump showed so far): it had diverged from the observed queues\n`;
}

/**
 * The what-if beside its baseline: both are the model's, run from the run's fitted workload, the
 * baseline at the log's own GOMAXPROCS and release (not the log's figures), so the difference is
 * only what the what-if changed.
 */
function whatIfRows(w: WhatIfResult): string {
  let t = '';
  for (const [name, s] of [
    ['baseline', w.baseline],
    ['what-if', w.scenario],
  ] as const) {
    t += `  ${`${streamLabel(w.stream)} run ${w.run}`} ${name.padEnd(8)} GOMAXPROCS=${s.gomaxprocs} ${s.profile}: global mean ${s.meanGlobal} (max ${s.maxGlobal}), local mean/P ${s.meanLocalPerP}, idle ${(s.idleShare * 100).toFixed(0)}%, wait ${s.waitMs === null ? 'n/a' : `${s.waitMs} ms`}${s.divergedAtLine !== undefined ? `; stopped at line ${s.divergedAtLine}: the model's queues ran away (above 10 times the observed)` : ''}\n`;
  }
  if (!w.baselineMatches)
    t += `  ${`${streamLabel(w.stream)} run ${w.run}`} NOT TRUSTWORTHY: the baseline does not reproduce the log (idle ${(w.baseline.idleShare * 100).toFixed(0)}% against ${(w.observed.idleShare * 100).toFixed(0)}% observed, ${w.baseline.meanQueued} goroutines queued on average against ${w.observed.meanQueued}), so the difference the what-if shows is the model's, not a prediction for this program\n`;
  return t;
}
