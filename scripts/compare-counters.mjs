// Sets the model's runtime counters beside the real runtime's for one sample program: builds it
// against the patched runtime (scripts/runtime-counters.sh), runs it, runs the model on its spec
// with the same settings, and prints one Markdown table (README: "Checked against the runtime's own
// counters"). Needs `npm run build`, and a Go release with a patch in scripts/runtime-counters/.
//   node scripts/compare-counters.mjs syscalls -p 2 -- -n 40 -d 2s
//   node scripts/compare-counters.mjs gcheavy -p 8 --go "$GO119" --runs 3 -- -n 16 -d 2s
// Options: -p GOMAXPROCS, --go GO (default: local), --runs N (real runs and model seeds, default 3),
// --cpus N (the model's cores, default: this machine's), --ms DURATION of the model run (default 2000).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '../dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// A reader that stops early (`| head`) is no error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const own = dash < 0 ? argv : argv.slice(0, dash);
const programArgs = dash < 0 ? [] : argv.slice(dash + 1);
const opt = (name, fallback) => {
  const i = own.indexOf(name);
  return i < 0 ? fallback : own[i + 1];
};
const program = own[0];
if (!program || program.startsWith('-')) {
  process.stderr.write('usage: node scripts/compare-counters.mjs PROGRAM [-p N] [--go GO] [--runs N] -- ARGS\n');
  process.exit(2);
}
const procs = Number(opt('-p', '2'));
const go = opt('--go', 'local');
const runs = Number(opt('--runs', '3'));
const cpus = Number(opt('--cpus', String(availableParallelism())));
const ms = Number(opt('--ms', '2000'));

const dir = mkdtempSync(join(tmpdir(), 'compare-counters-'));
try {
  const bin = join(dir, program);
  // The build script names the release it patched ("built OUT against go1.26.8 with runtime counters").
  const built = execFileSync(
    join(root, 'scripts', 'runtime-counters.sh'),
    [go, join(root, 'samples', 'workloads', program), bin],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    },
  );
  const release = / against (go\S+) /.exec(built)?.[1];
  if (release === undefined) throw new Error(`runtime-counters.sh: no release in ${JSON.stringify(built)}`);
  // The counters are cumulative: the real run's dump at `ms` (dumps every 10 ms) covers the time
  // the model runs. A program that ends before that cannot be compared.
  const real = [];
  for (let r = 0; r < runs; r++) {
    const out = spawnSync(bin, programArgs, {
      env: { ...process.env, GOMAXPROCS: String(procs), GODEBUG: 'schedtrace=10' },
      encoding: 'utf8',
    });
    const dumps = out.stderr.split('\n').filter((l) => l.startsWith('SCHED '));
    const last = dumps.findLast((l) => Number(/^SCHED (\d+)ms/.exec(l)?.[1]) <= ms);
    const lastMs = Number(/^SCHED (\d+)ms/.exec(last ?? '')?.[1]);
    if (last === undefined || lastMs < ms - 20) {
      throw new Error(`${program} ran ${lastMs || 0} ms; give it arguments that run at least --ms ${ms}`);
    }
    // Counts are `n` or `n/total`; the latency histograms are bins `b0,b1,…,` (trailing comma).
    real.push(
      Object.fromEntries([...last.matchAll(/ (x\.[a-z_]+)=([0-9/,]+)/g)].map((m) => [m[1], m[2].replace(/,$/, '')])),
    );
  }
  const workload = JSON.parse(readFileSync(join(root, 'samples', 'workloads', `${program}.json`), 'utf8'));
  const goVersion = release.replace(/^go/, '').split('.').slice(0, 2).join('.');
  const model = [];
  for (let seed = 1; seed <= runs; seed++) {
    const r = simulate(
      { workload, go: goVersion, gomaxprocs: procs, periodMs: ms, detail: false, seed, durationMs: ms, cpus },
      undefined,
      false,
    );
    model.push(r.counters.asRuntimeFields());
  }
  // Each field as the range over the runs, part by part ("n/total" → "n1–n2 / t1–t2"; a histogram
  // bin by bin, "b0, b1, …").
  const range = (rows, field) => {
    if (rows.some((row) => row[field] === undefined)) return '–';
    const sep = rows[0][field].includes(',') ? ',' : '/';
    const parts = rows.map((row) => row[field].split(sep).map(Number));
    return parts[0]
      .map((_, i) => {
        const v = parts.map((p) => p[i]);
        const lo = Math.min(...v);
        const hi = Math.max(...v);
        return lo === hi ? `${lo}` : `${lo}–${hi}`;
      })
      .join(sep === ',' ? ', ' : ' / ');
  };
  // The model's fields, then any the release prints under its own name (Go 1.19's syscall exits).
  const fields = [...new Set([...Object.keys(model[0]), ...Object.keys(real[0])])];
  process.stdout.write(
    `${program} at GOMAXPROCS=${procs}, ${ms} ms, ${runs} runs (${release}, args: ${programArgs.join(' ') || 'none'}) and model seeds 1–${runs} (--cpus ${cpus})\n\n`,
  );
  process.stdout.write(`| counter | ${release} (real) | model |\n|---|---|---|\n`);
  for (const f of fields) process.stdout.write(`| ${f} | ${range(real, f)} | ${range(model, f)} |\n`);
} catch (err) {
  // A dev script still says what went wrong in one line (a build failure printed its own output).
  process.stderr.write(`compare-counters: ${err.message.split('\n')[0]}\n`);
  process.exitCode = 2;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
