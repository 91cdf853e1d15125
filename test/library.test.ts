import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import * as gosched from '../src/index.js';
import { samplesDir } from './helpers/samples.js';

test('the library entry composes the stages the CLI uses: parse, timelines, findings, replay, report data', () => {
  const log = readFileSync(join(samplesDir, 'go1.26/overflow-p1-10ms-a.log'), 'utf8');
  const { snapshots, counts } = gosched.parseText(log);
  expect(counts.lines).toBe(counts.schedtrace + (counts.gctrace ?? 0) + counts.foreign + counts.malformed);
  const timelines = gosched.buildTimelines(snapshots);
  expect(timelines).toHaveLength(1);
  const findings = timelines.flatMap(gosched.analyzeRun);
  expect(findings.map((f) => f.kind)).toContain('local-overflow');
  // The pipeline entry gives the same findings, ranked, with a headline.
  const analysis = gosched.analyzeTrace(timelines);
  expect(analysis.findings.map((f) => `${f.kind}@${f.line}`).sort()).toEqual(
    findings.map((f) => `${f.kind}@${f.line}`).sort(),
  );
  expect(analysis.headline?.kind).toBe('saturation');
  expect(gosched.checkTrace(timelines).failed).toBe(false);
  const replay = gosched.replayTimelines(timelines);
  const overlay = gosched.toModelOverlay(replay.runs);
  expect(overlay[0]!.points.length).toBeGreaterThan(10);
  for (const k of gosched.findingKinds) expect(gosched.findingInfo[k].title.length).toBeGreaterThan(0);
});

test('simulate gives Snapshots in memory and text that parses back to the same numbers', () => {
  const spec = gosched.validateWorkload(JSON.parse(readFileSync(join(samplesDir, 'workloads/overflow.json'), 'utf8')));
  if (!spec.ok) throw new Error(spec.errors.join('; '));
  const texts: string[] = [];
  const sim = gosched.simulate(
    { workload: spec.spec, go: '1.26', gomaxprocs: 1, periodMs: 10, detail: false, seed: 1, durationMs: 60 },
    (t) => texts.push(t),
  );
  const parsed = gosched.parseText(`${texts.join('\n')}\n`).snapshots;
  expect(parsed.map((s) => [s.runqueue, s.runq])).toEqual(sim.snapshots.map((s) => [s.runqueue, s.runq]));
  expect(gosched.buildTimelines(sim.snapshots)[0]!.points.length).toBe(sim.snapshots.length);
});
