import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * A shipper's own prefix that no envelope reader knows (`[api] `, Heroku's `<time> app[web.1]: `):
 * the SCHED lines are found where their head begins, and the P, M, G and gctrace lines of the same
 * stream, which carry the same prefix, are read at that column too.
 */
const prefixes = ['[api] ', '2026-12-02T10:00:00.000000+00:00 app[web.1]: '];
const logs = [
  'go1.26/gcheavy-p4-detail-100ms.log',
  'programs/httpload-go1.26-p8-gctrace-100ms.log',
  'go1.26/crash-50ms.log',
];

describe('a prefix no envelope reader strips', () => {
  for (const log of logs)
    it.each(prefixes)(`${log} behind %j reads as the plain log`, (prefix) => {
      const text = readFileSync(join(samplesDir, log), 'utf8');
      const prefixed = text
        .split('\n')
        .map((l) => (l === '' ? l : prefix + l))
        .join('\n');
      const plain = parseText(text);
      const wrapped = parseText(prefixed);
      expect(wrapped.counts).toEqual(plain.counts);
      expect(wrapped.snapshots.length).toBe(plain.snapshots.length);
      for (let i = 0; i < plain.snapshots.length; i++) {
        const a = plain.snapshots[i]!;
        const b = wrapped.snapshots[i]!;
        expect([b.tMs, b.runq, b.detail?.p.length, b.detail?.g.length, b.gc?.cycles]).toEqual([
          a.tMs,
          a.runq,
          a.detail?.p.length,
          a.detail?.g.length,
          a.gc?.cycles,
        ]);
      }
      const kinds = (t: ReturnType<typeof parseText>) =>
        analyzeTrace(buildTimelines(t.snapshots)).findings.map((f) => `${f.kind}@${f.tMs}`);
      expect(kinds(wrapped)).toEqual(kinds(plain));
    });
});
