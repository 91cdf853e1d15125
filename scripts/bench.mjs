// `npm run bench`: every benchmark of the project, each printing its figures and ratios.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = import.meta.dirname;
const only = process.argv.slice(2);
const benches = [
  ['parse', 'bench-parse.mjs', 'benchParse'],
  ['sim', 'bench-sim.mjs', 'benchSim'],
  ['replay', 'bench-replay.mjs', 'benchReplay'],
  ['report', 'bench-report.mjs', 'benchReport'],
];
for (const [name, file, fn] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  const path = join(here, file);
  if (!existsSync(path)) continue;
  const mod = await import(pathToFileURL(path).href);
  await mod[fn]();
}
