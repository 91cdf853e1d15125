import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { chromiumMissing, findChromium } from '../../scripts/chromium-path.mjs';

// The browser is looked up on PATH (or named by GOSCHED_CHROMIUM), never at a fixed location.
describe('findChromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gosched-chromium-path-'));
  const empty = mkdtempSync(join(tmpdir(), 'gosched-chromium-path-'));
  const browser = join(dir, 'chromium-browser');
  writeFileSync(browser, '#!/bin/sh\n');
  chmodSync(browser, 0o755);
  const notExecutable = join(dir, 'chromium');
  writeFileSync(notExecutable, '');
  chmodSync(notExecutable, 0o644);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  test('takes the first executable of the known names in PATH order, skipping files that cannot run', () => {
    expect(findChromium({ PATH: [empty, dir].join(delimiter) })).toBe(browser);
  });

  test('finds none on a PATH without one, and says how to give one', () => {
    expect(findChromium({ PATH: empty })).toBeUndefined();
    expect(findChromium({})).toBeUndefined();
    expect(chromiumMissing({})).toContain('GOSCHED_CHROMIUM');
  });

  test('GOSCHED_CHROMIUM wins over PATH, and must be an executable file', () => {
    expect(findChromium({ PATH: dir, GOSCHED_CHROMIUM: browser })).toBe(browser);
    expect(findChromium({ PATH: dir, GOSCHED_CHROMIUM: notExecutable })).toBeUndefined();
    expect(findChromium({ PATH: dir, GOSCHED_CHROMIUM: dir })).toBeUndefined();
    expect(chromiumMissing({ GOSCHED_CHROMIUM: dir })).toContain('not an executable file');
  });
});
