// `npm run bench`: every benchmark of the project, one after the other, each printing its figures
// and the ratios measured in the same run. `npm run bench -- parse report` runs a subset.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const only = process.argv.slice(2);
const benches = [
  ['parse', 'bench-parse.mjs'],
  ['sim', 'bench-sim.mjs'],
  ['replay', 'bench-replay.mjs'],
  ['report', 'bench-report.mjs'],
];
let failed = 0;
for (const [name, file] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  const path = join(here, file);
  if (!existsSync(path)) continue;
  console.log(`\n=== bench ${name} (${file})`);
  const r = spawnSync(process.execPath, [path], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
