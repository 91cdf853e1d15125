import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

test('a ring held lopsided for seconds outranks half a second of backlog: both are goroutines waiting per P over time', () => {
  // Go 1.25 at 128 Ps on 2 CPUs: 127 spinners, then a hub's 100 workers readied onto its own P, which
  // nothing steals from with no P idle (P7 up to 99 for about 8 s). Before that, a stop-the-world put
  // every spinner on the global queue and the Ps took about 0.5 s to get their Ms back (saturation).
  const text = readFileSync(join(samplesDir, 'labelled', 'novel11-go1.25', 'hubwake-wake-p128-100ms.log'), 'utf8');
  const a = analyzeTrace(buildTimelines(parseText(text).snapshots));
  const kinds = a.findings.map((f) => f.kind);
  expect(kinds).toContain('saturation');
  expect(kinds).toContain('imbalance');
  const imbalance = a.findings.find((f) => f.kind === 'imbalance')!;
  const saturation = a.findings.find((f) => f.kind === 'saturation')!;
  expect(imbalance.tEndMs! - imbalance.tMs!).toBeGreaterThan(10 * (saturation.tEndMs! - saturation.tMs!));
  expect(a.headline?.kind).toBe('imbalance');
});
