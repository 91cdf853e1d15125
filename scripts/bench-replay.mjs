// Replays a one-hour, 64-P log traced every second (3600 dumps) and reports the time; budget 10 s.
// The log follows a real 8-P sample's queues, each bracket widened to 64 Ps; times advance by one
// second per dump and each P's schedtick grows monotonically (by the sample's own per-interval
// advance), as a real one-hour trace would. Run standalone: `node scripts/bench-replay.mjs` (needs
// `npm run build`); it also times a plain parse of the same log for the ratio.
import { readFileSync } from 'node:fs';
import { parseText } from '../dist/parse/index.js';
import { buildTimelines } from '../dist/trace/timeline-builder.js';
import { replayTimelines } from '../dist/replay/index.js';

const PS = 64;
const DUMPS = 3600;
const src = readFileSync(new URL('../samples/go1.26/oversub-p8-20ms-a.log', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('SCHED'));
const nums = (list) => list.trim().split(/\s+/).map(Number);
const parsed = src.map((l) => {
  const m = /\[ ([^\]]*) \] schedticks=\[ ([^\]]*) \]/.exec(l);
  return { line: l, runq: nums(m[1]), ticks: nums(m[2]) };
});
// Per-interval schedtick advance of each source P (the sample's first dump has none before it).
const advance = parsed.map((p, i) =>
  i === 0 ? p.ticks.map(() => 0) : p.ticks.map((t, k) => Math.max(0, t - parsed[i - 1].ticks[k])),
);
const ticks = new Array(PS).fill(0);
const lines = [];
for (let i = 0; i < DUMPS; i++) {
  const j = i % parsed.length;
  const p = parsed[j];
  // The sample's dumps are 20 ms apart, these 1 s: a P starts 50 times as many slices per dump.
  for (let k = 0; k < PS; k++) ticks[k] += advance[j === 0 ? 1 : j][k % p.ticks.length] * 50;
  const runq = Array.from({ length: PS }, (_, k) => p.runq[k % p.runq.length]);
  lines.push(
    p.line
      .replace(/^SCHED \d+ms/, `SCHED ${i * 1000}ms`)
      .replace('gomaxprocs=8', `gomaxprocs=${PS}`)
      .replace(/\[ [^\]]* \] schedticks=\[ [^\]]* \]/, `[ ${runq.join(' ')} ] schedticks=[ ${ticks.join(' ')} ]`),
  );
}
const text = lines.join('\n');

const p0 = performance.now();
const snapshots = parseText(text).snapshots;
const parseS = (performance.now() - p0) / 1000;
const tl = buildTimelines(snapshots);
const t0 = performance.now();
const r = replayTimelines(tl, { freeRun: false, residuals: false });
const s = (performance.now() - t0) / 1000;
console.log(
  `replay: ${tl[0].points.length} dumps × ${PS} Ps (one hour at 1 s) in ${s.toFixed(2)} s (budget 10 s); ` +
    `plain parse of the same log ${parseS.toFixed(2)} s, ratio ${(s / parseS).toFixed(1)}×; ` +
    `${r.runs[0].events} model events, skill ${r.fidelity.oneStep.skill}`,
);
process.exitCode = s < 10 ? 0 : 1;
