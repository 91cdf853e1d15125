// Replay skill on the labelled corpus (samples/labelled/): the real captures made for the findings
// engine, which the replay was developed on only since 2026-12-05, and then on the splits listed in
// samples/labelled/replay-tuned.json alone (the splits the findings' rules were changed on), chosen
// before any of them was looked at; the other splits are only scored. One-step skill per split
// (samples/labelled/splits.json) and for the two groups, pooled over their intervals, with the
// ablation, and the logs with at least 15 intervals whose skill is at or below 0 (persistence as
// good or better); and of them, those with at least 15 intervals in which the queues moved (where
// persistence erred: a log whose queues stood still but for a dump or two weighs its skill on those).
// Needs the compiled code (`npm run build`). Usage: node scripts/replay-labelled.mjs [--json] [--logs]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..');
const labelled = join(root, 'samples', 'labelled');
const dist = join(root, 'dist');
const { parseText } = await import(pathToFileURL(join(dist, 'parse', 'index.js')).href);
const { replayTimelines } = await import(pathToFileURL(join(dist, 'replay', 'index.js')).href);
const { buildTimelines } = await import(pathToFileURL(join(dist, 'trace', 'timeline-builder.js')).href);

const MIN_SCORED_INTERVALS = 15;
const splits = JSON.parse(readFileSync(join(labelled, 'splits.json'), 'utf8'));
const tuned = JSON.parse(readFileSync(join(labelled, 'replay-tuned.json'), 'utf8'));

function skillOf(file) {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const r = replayTimelines(buildTimelines(parseText(text).snapshots), { freeRun: false });
  // The intervals in which the queues moved: where persistence erred, the only ones a skill weighs.
  let moved = 0;
  for (const run of r.runs) for (const x of run.oneStep.residuals) if (x.persistenceError > 0) moved++;
  return { ...r.fidelity.oneStep, moved };
}

function pooled(rows, pick) {
  let model = 0;
  let persistence = 0;
  for (const { o } of rows) {
    model += pick(o).maeModel * o.intervals;
    persistence += o.maePersistence * o.intervals;
  }
  return persistence === 0 ? null : 1 - model / persistence;
}

const fmt = (x) => (x === null || x === undefined ? 'n/a' : x.toFixed(3));
const out = { splits: {} };
const all = [];
for (const [split, folders] of Object.entries(splits)) {
  const rows = folders.flatMap((d) =>
    readdirSync(join(labelled, d))
      .filter((f) => /\.log(\.gz)?$/.test(f))
      .sort()
      .map((f) => ({ f: `${d}/${f}`, o: skillOf(join(labelled, d, f)) })),
  );
  all.push(...rows.map((r) => ({ ...r, split })));
  out.splits[split] = summary(rows);
}
out.tuned = summary(all.filter((r) => tuned.includes(r.split)));
out.scoredOnly = summary(all.filter((r) => !tuned.includes(r.split)));
out.all = summary(all);

function summary(rows) {
  const scored = rows.filter((r) => r.o.intervals >= MIN_SCORED_INTERVALS && r.o.skill !== null);
  const moving = scored.filter((r) => r.o.moved >= MIN_SCORED_INTERVALS);
  return {
    logs: rows.length,
    intervals: rows.reduce((a, r) => a + r.o.intervals, 0),
    pooled: {
      full: pooled(rows, (o) => o.ablation.full),
      modelOnly: pooled(rows, (o) => o.ablation.modelOnly),
      levelOnly: pooled(rows, (o) => o.ablation.levelOnly),
    },
    scored: scored.length,
    atOrBelowZero: scored.filter((r) => r.o.skill <= 0).map((r) => r.f),
    movedScored: moving.length,
    movedAtOrBelowZero: moving.filter((r) => r.o.skill <= 0).map((r) => r.f),
    perLog: rows.map((r) => ({
      file: r.f,
      intervals: r.o.intervals,
      moved: r.o.moved,
      skill: r.o.skill,
      mae: {
        full: r.o.ablation.full.maeModel,
        modelOnly: r.o.ablation.modelOnly.maeModel,
        levelOnly: r.o.ablation.levelOnly.maeModel,
        persistence: r.o.maePersistence,
      },
    })),
  };
}

if (process.argv.includes('--json')) console.log(JSON.stringify(out, null, 2));
else {
  const groups = [
    ['tuned on', out.tuned],
    ['scored only', out.scoredOnly],
    ['all', out.all],
  ];
  for (const [name, s] of [...Object.entries(out.splits), ...groups]) {
    console.log(
      `${name}: ${s.logs} logs, ${s.intervals} intervals; pooled skill ${fmt(s.pooled.full)} (model only ${fmt(s.pooled.modelOnly)}, level only ${fmt(s.pooled.levelOnly)}); ${s.scored} with >= ${MIN_SCORED_INTERVALS} intervals, ${s.atOrBelowZero.length} at or below 0 (${s.movedScored} with the queues moving in >= ${MIN_SCORED_INTERVALS}, ${s.movedAtOrBelowZero.length} at or below 0)`,
    );
    if (process.argv.includes('--logs') && name in out.splits)
      for (const l of s.perLog) console.log(`  | ${l.file} | ${l.intervals} | ${l.moved} | ${fmt(l.skill)} |`);
  }
}
