import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { foldSaturatedJumps } from '../../src/findings/checks/injection-burst.js';
import type { Finding } from '../../src/findings/finding.js';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

const jump = (tMs: number, via = 'global-queue', confidence = 'possible'): Finding =>
  ({ kind: 'injection-burst', tMs, confidence, evidence: { via } }) as unknown as Finding;
const saturation = (tMs: number, tEndMs: number, confidence = 'likely'): Finding =>
  ({ kind: 'saturation', tMs, tEndMs, confidence }) as unknown as Finding;

test('global jumps inside an episode of saturation at least likely are its batches; IO wait readings and jumps outside stay', () => {
  const inside = jump(431);
  const likelyInside = jump(900, 'global-queue', 'likely');
  const ioWait = jump(500, 'io-wait', 'certain');
  const after = jump(3000);
  const sat = saturation(51, 2515);
  expect(foldSaturatedJumps([sat, inside, likelyInside, ioWait, after])).toEqual([sat, ioWait, after]);
  // A possible saturation settles nothing.
  const maybe = saturation(51, 2515, 'possible');
  expect(foldSaturatedJumps([maybe, inside])).toEqual([maybe, inside]);
});

const analyzeFile = (path: string) => {
  const raw = readFileSync(path);
  const { snapshots, trailingGc } = parseText(
    path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8'),
  );
  return analyzeTrace(buildTimelines(snapshots, trailingGc));
};

test('an overloaded HTTP server: its saturation, with no injection-burst beside it (sysmon polls for every busy P)', () => {
  const { findings } = analyzeFile('samples/labelled/novel3-go1.26/httpsat-p6-50ms.log');
  expect(findings.map((f) => f.kind)).toEqual(['saturation']);
});

test('a netpoll wave that lands on the backlog of its own first half is still a wave: no saturation episode holds it', () => {
  const { findings } = analyzeFile('samples/labelled/go1.26/netburst-p4-5ms.log');
  const jumps = findings.filter((f) => f.kind === 'injection-burst').map((f) => f.tMs);
  expect(jumps).toContain(860);
  expect(findings.some((f) => f.kind === 'saturation')).toBe(false);
});
