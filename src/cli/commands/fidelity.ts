import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../messages.js';
import { parseText } from '../../parse/index.js';
import { checkOverflowSignature, compareRuns } from '../../scheduler/fidelity.js';
import { type ManifestScenario, scenariosFromManifest } from '../../scheduler/fidelity-manifest.js';
import { SCENARIOS, type Scenario, simulateAlongside } from '../../scheduler/fidelity-scenarios.js';
import {
  DEFAULT_SEEDS,
  firstSeeds,
  meanOverSeeds,
  runScenarioSeeds,
  type SeedsResult,
  type SeedsVerdict,
} from '../../scheduler/fidelity-seeds.js';
import { parseGoVersion } from '../../scheduler/profiles.js';
import type { Snapshot } from '../../trace/snapshot.js';
import type { WorkloadSpec } from '../../workload/spec.js';
import type { GoschedCommand } from '../command.js';
import { UsageError } from '../errors.js';
import { openOutput } from '../output.js';
import { loadWorkload } from './simulate.js';

interface FidelityArgs {
  samples: string;
  live: boolean;
  runs: number;
  cpus?: number;
  seed?: number;
  seeds?: number;
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

/** The seeds of a run: --seed S alone, else 1..--seeds N. */
function seedsOf(args: { seed?: number; seeds?: number }): number[] {
  if (args.seed !== undefined && args.seeds !== undefined)
    throw new UsageError('--seed and --seeds: give one (--seed S runs one seed, --seeds N seeds 1..N)');
  return args.seed !== undefined ? [args.seed] : firstSeeds(args.seeds ?? DEFAULT_SEEDS);
}

const seedsText = (seeds: readonly number[]): string =>
  seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds[0]}-${seeds[seeds.length - 1]}`;

function verdictText(v: SeedsVerdict): string {
  if (v.faithful === null) return 'no yardstick (one capture)';
  return v.faithful ? 'faithful' : 'NOT within real variance';
}

/**
 * The scenarios of a samples folder: the built-in ones whose captures and specs it holds (this
 * repository's samples/), else one per group of captures in its manifest.json (a user's own folder).
 */
function scenariosIn(dir: string): { scenarios: ManifestScenario[]; skipped: { file: string; reason: string }[] } {
  const hasSpec = (program: string): boolean => existsSync(join(dir, 'workloads', `${program}.json`));
  const builtin: Scenario[] = SCENARIOS.filter(
    (sc) => hasSpec(sc.spec) && sc.reals.every((f) => existsSync(join(dir, f))),
  );
  const mf = join(dir, 'manifest.json');
  // The built-in table is the repository's samples/ (every one of its captures there). A folder of
  // one's own with a manifest is read by its manifest, even where its files are named as the
  // table's: the manifest says with what arguments, GOMAXPROCS and cores they were captured.
  if (builtin.length === SCENARIOS.length || (builtin.length > 0 && !existsSync(mf)))
    return { scenarios: builtin, skipped: [] };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(mf, 'utf8'));
  } catch (err) {
    throw new InputError(
      mf,
      `no fidelity scenarios: ${(err as Error).message}. Expected go1.NN/*.log captures listed in manifest.json (file, program, goVersion, godebug with schedtrace=N, gomaxprocs) and workloads/<program>.json specs`,
    );
  }
  // Read once per program, however many captures name it (its scenario reads it again to run it).
  const specs = new Map<string, WorkloadSpec | null>();
  const specOf = (program: string): WorkloadSpec | null => {
    if (!specs.has(program))
      specs.set(program, hasSpec(program) ? loadWorkload(join(dir, 'workloads', `${program}.json`)) : null);
    return specs.get(program) ?? null;
  };
  const m = scenariosFromManifest(json, specOf);
  const scenarios = m.scenarios.filter((sc) => sc.reals.every((f) => existsSync(join(dir, f))));
  if (scenarios.length === 0)
    throw new InputError(mf, 'no fidelity scenarios: no manifest entry has both a capture and a workload spec');
  return { scenarios, skipped: m.skipped };
}

/**
 * Runs the sample programs with the local `go` and compares fresh traces; null when go is missing.
 * With `runs` of 2 or more, each program is traced that many times and the yardstick is the fresh
 * captures' own spread (the mean distance over their pairs), as the committed table's is: the
 * runtime's variance on this machine. The committed captures, from another machine and day, are
 * then only a column (how far this machine's traces are from them). With one run the yardstick is
 * that run against the first committed capture.
 */
