// How far to trust `replay --gomaxprocs`: (1) over every real sample run, whether the what-if's
// baseline (the fitted workload at the log's own GOMAXPROCS) reproduces the log (`baselineMatches`,
// what-if.ts); (2) the what-if checked against real captures of the same program at 2x, 4x, 1/2 and
// 1/4 the Ps, for programs whose work does not scale with GOMAXPROCS (oversub: 64 CPU-bound goroutines;
// gcheavy: 16 allocators; fanout: 120 goroutines a wave; netburst: 400 connections), each
// replayed at --cpus 2 (the capture machine's cores); (3) the same on the labelled corpus's novel
// programs, written after the what-if was (fixed work too: a fork-join of 2048 chunks, 300 UDP
// sockets, 64 goroutines on one mutex, five tickers, 40 pipe readers), each captured once on Go
// 1.21.13 and once on Go 1.23.12 at other Ps: the what-if asks for the other capture's GOMAXPROCS
// and release (--go). (4) With --free-run, the free-running replay's mean per-dump error over the
// same runs (the same hindsight reading, fitted-run.ts).
// Needs the compiled code (`npm run build`). Usage: node scripts/whatif-check.mjs [--json] [--pairs] [--free-run]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const dist = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const { parseText } = await dist('parse/index.js');
const { replayTimelines, whatIf } = await dist('replay/index.js');
const { buildTimelines } = await dist('trace/timeline-builder.js');

const CPUS = 2;
const FIXED_WORK = /^(oversub|gcheavy|gcheavy-gctrace|fanout|netburst)-p\d+-/;

