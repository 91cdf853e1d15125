import { expect, test } from 'vitest';
import { foldSpilledJumps } from '../../src/findings/checks/injection-burst.js';
import type { Finding } from '../../src/findings/finding.js';

const jump = (tMs: number, over: Partial<{ confidence: string; via: string; fitsOverflow: boolean }> = {}): Finding =>
  ({
    kind: 'injection-burst',
    tMs,
    confidence: over.confidence ?? 'possible',
    evidence: { via: over.via ?? 'global-queue', fitsOverflow: over.fitsOverflow ?? true },
  }) as unknown as Finding;
const spill = (tMs: number, ps: number[], confidence = 'likely'): Finding =>
  ({ kind: 'local-overflow', tMs, confidence, episode: { hits: 1, ps, moved: 129 } }) as unknown as Finding;

test('possible global jumps that fit spills, before a ring is caught spilling, are the spills', () => {
  const early = jump(100);
  const later = jump(900);
  const past = jump(200, { fitsOverflow: false });
  const likely = jump(300, { confidence: 'likely' });
  const ioWait = jump(400, { via: 'io-wait', confidence: 'certain' });
  const overflow = spill(500, [1]);
  expect(foldSpilledJumps([early, past, likely, ioWait, overflow, later])).toEqual([
    past,
    likely,
    ioWait,
    overflow,
    later,
  ]);
});

test('without ring evidence at least likely, nothing is folded', () => {
  const early = jump(100);
  expect(foldSpilledJumps([early, spill(500, [])])).toHaveLength(2);
  expect(foldSpilledJumps([early, spill(500, [2], 'possible')])).toHaveLength(2);
  expect(foldSpilledJumps([early])).toEqual([early]);
});
