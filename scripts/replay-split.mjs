// Replay skill on two halves of the real samples, split up front by program and settings: the
// "tuned" half is every capture the replay was developed on; the "untouched" half is the captures
// added later (gcheavy with gctrace at GOMAXPROCS 2-16, oversub at 16 and 32 Ps) that nothing in the
// replay was fitted or tuned on; and, apart, the Go 1.5-1.9 captures. Prints pooled and per-log skill, with
// the ablation, for each.
// Needs the compiled code (`npm run build`). Usage: node scripts/replay-split.mjs [--json]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const { parseText } = await import(pathToFileURL(join(dist, 'parse', 'index.js')).href);
const { replayTimelines } = await import(pathToFileURL(join(dist, 'replay', 'index.js')).href);
const { buildTimelines } = await import(pathToFileURL(join(dist, 'trace', 'timeline-builder.js')).href);

/** The untouched half: decided before any replay figure on it was looked at. */
export const UNTOUCHED = [/\/gcheavy-gctrace-p\d+-50ms-[abc]\.log$/, /\/oversub-p(16|32)-20ms-[abc]\.log$/];
/**
 * A third group, scored apart: Go 1.5, 1.7 and 1.9 captures of the sample programs, added after the
 * last replay change and never used to tune it.
 */
export const OLDER_RELEASES = /^go1\.[579]\//;
// And samples/programs/: captures of programs outside the sample workloads (an HTTP server, tickers,
// a mutex, fsync, a chatty logger, ...), read for the findings, never used to tune the replay.
const MIN_SCORED_INTERVALS = 15;

// And samples/heldout/: captures taken after the last replay change, with nothing changed for them
// (oversub at 12 and 24 Ps and gcheavy at 3 and 6, between the untouched half's settings, and the
// sleeping programs locked and idle).
const HELDOUT = 'heldout';
// And samples/replay-blind/: captures taken after the replay's level became the recent median
// (calibration.ts), to score that change, and anything after it, blind.
const BLIND = 'replay-blind';
/** `sub/dir/file.log` for every folder `dir` of samples/`sub` that `keep` accepts. */
const logsIn = (sub, keep) =>
  readdirSync(join(root, 'samples', sub))
    .filter(keep)
    .flatMap((d) =>
      readdirSync(join(root, 'samples', sub, d))
        .filter((f) => f.endsWith('.log'))
        .map((f) => join(sub, d, f)),
    );
const logs = [
  ...logsIn('', (d) => d.startsWith('go1.') || d === 'programs'),
  ...logsIn(HELDOUT, (d) => d.startsWith('go1.')),
  ...logsIn(BLIND, (d) => d.startsWith('go1.')),
].sort();

const rows = logs.map((f) => {
  const text = readFileSync(join(root, 'samples', f), 'utf8');
  const timelines = buildTimelines(parseText(text).snapshots);
  const r = replayTimelines(timelines, { freeRun: false, residuals: false });
  const o = r.fidelity.oneStep;
  // Logs with gctrace lines are also replayed with the cycles placed where the lines say (gc-cycles.ts).
  const hasGc = timelines.some((tl) => tl.points.some((p) => p.gc !== undefined));
  const withGc = hasGc
    ? replayTimelines(timelines, { freeRun: false, residuals: false, gctrace: true }).fidelity.oneStep
    : o;
  const half = f.startsWith('programs/')
    ? 'programs'
    : f.startsWith(`${HELDOUT}/`)
      ? 'held out'
      : f.startsWith(`${BLIND}/`)
        ? 'blind'
        : OLDER_RELEASES.test(f)
          ? 'older releases'
          : UNTOUCHED.some((re) => re.test(`/${f}`))
            ? 'untouched'
            : 'tuned';
  return { f, half, o, withGc, hasGc };
});

function pooled(rs, pick, which = 'o') {
  let model = 0;
  let persistence = 0;
  for (const r of rs) {
    const o = r[which];
    const a = pick(o);
    model += a.maeModel * o.intervals;
    persistence += o.maePersistence * o.intervals;
  }
  return persistence === 0 ? null : 1 - model / persistence;
}

const fmt = (x) => (x === null || x === undefined ? 'n/a' : x.toFixed(3));
const out = { halves: {} };
for (const half of ['tuned', 'untouched', 'older releases', 'programs', 'held out', 'blind']) {
  const rs = rows.filter((r) => r.half === half);
  const scored = rs.filter((r) => r.o.intervals >= MIN_SCORED_INTERVALS && r.o.skill !== null);
  out.halves[half] = {
    logs: rs.length,
    intervals: rs.reduce((a, r) => a + r.o.intervals, 0),
    pooled: {
      full: pooled(rs, (o) => o.ablation.full),
      modelOnly: pooled(rs, (o) => o.ablation.modelOnly),
      levelOnly: pooled(rs, (o) => o.ablation.levelOnly),
      withGctrace: pooled(rs, (o) => o.ablation.full, 'withGc'),
    },
    gctraceLogs: rs.filter((r) => r.hasGc).length,
    gctraceOnly: {
      without: pooled(
        rs.filter((r) => r.hasGc),
        (o) => o.ablation.full,
      ),
      with: pooled(
        rs.filter((r) => r.hasGc),
        (o) => o.ablation.full,
        'withGc',
      ),
    },
    scored: scored.length,
    atOrBelowZero: scored.filter((r) => r.o.skill <= 0).map((r) => r.f),
    perLog: rs.map((r) => ({
      file: r.f,
      intervals: r.o.intervals,
      skill: r.o.skill,
      modelOnly: r.o.ablation.modelOnly.skill,
      levelOnly: r.o.ablation.levelOnly.skill,
      ...(r.hasGc ? { withGctrace: r.withGc.skill } : {}),
    })),
  };
}
if (process.argv.includes('--json')) console.log(JSON.stringify(out, null, 2));
else {
  for (const [half, h] of Object.entries(out.halves)) {
    console.log(
      `${half}: ${h.logs} logs, ${h.intervals} intervals; pooled skill ${fmt(h.pooled.full)} (model only ${fmt(h.pooled.modelOnly)}, level only ${fmt(h.pooled.levelOnly)}); ${h.scored} logs with >= ${MIN_SCORED_INTERVALS} intervals, ${h.atOrBelowZero.length} at or below 0`,
    );
    console.log(
      `  ${h.gctraceLogs} logs with gctrace: pooled skill ${fmt(h.gctraceOnly.without)}, with the cycles placed ${fmt(h.gctraceOnly.with)} (whole half ${fmt(h.pooled.withGctrace)})`,
    );
    if (process.argv.includes('--logs'))
      for (const l of h.perLog)
        console.log(
          `  | ${l.file} | ${l.intervals} | ${fmt(l.skill)} | ${fmt(l.modelOnly)} | ${fmt(l.levelOnly)} | ${l.withGctrace === undefined ? '' : fmt(l.withGctrace)} |`,
        );
  }
}