function timelines(path) {
  const raw = readFileSync(path);
  return buildTimelines(parseText((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')).snapshots);
}

/** timelines, parsed once: the pairs read a capture as the source of one and the target of others. */
const parsed = new Map();
function pairTimeline(path) {
  if (!parsed.has(path)) parsed.set(path, timelines(path)[0]);
  return parsed.get(path);
}

function logsIn(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.log(\.gz)?$/.test(e.name))
    .map((e) => e.name)
    .sort();
}

const groups = {
  'samples (go1.*)': readdirSync(join(root, 'samples'))
    .filter((d) => d.startsWith('go1.'))
    .map((d) => join('samples', d)),
  'samples/programs': ['samples/programs'],
  // go1.20/ is the corpus's other-machine split (another CPU): kept out, as samples/other-machine/ is.
  'samples/labelled': readdirSync(join(root, 'samples', 'labelled'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'workloads' && e.name !== 'go1.20')
    .map((e) => join('samples', 'labelled', e.name)),
};

const freeRun = process.argv.includes('--free-run');
const out = { baselines: {}, pairs: [], freeRun: {} };
for (const [name, dirs] of Object.entries(groups)) {
  let runs = 0;
  let matching = 0;
  let freeRuns = 0;
  let freeMae = 0;
  for (const d of dirs)
    for (const f of logsIn(join(root, d))) {
      const tls = timelines(join(root, d, f));
      if (freeRun)
        for (const r of replayTimelines(tls, { residuals: false }).runs)
          if (r.freeRun !== undefined && r.freeRun.points.length > 0) {
            freeRuns++;
            freeMae += r.freeRun.maeModel;
          }
      for (const tl of tls) {
        const n = tl.points[0]?.gomaxprocs ?? 1;
        const r = whatIf(tl, { gomaxprocs: 2 * n, cpus: CPUS });
        if (r === null) continue;
        runs++;
        if (r.baselineMatches) matching++;
      }
    }
  out.baselines[name] = { runs, matching };
  if (freeRun) out.freeRun[name] = { runs: freeRuns, meanMae: Math.round((freeMae / freeRuns) * 10) / 10 };
}

/** A what-if next to the real capture at the settings it asked for (`go` when it asked for a release too). */
function pair(from, r, target, go) {
  let queued = 0;
  let idle = 0;
  for (const pt of target.points) {
    queued += pt.runqueue + pt.runq.reduce((a, b) => a + b, 0);
    idle += pt.idleprocs / pt.gomaxprocs;
  }
  const n = target.points.length;
  return {
    from,
    gomaxprocs: target.points[0].gomaxprocs,
    ...(go === undefined ? {} : { go }),
    baselineMatches: r.baselineMatches,
    predicted: { meanQueued: r.scenario.meanQueued, idleShare: r.scenario.idleShare },
    real: { meanQueued: Math.round((queued / n) * 1000) / 1000, idleShare: Math.round((idle / n) * 1000) / 1000 },
  };
}

for (const dirs of Object.values(groups))
  for (const d of dirs)
    for (const f of logsIn(join(root, d)).filter((f) => FIXED_WORK.test(f))) {
      const p = Number(f.match(/-p(\d+)-/)[1]);
      for (const target of [2 * p, 4 * p, p / 2, p / 4]) {
        if (!Number.isInteger(target) || target < 1) continue;
        const other = f.replace(`-p${p}-`, `-p${target}-`);
        if (!existsSync(join(root, d, other))) continue;
        const r = whatIf(pairTimeline(join(root, d, f)), { gomaxprocs: target, cpus: CPUS });
        if (r === null) continue;
        out.pairs.push(pair(`${d.replace(/^samples\//, '')}/${f}`, r, pairTimeline(join(root, d, other))));
      }
    }

const NOVEL_PAIRS = [
  ['forkjoin-p3-5ms.log', 'forkjoin-p12-5ms.log'],
  ['udpwaves-p6-detail-10ms.log.gz', 'udpwaves-p24-detail-10ms.log.gz'],
  ['cachelock-p12-detail-100ms.log.gz', 'cachelock-p6-detail-100ms.log.gz'],
  ['tickersvc-p48-100ms.log', 'tickersvc-p12-50ms.log'],
  ['pipereader-p6-50ms.log', 'pipereader-p3-20ms.log'],
];
out.novelPairs = [];
const novel = (release, f) => join(root, 'samples', 'labelled', `novel-go${release}`, f);
for (const [a, b] of NOVEL_PAIRS)
  for (const [from, to] of [
    [
      ['1.21', a],
      ['1.23', b],
    ],
    [
      ['1.23', b],
      ['1.21', a],
    ],
  ]) {
    const target = pairTimeline(novel(...to));
    const r = whatIf(pairTimeline(novel(...from)), { gomaxprocs: target.points[0].gomaxprocs, go: to[0], cpus: CPUS });
    if (r === null) continue;
    out.novelPairs.push(pair(`novel-go${from[0]}/${from[1]}`, r, target, to[0]));
  }

/** Queued goroutines off by this share of the real mean (at least 1), and idle share off by points. */
function errors(ps) {
  if (ps.length === 0) return { pairs: 0, queued: null, idle: null };
  let q = 0;
  let i = 0;
  for (const p of ps) {
    q += Math.abs(p.predicted.meanQueued - p.real.meanQueued) / Math.max(1, p.real.meanQueued);
    i += Math.abs(p.predicted.idleShare - p.real.idleShare);
  }
  const r = (x) => Math.round(x * 1000) / 1000;
  return { pairs: ps.length, queued: r(q / ps.length), idle: r(i / ps.length) };
}
out.errors = {
  all: errors(out.pairs),
  trusted: errors(out.pairs.filter((p) => p.baselineMatches)),
  novel: errors(out.novelPairs),
  novelTrusted: errors(out.novelPairs.filter((p) => p.baselineMatches)),
};

if (process.argv.includes('--json')) console.log(JSON.stringify(out, null, 2));
else {
  for (const [name, b] of Object.entries(out.baselines))
    console.log(`${name}: ${b.matching} of ${b.runs} baselines reproduce their log (GOMAXPROCS doubled)`);
  for (const [name, f] of Object.entries(out.freeRun))
    console.log(`${name}: free run over ${f.runs} runs, mean per-dump error ${f.meanMae} goroutines`);
  const line = (label, e) =>
    console.log(
      `${label}: ${e.pairs} pairs, mean |queued error| ${e.queued} of the real mean, mean |idle error| ${e.idle}`,
    );
  line('what-if vs real capture at 2x/4x/half/quarter the Ps, all', out.errors.all);
  line('  where the baseline reproduces the log', out.errors.trusted);
  line('novel programs, the other release and Ps', out.errors.novel);
  line('  where the baseline reproduces the log', out.errors.novelTrusted);
  if (process.argv.includes('--pairs'))
    for (const p of [...out.pairs, ...out.novelPairs])
      console.log(
        `  ${p.from} -> ${p.gomaxprocs} Ps${p.go === undefined ? '' : ` go${p.go}`}: predicted queued ${p.predicted.meanQueued} idle ${p.predicted.idleShare} | real ${p.real.meanQueued} idle ${p.real.idleShare}${p.baselineMatches ? '' : ' (baseline does not reproduce the log)'}`,
      );
}
