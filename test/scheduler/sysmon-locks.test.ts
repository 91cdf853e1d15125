import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scheduler/simulate.js';
import { readLog } from '../helpers/log-findings.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * sysmon prints the dumps holding sched.lock, and from Go 1.15 sched.sysmonlock around its work
 * too (proc.go sysmon), so its M line (no P, no G, not blocked) reads locks=1 up to Go 1.14 and
 * locks=2 after. The model's dumps must say what the release's own dumps say.
 */
const SYSMON_LINE = /^ {2}M\d+: p=(?:-1|nil) curg=(?:-1|nil) .* locks=(\d+) .* blocked=false/;

function sysmonLocks(lines: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const l of lines) {
    const m = SYSMON_LINE.exec(l);
    if (m !== null && Number(m[1]) > 0) out.add(Number(m[1]));
  }
  return out;
}

function capture(release: string): Set<number> {
  return sysmonLocks(readLog(`samples/labelled/${release}/fanout-p4-detail-10ms.log.gz`).split('\n'));
}

function simulated(go: string): Set<number> {
  const lines: string[] = [];
  const workload = JSON.parse(readFileSync(join(samplesDir, 'workloads', 'seed.json'), 'utf8'));
  simulate({ workload, go, gomaxprocs: 2, periodMs: 100, detail: true, seed: 1, durationMs: 300 }, (t) =>
    lines.push(...t.split('\n')),
  );
  return sysmonLocks(lines);
}

describe("sysmon's M line in detailed dumps", () => {
  it.each([
    ['go1.13', '1.13'],
    ['go1.14', '1.14'],
    ['go1.16', '1.16'],
    ['go1.26', '1.26'],
  ])('%s: the locks value the real captures show', (release, go) => {
    const real = capture(release);
    expect(real.size).toBe(1);
    expect(simulated(go)).toEqual(real);
  });
});
