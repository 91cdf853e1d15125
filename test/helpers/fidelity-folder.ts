import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseText } from '../../src/parse/index.js';
import { type ManifestScenario, scenariosFromManifest } from '../../src/scheduler/fidelity-manifest.js';
import { DEFAULT_SEEDS, firstSeeds, runScenarioSeeds } from '../../src/scheduler/fidelity-seeds.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';
import { samplesDir } from './samples.js';

/**
 * A folder of samples/ read as `gosched fidelity --samples` reads it (manifest.json, workloads/):
 * its scenarios, the entries skipped, and whether a scenario is within the real run-to-run
 * variance on the default seeds with the cores its manifest records.
 */
export function fidelityFolder(name: string) {
  const dir = join(samplesDir, name);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const hasSpec = (program: string) => existsSync(join(dir, 'workloads', `${program}.json`));
  const { scenarios, skipped } = scenariosFromManifest(manifest, hasSpec);
  const load = (f: string) => parseText(readFileSync(join(dir, f), 'utf8')).snapshots;
  const faithful = (sc: ManifestScenario): boolean | null => {
    const spec = JSON.parse(readFileSync(join(dir, 'workloads', `${sc.spec}.json`), 'utf8')) as WorkloadSpec;
    return runScenarioSeeds(sc, spec, sc.reals.map(load), sc.cores ?? 2, firstSeeds(DEFAULT_SEEDS)).verdict.faithful;
  };
  return { scenarios, skipped, faithful };
}
