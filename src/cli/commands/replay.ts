import type { CommandModule } from 'yargs';
import { replayTimelines, whatIf } from '../../replay/index.js';
import { streamLabel } from '../../trace/stream-label.js';
import { UsageError } from '../errors.js';
import { loadTrace } from '../load-trace.js';
import { partialField, partialNote } from '../interruption.js';
import { openOutput } from '../output.js';
import { printDiagnostics } from '../print-diagnostics.js';

interface ReplayArgs {
  files: string[];
  json: boolean;
  output?: string;
  gomaxprocs?: number;
  go?: string;
  seed: number;
  residuals: boolean;
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
      .option('residuals', { type: 'boolean', default: true, describe: 'include per-interval residuals in --json' })
      .example('$0 replay app.log', 'one-step fidelity per run: model vs persistence')
      .example('$0 replay app.log --gomaxprocs 8', 'what if the same workload ran on 8 Ps?')
      .example('$0 replay app.log --json | jq .fidelity.oneStep.skill', 'machine-readable'),
  handler: async (args) => {
    const trace = await loadTrace(args.files);
    const result = replayTimelines(trace.timelines, { seed: args.seed, residuals: args.residuals });
    const wantWhatIf = args.gomaxprocs !== undefined || args.go !== undefined;
    let whatIfs: ReturnType<typeof whatIf>[] | undefined;
    try {
      whatIfs = wantWhatIf
        ? trace.timelines.map((tl) => whatIf(tl, { gomaxprocs: args.gomaxprocs, go: args.go, seed: args.seed }))
        : undefined;
    } catch (err) {
      if (err instanceof RangeError) throw new UsageError(`--go: ${err.message}`);
      throw err;
    }
    const out = openOutput(args.output);
    if (args.json) {
      out.write(
        `${JSON.stringify({ ...partialField(), counts: trace.counts, fidelity: result.fidelity, runs: result.runs, ...(whatIfs ? { whatIf: whatIfs } : {}) }, null, 2)}\n`,
      );
    } else {
      if (partialNote()) out.write(`${partialNote()}\n`);
      const o = result.fidelity.oneStep;
      const ab = o.ablation;
      out.write(
        `One-step replay: ${o.intervals} intervals, MAE model ${o.maeModel} vs persistence ${o.maePersistence} (goroutines misplaced per interval), skill ${fmt(o.skill)}\n`,
      );
      out.write(
        `Ablation (skill): full ${fmt(ab.full.skill)}, model only ${fmt(ab.modelOnly.skill)}, level only (no model) ${fmt(ab.levelOnly.skill)}\n\n`,
      );
      out.write(
        'stream / run                 Go      dumps  intervals  MAE model  MAE persist   skill  model-only  level-only  free-run MAE\n',
      );
      for (const r of result.runs) {
        const f = r.oneStep.fidelity;
        const label = `${streamLabel(r.stream)} run ${r.run}`;
        out.write(
          `${label.padEnd(28)} ${r.profile.padEnd(7)} ${String(r.points).padStart(5)}  ${String(f.intervals).padStart(9)}  ${String(f.maeModel).padStart(9)}  ${String(f.maePersistence).padStart(11)}  ${fmt(f.skill).padStart(6)}  ${fmt(f.ablation.modelOnly.skill).padStart(10)}  ${fmt(f.ablation.levelOnly.skill).padStart(10)}  ${String(r.freeRun?.maeModel ?? '').padStart(12)}\n`,
        );
      }
      for (const r of result.runs) {
        const sk = r.skipped;
        if (sk === undefined) continue;
        out.write(
          `${streamLabel(r.stream)} run ${r.run}: ${sk.length} interval(s) not replayed, the first (lines ${sk[0]!.fromLine}-${sk[0]!.toLine}): ${sk[0]!.reason}\n`,
        );
      }
      if (whatIfs) {
        out.write('\nWhat-if (fitted workload, free-running):\n');
        for (const w of whatIfs) {
          if (w === null) continue;
          for (const [name, s] of [
            ['observed', w.baseline],
            ['what-if', w.scenario],
          ] as const) {
            out.write(
              `  ${`${streamLabel(w.stream)} run ` + w.run} ${name.padEnd(8)} GOMAXPROCS=${s.gomaxprocs} ${s.profile}: global mean ${s.meanGlobal} (max ${s.maxGlobal}), local mean/P ${s.meanLocalPerP}, idle ${(s.idleShare * 100).toFixed(0)}%, wait ${s.waitMs === null ? 'n/a' : `${s.waitMs} ms`}\n`,
            );
          }
        }
      }
      printDiagnostics(trace);
    }
    await out.close();
  },
};
