import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { FREEZE_STOP_WAIT } from '../../src/trace/runtime-constants.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';

/**
 * A stack overflow on several Ms at once (samples/labelled/novel4-*: stackcrash, run twice into one
 * log): the first M that throws freezes the world (freezetheworld: gcwaiting, stopwait =
 * freezeStopWait), and each M that throws after it prints its crash dump so. That is a dying process,
 * not a stop-the-world: crash-dump and restart, and no gc-stop. Between two Ms' crash dumps sysmon may
 * still print a plain dump; the process is dying all the same, and the message stays the run's.
 */
test.each(['novel4-go1.26/stackcrash-p4-50ms.log', 'novel4-go1.19/stackcrash-p8-50ms.log'])(
  '%s: the frozen world of a crash is no gc-stop',
  (file) => {
    const text = readFileSync(`samples/labelled/${file}`, 'utf8');
    const { snapshots, trailingGc } = parseText(text);
    // The capture does print the frozen world's dumps the rule must see through.
    expect(snapshots.some((s) => s.stopwait === FREEZE_STOP_WAIT && s.gcwaiting === true)).toBe(true);
    const { findings } = analyzeTrace(buildTimelines(snapshots, trailingGc));
    const kinds = new Set(findings.map((f) => f.kind));
    expect(kinds.has('gc-stop')).toBe(false);
    expect(kinds.has('crash-dump')).toBe(true);
    expect(kinds.has('restart')).toBe(true);
  },
);

test("a second M's crash dump, after a plain dump of the dying process, still names the message; the loop counts processes", () => {
  const { snapshots, trailingGc } = parseText(
    readFileSync('samples/labelled/novel4-go1.26/stackcrash-p4-50ms.log', 'utf8'),
  );
  const { findings } = analyzeTrace(buildTimelines(snapshots, trailingGc));
  const crashes = findings.filter((f) => f.kind === 'crash-dump');
  // Run 0 died with two crash dumps (602 and 614 ms, a plain dump at 610 ms between them), run 1 with one.
  expect(crashes.map((f) => [f.run, f.tMs])).toEqual([
    [0, 602],
    [0, 614],
    [1, 603],
  ]);
  for (const f of crashes) {
    if (f.kind !== 'crash-dump') continue;
    expect(f.evidence.exitText).toBe('fatal error: stack overflow');
    expect(f.evidence.sameExit).toMatchObject({ crashes: 2, runs: [0, 1], uptimeMs: { min: 602, max: 603 } });
  }
  const restart = findings.find((f) => f.kind === 'restart');
  expect(restart?.explanation).toContain('after dying with "fatal error: stack overflow"');
});
