import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseText } from '../../src/parse/index.js';
import { simulate } from '../../src/scheduler/simulate.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { samplesDir } from './samples.js';

/** The committed gcheavy scheddetail capture at `gomaxprocs` Ps (Go 1.26.8, one dump per 10 ms). */
export function gcheavyDetailCapture(gomaxprocs: number): Snapshot[] {
  const file = join(samplesDir, 'programs', `gcheavy-go1.26-p${gomaxprocs}-detail-10ms.log.gz`);
  return parseText(gunzipSync(readFileSync(file)).toString('utf8')).snapshots;
}

/** The model's gcheavy with scheddetail, one dump per 10 ms on 2 cores, seed 1. */
export function gcheavyDetailModel(go: string, gomaxprocs: number, durationMs: number): Snapshot[] {
  return simulate(
    {
      workload: JSON.parse(readFileSync(join(samplesDir, 'workloads', 'gcheavy.json'), 'utf8')),
      go,
      gomaxprocs,
      periodMs: 10,
      detail: true,
      seed: 1,
      durationMs,
      cpus: 2,
    },
    undefined,
    true,
  ).snapshots;
}
