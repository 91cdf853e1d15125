import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { RunTimelineStream, TimelineBuilder } from '../../src/trace/timeline-builder.js';
import type { RunTimeline } from '../../src/trace/timeline.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { realSampleLogs, samplesDir } from '../helpers/samples.js';

const multiStream = ['compose.log', 'journald-short.log', 'mixed-foreign.log'].map((f) => join('envelopes', f));

test.each([...realSampleLogs(), ...multiStream])(
  '%s: the streamed runs are TimelineBuilder’s, in its order',
  (sample) => {
    const { snapshots } = parseText(readFileSync(join(samplesDir, sample), 'utf8'));
    const b = new TimelineBuilder();
    for (const s of snapshots) b.add(s);
    const streamed: RunTimeline[] = [];
    const st = new RunTimelineStream((tl) => streamed.push(tl));
    for (const s of snapshots) st.add(s);
    st.end();
    expect(streamed).toEqual(b.timelines());
  },
);

function snap(stream: string, run: number, line: number): Snapshot {
  return {
    stream,
    run,
    line,
    tMs: 0,
    era: 'go1.20',
    gomaxprocs: 1,
    idleprocs: 0,
    threads: 3,
    idlethreads: 0,
    runqueue: 0,
    runq: [0],
  };
}

test('a run is handed on when its stream restarts, unless an earlier run is still open', () => {
  const got: string[] = [];
  const st = new RunTimelineStream((tl) => got.push(`${tl.stream}${tl.run}`));
  st.add(snap('a', 0, 1));
  st.add(snap('a', 1, 2));
  expect(got).toEqual(['a0']); // released before the input ends
  st.add(snap('b', 0, 3));
  st.add(snap('b', 1, 4));
  expect(got).toEqual(['a0']); // b0 waits for a1, which appeared first
  st.add(snap('a', 2, 5));
  expect(got).toEqual(['a0', 'a1', 'b0']);
  st.end();
  expect(got).toEqual(['a0', 'a1', 'b0', 'b1', 'a2']);
});
