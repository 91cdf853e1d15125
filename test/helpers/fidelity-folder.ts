import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
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
  const specs = new Map<string, WorkloadSpec | null>();
  const specOf = (program: string): WorkloadSpec | null => {
    const file = join(dir, 'workloads', `${program}.json`);
    if (!specs.has(program))
      specs.set(program, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as WorkloadSpec) : null);
    return specs.get(program) ?? null;
  };
  const { scenarios, skipped } = scenariosFromManifest(manifest, specOf);
  const load = (f: string) => parseText(readFileSync(join(dir, f), 'utf8')).snapshots;
  const faithful = (sc: ManifestScenario): boolean | null => {
    return runScenarioSeeds(sc, specOf(sc.spec)!, sc.reals.map(load), sc.cores ?? 2, firstSeeds(DEFAULT_SEEDS)).verdict
      .faithful;
  };
  return { scenarios, skipped, faithful };
}

/** One test per scenario of the folder: faithful, except those named in `out` (`'id goX.Y'`). */
export function itStaysWhereItIs(folder: ReturnType<typeof fidelityFolder>, out: readonly string[]): void {
  it.each(folder.scenarios.map((s) => [s.id, s.go, s] as const))(
    '%s go%s: where it was against the real run-to-run variance',
    (id, go, sc) => {
      expect(folder.faithful(sc)).toBe(!out.includes(`${id} go${go}`));
    },
  );
}
