// Replays a one-hour, 64-P log traced every second (3600 dumps) and reports the time; budget 10 s.
// The log repeats the lines of a real 8-P sample, each bracket widened to 64 Ps, with advancing times.
import { readFileSync } from 'node:fs';
import { parseText } from '../dist/parse/index.js';
import { buildTimelines } from '../dist/trace/timeline-builder.js';
import { replayTimelines } from '../dist/replay/index.js';

const src = readFileSync(new URL('../samples/go1.26/oversub-p8-20ms-a.log', import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('SCHED'));
const widen = (list) => { const v = list.trim().split(/\s+/); return Array.from({ length: 64 }, (_, i) => v[i % v.length]).join(' '); };
const lines = [];
for (let i = 0; i < 3600; i++) {
  const l = src[i % src.length];
  lines.push(l.replace(/^SCHED \d+ms/, `SCHED ${i * 1000}ms`).replace('gomaxprocs=8', 'gomaxprocs=64').replace(/\[ ([^\]]*) \] schedticks=\[ ([^\]]*) \]/, (_, q, t) => `[ ${widen(q)} ] schedticks=[ ${widen(t)} ]`));
}
const tl = buildTimelines(parseText(lines.join('\n')).snapshots);
const t0 = performance.now();
const r = replayTimelines(tl, { freeRun: false, residuals: false });
const s = (performance.now() - t0) / 1000;
console.log(`replay: ${tl[0].points.length} dumps × 64 Ps in ${s.toFixed(2)} s (budget 10 s), ${r.runs[0].events} model events, skill ${r.fidelity.oneStep.skill}`);
process.exitCode = s < 10 ? 0 : 1;
