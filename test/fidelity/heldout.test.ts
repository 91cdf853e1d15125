import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { scenariosFromManifest } from '../../src/scheduler/fidelity-manifest.js';
import { DEFAULT_SEEDS, firstSeeds, runScenarioSeeds } from '../../src/scheduler/fidelity-seeds.js';
import type { WorkloadSpec } from '../../src/workload/spec.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * samples/heldout: `locked` and `idle` captured at GOMAXPROCS values (and, for Go 1.19, a release)
 * that the fidelity table does not have, after the netpoll M's millisecond grid was developed on
 * the table's locked-p2 and idle-p8 (samples/heldout/README.md). Before that change 3 of these 8
 * scenarios were within the real run-to-run variance; they must all stay there.
 */
const dir = join(samplesDir, 'heldout');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const hasSpec = (program: string) => existsSync(join(dir, 'workloads', `${program}.json`));
const { scenarios, skipped } = scenariosFromManifest(manifest, hasSpec);
const load = (f: string) => parseText(readFileSync(join(dir, f), 'utf8')).snapshots;

describe('held-out captures of the sleeping programs', () => {
  it('form 8 scenarios of three captures each, none skipped', () => {
    expect(skipped).toEqual([]);
    expect(scenarios.map((s) => `${s.id} go${s.go} ×${s.reals.length}`).sort()).toEqual(
      [
        'idle-p2 go1.19 ×3',
        'idle-p2 go1.26 ×3',
        'idle-p4 go1.19 ×3',
        'idle-p4 go1.26 ×3',
        'locked-p1 go1.19 ×3',
        'locked-p1 go1.26 ×3',
        'locked-p4 go1.19 ×3',
        'locked-p4 go1.26 ×3',
      ].sort(),
    );
  });
  it.each(scenarios.map((s) => [s.id, s.go, s] as const))(
    '%s go%s: within the real run-to-run variance',
    (_id, _go, sc) => {
      const spec = JSON.parse(readFileSync(join(dir, 'workloads', `${sc.spec}.json`), 'utf8')) as WorkloadSpec;
      const r = runScenarioSeeds(sc, spec, sc.reals.map(load), sc.cores ?? 2, firstSeeds(DEFAULT_SEEDS));
      expect(r.verdict.faithful).toBe(true);
    },
  );
});
