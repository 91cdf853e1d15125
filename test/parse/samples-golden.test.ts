import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { updating } from '../helpers/cases.js';
import { dumpParse } from '../helpers/dump.js';
import { realSampleLogs, samplesDir } from '../helpers/samples.js';

const goldenDir = join(import.meta.dirname, 'golden');

describe('golden dumps of every real sample', () => {
  for (const rel of realSampleLogs()) {
    test(rel, () => {
      const text = readFileSync(join(samplesDir, rel), 'utf8');
      const r = parseText(text);
      // Real logs parse without a malformed line and every line is accounted for.
      expect(r.counts.malformed).toBe(0);
      expect(r.counts.schedtrace + (r.counts.gctrace ?? 0) + r.counts.foreign).toBe(r.counts.lines);
      expect(r.snapshots.length).toBeGreaterThan(0);
      const golden = join(goldenDir, rel.replace(/\.log$/, '.dump'));
      const got = dumpParse(r);
      if (!existsSync(golden) && process.env.CI)
        throw new Error(`missing golden ${golden}; run UPDATE_GOLDEN=1 npx vitest run test/parse`);
      if (updating || !existsSync(golden)) {
        mkdirSync(dirname(golden), { recursive: true });
        writeFileSync(golden, got);
      } else {
        expect(got).toBe(readFileSync(golden, 'utf8'));
      }
    });
  }
});
