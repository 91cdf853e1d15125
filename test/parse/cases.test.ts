import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { readCase, updating, writeCaseExpect } from '../helpers/cases.js';
import { dumpParse } from '../helpers/dump.js';

const dir = join(import.meta.dirname, 'cases');

describe('hand-written cases per era and envelope', () => {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.case'))
    .sort()) {
    test(file, () => {
      const c = readCase(join(dir, file));
      const r = parseText(c.log);
      const got = dumpParse(r);
      // Every input line is accounted for.
      const lines = c.log.split('\n').length - (c.log.endsWith('\n') ? 1 : 0);
      expect(r.counts.lines).toBe(lines);
      expect(r.counts.schedtrace + (r.counts.gctrace ?? 0) + r.counts.foreign + r.counts.malformed).toBe(lines);
      if (c.expect === undefined && process.env.CI) throw new Error(`${file} has no -- expect -- section`);
      if (updating || c.expect === undefined) writeCaseExpect(c, got);
      else expect(got).toBe(c.expect);
    });
  }
});
