import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../helpers/samples.js';

// vega-lite ships its schema in the package but does not export the path.
const schema = JSON.parse(
  readFileSync(join(repoRoot, 'node_modules', 'vega-lite', 'build', 'vega-lite-schema.json'), 'utf8'),
) as object;
const goldenDir = join(import.meta.dirname, 'golden');
// The published schema uses draft-07 with some loose unions; strict mode would reject the schema itself.
const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);

describe('the checked-in Vega-Lite specs validate against the published Vega-Lite JSON schema', () => {
  const files = readdirSync(goldenDir)
    .filter((f) => f.endsWith('.vl.json'))
    .sort();
  test('there are goldens to validate', () => expect(files.length).toBeGreaterThan(10));
  for (const f of files) {
    test(f, () => {
      const spec = JSON.parse(readFileSync(join(goldenDir, f), 'utf8')) as object;
      const ok = validate(spec);
      expect(ok ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
    });
  }

  test('a broken spec is rejected (the validator is live)', () => {
    expect(validate({ mark: 'no-such-mark', data: { values: [] } })).toBe(false);
  });
});
