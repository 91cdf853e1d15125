// The README's per-sample replay table: `gosched replay --json` on every committed real sample,
// printed as Markdown rows (full skill, model only, level only), then the pooled figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'bin', 'gosched.js');
const samples = readdirSync(join(root, 'samples'))
  .filter((d) => d.startsWith('go1.'))
  .sort()
  .flatMap((d) =>
    readdirSync(join(root, 'samples', d))
      .filter((f) => f.endsWith('.log'))
      .sort()
      .map((f) => `${d}/${f}`),
  );

const fmt = (x, digits = 3) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(digits));
let n = 0;
const pooled = { persistence: 0, full: 0, model: 0, level: 0 };
for (const s of samples) {
  const r = spawnSync(process.execPath, [cli, 'replay', '--json', join('samples', s)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  if (r.status !== 0) throw new Error(`${s}: ${r.stderr}`);
  // NDJSON: the last record is the pooled {"type":"fidelity"} one.
  const records = r.stdout.trim().split('\n');
  const o = JSON.parse(records[records.length - 1]).oneStep;
  const a = o.ablation;
  const k = o.intervals;
  n += k;
  pooled.persistence += o.maePersistence * k;
  pooled.full += a.full.maeModel * k;
  pooled.model += a.modelOnly.maeModel * k;
  pooled.level += a.levelOnly.maeModel * k;
  const weaker =
    a.full.skill !== null && a.levelOnly.skill !== null && a.full.skill <= a.levelOnly.skill && o.maePersistence > 0;
  console.log(
    `| ${s} | ${k} | ${fmt(o.maePersistence, 2)} | ${fmt(a.full.maeModel, 2)} | **${fmt(a.full.skill)}**${weaker ? ' ◦' : ''} | ${fmt(a.modelOnly.skill)} | ${fmt(a.levelOnly.skill)} |`,
  );
}
const skill = (mae) => 1 - mae / pooled.persistence;
console.log(
  `| **pooled (${samples.length} samples)** | ${n} | ${fmt(pooled.persistence / n, 2)} | ${fmt(pooled.full / n, 2)} | **${fmt(skill(pooled.full))}** | ${fmt(skill(pooled.model))} | ${fmt(skill(pooled.level))} |`,
);
