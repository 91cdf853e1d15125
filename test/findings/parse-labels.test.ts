import { describe, expect, it } from 'vitest';
import { parseLabels } from '../../src/findings/score.js';

describe('parseLabels', () => {
  const label = { kind: 'saturation', fromMs: 0, toMs: 1000 };

  it('keeps labels whose kinds are finding kinds, and a null headline', () => {
    const raw = { expect: [label], headline: null, design: 'why' };
    expect(parseLabels(raw, 'a.labels.json')).toBe(raw);
  });

  it('names a headline spelt "none" instead of null, which would only score as a miss', () => {
    expect(() => parseLabels({ expect: [], headline: 'none' }, 'b.labels.json')).toThrow(
      'b.labels.json: labels need "expect" (a list) and "headline" (a finding kind or null); not a finding kind: "none"',
    );
  });

  it('names an expected kind that no check reports', () => {
    expect(() => parseLabels({ expect: [{ ...label, kind: 'overflow' }], headline: 'saturation' }, 'c')).toThrow(
      'not a finding kind: "overflow"',
    );
  });

  it('asks for both fields', () => {
    expect(() => parseLabels({ expect: [label] }, 'd')).toThrow('d: labels need');
    expect(() => parseLabels({ headline: null }, 'e')).toThrow('e: labels need');
  });
});
