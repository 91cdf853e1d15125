import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { LiveFindings } from '../../src/live/live-findings.js';
import { parseText } from '../../src/parse/index.js';
import { samplesDir } from '../helpers/samples.js';

test('an episode the later dumps refute is opened, then dropped, never handed on as a finding', () => {
  // 2,000 loopback connections in IO wait (a possible leak while they pile up), all closed at the
  // end (2,001 → 1 between two dumps): the leak episode opens, and the fall drops it.
  const text = gunzipSync(
    readFileSync(join(samplesDir, 'programs', 'connramp-go1.19-p4-detail-100ms.log.gz')),
  ).toString();
  const opened: string[] = [];
  const dropped: string[] = [];
  const reported: string[] = [];
  const live = new LiveFindings((f) => reported.push(f.kind), {
    onOpen: (f) => opened.push(f.kind),
    onDrop: (f) => dropped.push(f.kind),
  });
  let ongoingLeak = false;
  for (const s of parseText(text).snapshots) {
    live.push(s);
    ongoingLeak ||= live.ongoing().some((f) => f.kind === 'goroutine-leak');
  }
  const analysis = live.finish();
  expect(opened).toContain('goroutine-leak');
  // While the connections were open the leak was going on, as the live view shows it.
  expect(ongoingLeak).toBe(true);
  expect(dropped).toEqual(['goroutine-leak']);
  expect(reported).not.toContain('goroutine-leak');
  expect(analysis.findings.map((f) => f.kind)).not.toContain('goroutine-leak');
  expect(live.ongoing()).toEqual([]);
});