function liveRun(
  samples: string,
  seeds: readonly number[],
  cpus: number,
  runs: number,
  only: string | undefined,
  log: (s: string) => void,
): boolean | null {
  const which = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (which.error || which.status !== 0) return null;
  const goVersion = /go(\d+\.\d+)/.exec(which.stdout)?.[1] ?? '1.26';
  // The committed captures of the release closest in layout: 1.26's from 1.25 on, else 1.19's.
  const [major, minor] = parseGoVersion(goVersion) ?? [1, 26];
  const committedRelease = major > 1 || minor >= 25 ? '1.26' : '1.19';
  const dir = mkdtempSync(join(tmpdir(), 'gosched-live-'));
  let allOk = true;
  try {
    log(`\nlive: ${which.stdout.trim()}, ${runs} run${runs === 1 ? '' : 's'} of each program`);
    const freshYardstick = runs > 1;
    log(
      `| scenario | go | ${freshYardstick ? 'fresh-vs-fresh | fresh-vs-committed' : 'fresh-vs-committed'} | model-vs-fresh (mean over ${seedsText(seeds)}) | tolerance | verdict |`,
    );
    log(`|---|---|---|${freshYardstick ? '---|' : ''}---|---|---|`);
    const seen = new Set<string>();
    for (const sc of SCENARIOS) {
      if (only && !sc.id.includes(only)) continue;
      if (seen.has(sc.id) || sc.id.startsWith('crash') || sc.live === false) continue;
      seen.add(sc.id);
      const bin = join(dir, sc.spec);
      execFileSync('go', ['build', '-o', bin, `./${sc.spec}`], { cwd: join(samples, 'workloads'), stdio: 'pipe' });
      const godebug = `schedtrace=${sc.periodMs}${sc.detail ? ',scheddetail=1' : ''}${sc.godebug ? `,${sc.godebug}` : ''}`;
      const fresh = Array.from({ length: runs }, () => {
        const run = spawnSync(bin, sc.args, {
          env: { ...process.env, GODEBUG: godebug, GOMAXPROCS: String(sc.gomaxprocs) },
          encoding: 'utf8',
          maxBuffer: 1 << 28,
          timeout: 60_000,
        });
        return parseText(run.stderr ?? '').snapshots.filter((s) => !s.crash);
      });
      const committed = SCENARIOS.find((x) => x.id === sc.id && x.go === committedRelease);
      const committedRuns = committed ? committed.reals.map((f) => readLog(join(samples, f))) : [];
      const reals = freshYardstick ? fresh : [...fresh, ...committedRuns.slice(0, 1)];
      const spec = loadWorkload(join(samples, 'workloads', `${sc.spec}.json`));
      const perSeed = seeds.map((seed) => {
        const model = simulateAlongside(sc, goVersion, spec, fresh, cpus, seed).snapshots;
        return compareRuns(model, reals);
      });
      const v = meanOverSeeds(seeds, perSeed);
      const ok = v.faithful !== false;
      allOk &&= ok;
      const freshVsCommitted =
        committedRuns.length === 0
          ? null
          : fresh.reduce((a, f) => a + compareRuns(f, committedRuns).modelVsReal, 0) / fresh.length;
      log(
        `| ${sc.id} | ${goVersion} | ${fmt(v.realVsReal)} | ${freshYardstick ? `${fmt(freshVsCommitted)} | ` : ''}${fmt(v.modelVsReal)} | ${fmt(v.tolerance)} | ${v.faithful === null ? 'no yardstick' : v.faithful ? 'faithful' : 'NOT within real variance'} |`,
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
      .option('runs', {
        type: 'number',
        default: 1,
        describe:
          "with --live, how many times to trace each program: from 2, the fresh traces' own spread is the yardstick (1: the trace and a committed capture)",
      })
      .option('cpus', {
        type: 'number',
        describe:
          "CPU cores of the machine the samples were captured on (default: the manifest's `cores`, else 2); with --live, this machine's",
      })
      .option('seed', { type: 'number', describe: 'score the model under this one seed only' })
      .option('seeds', {
        type: 'number',
        describe: `score the model under seeds 1..N: model-vs-real is the mean, with its min-max (default ${DEFAULT_SEEDS})`,
      })
      .option('only', { type: 'string', describe: 'only scenarios whose id contains this text' })
      .option('json', { type: 'boolean', default: false, describe: 'print the results as JSON' })
      .example('$0 fidelity', 'the table of model-vs-real and real-vs-real distances')
      .example('$0 fidelity --live --only overflow', 'also run overflow/main.go with GODEBUG=schedtrace and compare'),
  handler: async (args) => {
    // The scenarios compare against real traces: the repository's (which the npm package does not
    // ship) or the user's own folder of captures with a manifest.
    if (!existsSync(join(args.samples, 'workloads')) && !existsSync(join(args.samples, 'manifest.json')))
      throw new InputError(
        args.samples,
        'no samples/ folder with workloads/ or manifest.json here: fidelity compares the model with real traces (run it in a gosched checkout, or give --samples DIR)',
      );
    const seeds = seedsOf(args);
    const stdout = openOutput(undefined);
    const results: SeedsResult[] = [];
    const checks: { id: string; go: string; problems: string[]; ok: boolean }[] = [];
    const { scenarios, skipped } = scenariosIn(args.samples);
    for (const s of skipped) process.stderr.write(`fidelity: skipped ${s.file}: ${s.reason}\n`);
    for (const sc of scenarios) {
      if (args.only && !sc.id.includes(args.only)) continue;
      const spec = loadWorkload(join(args.samples, 'workloads', `${sc.spec}.json`));
      const reals = sc.reals.map((f) => readLog(join(args.samples, f)));
      const r = runScenarioSeeds(sc, spec, reals, args.cpus ?? sc.cores ?? 2, seeds);
      results.push(r);
      if (sc.overflow) {
        const modelProblems = r.models.flatMap((m, i) =>
          checkOverflowSignature(m).problems.map((p) => (seeds.length > 1 ? `seed ${seeds[i]}: ${p}` : p)),
        );
        const modelName = seeds.length > 1 ? `model (${seedsText(seeds)})` : 'model';
        checks.push({
          id: `${sc.id} ${modelName}`,
          go: sc.go,
          problems: modelProblems,
          ok: modelProblems.length === 0,
        });
        for (const [i, f] of sc.reals.entries()) {
          const c = checkOverflowSignature(reals[i]!);
          checks.push({ id: `${sc.id} ${f}`, go: sc.go, problems: c.problems, ok: c.ok });
        }
      }
    }
    if (args.json) {
      stdout.write(
        `${JSON.stringify({ scenarios: results.map((r) => ({ id: r.scenario.id, go: r.scenario.go, captures: r.scenario.reals.length, ...r.verdict })), deterministic: checks }, null, 2)}\n`,
      );
    } else {
      const out: string[] = [];
      const spread = seeds.length > 1 ? `${seedsText(seeds)}: mean (min-max)` : seedsText(seeds);
      out.push(
        `| scenario | go | GOMAXPROCS | period | real-vs-real | model-vs-real (${spread}) | tolerance | verdict |`,
      );
      out.push('|---|---|---|---|---|---|---|---|');
      for (const r of results) {
        const sc = r.scenario;
        out.push(
          `| ${sc.id} | ${sc.go} | ${sc.gomaxprocs} | ${sc.periodMs} ms | ${fmt(r.verdict.realVsReal)} | ${fmt(r.verdict.modelVsReal)}${seeds.length > 1 ? ` (${fmt(r.verdict.modelVsRealMin)}-${fmt(r.verdict.modelVsRealMax)})` : ''} | ${fmt(r.verdict.tolerance)} | ${verdictText(r.verdict)} |`,
        );
      }
      // One pair is one draw of the runtime's run-to-run variance; with three or more captures the
      // yardstick is the mean over every pair (compareRuns).
      const onePair = results
        .filter((r) => r.scenario.reals.length === 2)
        .map((r) => `${r.scenario.id} go${r.scenario.go}`);
      if (onePair.length)
        out.push(
          '',
          `real-vs-real from one pair of captures (one draw of the run-to-run variance; a third capture of the same settings steadies it): ${onePair.join(', ')}`,
        );
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
      const live = liveRun(args.samples, seeds, args.cpus ?? 2, args.runs, args.only, (s) => stdout.write(`${s}\n`));
      if (live === null) stdout.write('live: skipped (no `go` on PATH)\n');
      else ok &&= live;
    }
    await stdout.close();
    return ok ? 'done' : 'failed';
  },
};
