import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scheduler/simulate.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * Every bundled workload on 2 cores, at 2 and 8 Ps, on three seeds: no run may freeze, that is
 * print five dumps in a row with goroutines queued and every field equal, schedticks included (Go
 * 1.26 prints them). A frozen model once held both Ps with two readers in syscall after syscall,
 * because retake ignored a P's schedtick in `_Psyscall` (sysretake).
 */
const workloads = readdirSync(join(samplesDir, 'workloads')).filter((f) => f.endsWith('.json'));

describe('the model never freezes with work queued', () => {
  it.each(workloads)('%s', (file) => {
    const workload = JSON.parse(readFileSync(join(samplesDir, 'workloads', file), 'utf8'));
    for (const gomaxprocs of [2, 8])
      for (const seed of [1, 2, 3]) {
        const r = simulate({
          workload,
          go: '1.26',
          gomaxprocs,
          periodMs: 20,
          detail: false,
          seed,
          durationMs: 1000,
          cpus: 2,
        });
        let same = 0;
        let longest = 0;
        for (let i = 1; i < r.snapshots.length; i++) {
          const a = r.snapshots[i - 1]!;
          const b = r.snapshots[i]!;
          const queued = b.runqueue + b.runq.reduce((x, y) => x + y, 0);
          const equal =
            queued > 0 &&
            a.runqueue === b.runqueue &&
            a.idleprocs === b.idleprocs &&
            a.threads === b.threads &&
            a.runq.every((v, j) => v === b.runq[j]) &&
            (a.schedticks ?? []).every((v, j) => v === b.schedticks?.[j]);
          same = equal ? same + 1 : 0;
          longest = Math.max(longest, same);
        }
        expect(longest, `GOMAXPROCS=${gomaxprocs} seed ${seed}`).toBeLessThan(4);
      }
  });
});
