import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../messages.js';
import { parseText } from '../../parse/index.js';
import { checkOverflowSignature, compareRuns } from '../../scheduler/fidelity.js';
import { SCENARIOS, runScenario, type ScenarioResult } from '../../scheduler/fidelity-scenarios.js';
import { simulate } from '../../scheduler/simulate.js';
import type { Snapshot } from '../../trace/snapshot.js';
import type { GoschedCommand } from '../command.js';
import { openOutput } from '../output.js';
import { loadWorkload } from './simulate.js';

interface FidelityArgs {
  samples: string;
  live: boolean;
  cpus: number;
  seed: number;
  only?: string;
  json: boolean;
}

function readLog(path: string): Snapshot[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(path, `cannot read sample: ${(err as Error).message}`);
  }
  return parseText(text).snapshots;
}

const fmt = (x: number | null): string => (x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(2));

function verdictText(r: ScenarioResult): string {
  const v = r.verdict;
  if (v.faithful === null) return 'no yardstick (one capture)';
  return v.faithful ? 'faithful' : 'NOT within real variance';
}

/** Runs the sample programs with the local `go` and compares fresh traces; null when go is missing. */
function liveRun(
  samples: string,
  seed: number,
  cpus: number,
  only: string | undefined,
  log: (s: string) => void,
): boolean | null {
  const which = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (which.error || which.status !== 0) return null;
  const goVersion = /go(\d+\.\d+)/.exec(which.stdout)?.[1] ?? '1.26';
  const dir = mkdtempSync(join(tmpdir(), 'gosched-live-'));
  let allOk = true;
  try {
    log(`\nlive: ${which.stdout.trim()}`);
    log('| scenario | go | fresh-vs-committed | model-vs-fresh | verdict |');
    log('|---|---|---|---|---|');
    const seen = new Set<string>();
    for (const sc of SCENARIOS) {
      if (only && !sc.id.includes(only)) continue;
      if (seen.has(sc.id) || sc.id.startsWith('crash')) continue;
      seen.add(sc.id);
      const bin = join(dir, sc.spec);
      execFileSync('go', ['build', '-o', bin, `./${sc.spec}`], { cwd: join(samples, 'workloads'), stdio: 'pipe' });
      const godebug = `schedtrace=${sc.periodMs}${sc.detail ? ',scheddetail=1' : ''}`;
      const run = spawnSync(bin, sc.args, {
        env: { ...process.env, GODEBUG: godebug, GOMAXPROCS: String(sc.gomaxprocs) },
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        timeout: 60_000,
      });
      const fresh = parseText(run.stderr ?? '').snapshots.filter((s) => !s.crash);
      const committed = SCENARIOS.find((x) => x.id === sc.id && x.go === (goVersion >= '1.25' ? '1.26' : '1.19'));
      const reals = committed ? committed.reals.slice(0, 1).map((f) => readLog(join(samples, f))) : [];
      const spec = loadWorkload(join(samples, 'workloads', `${sc.spec}.json`));
      const lastT = fresh.reduce((m, x) => Math.max(m, x.tMs ?? 0), 0);
      const model = simulate({
        workload: spec,
        go: goVersion,
        gomaxprocs: sc.gomaxprocs,
        periodMs: sc.periodMs,
        detail: sc.detail,
        seed,
        durationMs: lastT + sc.periodMs / 2,
        cpus,
      }).snapshots;
      const v = compareRuns(model, [fresh, ...reals]);
      const ok = v.faithful !== false;
      allOk &&= ok;
      log(
        `| ${sc.id} | ${goVersion} | ${fmt(v.realVsReal)} | ${fmt(v.modelVsReal)} | ${v.faithful === null ? 'no yardstick' : v.faithful ? 'faithful' : 'NOT within real variance'} |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return allOk;
}

export const fidelityCommand: GoschedCommand<FidelityArgs> = {
  command: 'fidelity',
  describe: 'Compare the scheduler model with the committed real traces (and, with --live, fresh ones)',
  builder: (y) =>
    y
      .option('samples', {
        type: 'string',
        default: 'samples',
        describe: 'the samples folder (go1.NN/ logs and workloads/)',
      })
      .option('live', {
        type: 'boolean',
        default: false,
        describe: 'also build and run the sample programs with the local go and compare fresh traces',
      })
      .option('cpus', {
        type: 'number',
        default: 2,
        describe: 'CPU cores of the machine the samples were captured on (samples/manifest.json)',
      })
      .option('seed', { type: 'number', default: 1, describe: 'model seed' })
      .option('only', { type: 'string', describe: 'only scenarios whose id contains this text' })
      .option('json', { type: 'boolean', default: false, describe: 'print the results as JSON' })
      .example('$0 fidelity', 'the table of model-vs-real and real-vs-real distances')
      .example('$0 fidelity --live --only overflow', 'also run overflow/main.go with GODEBUG=schedtrace and compare'),
  handler: async (args) => {
    // The scenarios compare against the committed real traces, which the npm package does not ship.
    if (!existsSync(join(args.samples, 'workloads')))
      throw new InputError(
        args.samples,
        'no samples/ folder with workloads/ here: fidelity compares the model with the real traces of a gosched checkout (run it in a clone, or give --samples DIR)',
      );
    const stdout = openOutput(undefined);
    const results: ScenarioResult[] = [];
    const checks: { id: string; go: string; problems: string[]; ok: boolean }[] = [];
    for (const sc of SCENARIOS) {
      if (args.only && !sc.id.includes(args.only)) continue;
      const spec = loadWorkload(join(args.samples, 'workloads', `${sc.spec}.json`));
      const reals = sc.reals.map((f) => readLog(join(args.samples, f)));
      const r = runScenario(sc, spec, reals, args.cpus, args.seed);
      results.push(r);
      if (sc.overflow) {
        for (const [name, snaps] of [['model', r.model], ...sc.reals.map((f, i) => [f, reals[i]!] as const)] as const) {
          const c = checkOverflowSignature(snaps);
          checks.push({ id: `${sc.id} ${name}`, go: sc.go, problems: c.problems, ok: c.ok });
        }
      }
    }
    if (args.json) {
      stdout.write(
        `${JSON.stringify({ scenarios: results.map((r) => ({ id: r.scenario.id, go: r.scenario.go, ...r.verdict })), deterministic: checks }, null, 2)}\n`,
      );
    } else {
      const out: string[] = [];
      out.push('| scenario | go | GOMAXPROCS | period | real-vs-real | model-vs-real | tolerance | verdict |');
      out.push('|---|---|---|---|---|---|---|---|');
      for (const r of results) {
        const sc = r.scenario;
        out.push(
          `| ${sc.id} | ${sc.go} | ${sc.gomaxprocs} | ${sc.periodMs} ms | ${fmt(r.verdict.realVsReal)}${sc.yardstick ? ` (${sc.yardstick})` : ''} | ${fmt(r.verdict.modelVsReal)} | ${fmt(r.verdict.tolerance)} | ${verdictText(r)} |`,
        );
      }
      if (checks.length) {
        out.push(
          '',
          'deterministic signature (GOMAXPROCS=1 overflow: ring <= 256, growth in 129s, drain = 128 per batch + fairness picks):',
        );
        for (const c of checks)
          out.push(
            `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.id} (go${c.go})${c.ok ? '' : `: ${c.problems.slice(0, 3).join('; ')}`}`,
          );
      }
      stdout.write(`${out.join('\n')}\n`);
    }
    let ok = checks.filter((c) => c.id.includes('model')).every((c) => c.ok);
    if (args.live) {
      const live = liveRun(args.samples, args.seed, args.cpus, args.only, (s) => stdout.write(`${s}\n`));
      if (live === null) stdout.write('live: skipped (no `go` on PATH)\n');
      else ok &&= live;
    }
    await stdout.close();
    return ok ? 'done' : 'failed';
  },
};
