import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { AnyCheck } from '../../src/findings/check.js';
import { checks } from '../../src/findings/checks/index.js';
import type { Finding } from '../../src/findings/finding.js';
import { RunChecker } from '../../src/findings/runner.js';
import { parseText } from '../../src/parse/index.js';
import { TimelineBuilder } from '../../src/trace/timeline-builder.js';
import { realSampleLogs, samplesDir } from '../helpers/samples.js';

test('leaving quiet checks out of a dump (Check.quietUnless) changes no finding', () => {
  // The same checks without quietUnless: every check steps at every dump.
  const always = checks.map(({ quietUnless: _, ...c }) => c as AnyCheck);
  let findings = 0;
  for (const rel of realSampleLogs()) {
    const builder = new TimelineBuilder();
    for (const s of parseText(readFileSync(join(samplesDir, rel), 'utf8')).snapshots) builder.add(s);
    for (const tl of builder.timelines()) {
      const quiet = new RunChecker(tl.stream, tl.run);
      const full = new RunChecker(tl.stream, tl.run, { checks: always });
      let prev: (typeof tl.points)[number] | undefined;
      for (const pt of tl.points) {
        quiet.step(prev, pt);
        full.step(prev, pt);
        prev = pt;
      }
      const got = quiet.finish();
      expect(got, `${rel} run ${tl.run}`).toEqual(full.finish());
      findings += got.length;
    }
  }
  expect(findings).toBeGreaterThan(100);
});

test('more checks than one word of the runner’s bit masks find what each part finds alone', () => {
  // 45 checks, every kind among the last 13: the runner keeps them as bits in two words.
  const parts = [checks, checks, checks.slice(0, 6), checks];
  const many = parts.flat();
  // The same check four times over makes four copies of each episode, which the runner reads as one
  // that recurs (recurrence.ts): compare without that note.
  const sorted = (fs: readonly Finding[]): string[] =>
    fs
      .map((f) =>
        JSON.stringify({
          ...f,
          recurrence: undefined,
          explanation: f.explanation.replace(/ This is one of \d+ .*$/, ''),
        }),
      )
      .sort();
  let findings = 0;
  for (const rel of realSampleLogs()) {
    const builder = new TimelineBuilder();
    for (const s of parseText(readFileSync(join(samplesDir, rel), 'utf8')).snapshots) builder.add(s);
    for (const tl of builder.timelines()) {
      const all = new RunChecker(tl.stream, tl.run, { checks: many });
      const alone = parts.map((part) => new RunChecker(tl.stream, tl.run, { checks: part }));
      let prev: (typeof tl.points)[number] | undefined;
      for (const pt of tl.points) {
        all.step(prev, pt);
        for (const c of alone) c.step(prev, pt);
        prev = pt;
      }
      const got = all.finish();
      expect(sorted(got), `${rel} run ${tl.run}`).toEqual(sorted(alone.flatMap((c) => c.finish())));
      findings += got.length;
    }
  }
  expect(findings).toBeGreaterThan(400);
});
