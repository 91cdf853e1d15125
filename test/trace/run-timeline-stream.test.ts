import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { RunPointStream, TimelineBuilder } from '../../src/trace/timeline-builder.js';
import type { RunTimeline } from '../../src/trace/timeline.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { realSampleLogs, samplesDir } from '../helpers/samples.js';

const multiStream = ['compose.log', 'journald-short.log', 'mixed-foreign.log'].map((f) => join('envelopes', f));

/** Every run's points as RunPointStream hands them on, as timelines numbered by first appearance. */
function streamedRuns(
  snapshots: Iterable<Snapshot>,
  ended: string[] = [],
): RunPointStream<RunTimeline> & {
  runs: RunTimeline[];
} {
  const runs: RunTimeline[] = [];
  const st = new RunPointStream<RunTimeline>({
    start: (head, seq) => (runs[seq] = { ...head, points: [] }),
    point: (tl, pt) => tl.points.push(pt),
    end: (tl, head) => {
      Object.assign(tl, head);
      ended.push(`${tl.stream}${tl.run}`);
    },
  });
  for (const s of snapshots) st.add(s);
  return Object.assign(st, { runs });
}

test.each([...realSampleLogs(), ...multiStream])(
  '%s: the streamed points and heads are TimelineBuilder’s, runs in its order',
  (sample) => {
    const { snapshots } = parseText(readFileSync(join(samplesDir, sample), 'utf8'));
    const b = new TimelineBuilder();
    for (const s of snapshots) b.add(s);
    const st = streamedRuns(snapshots);
    st.end();
    expect(st.runs).toEqual(b.timelines());
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

test('a run ends when its stream restarts or is released; the rest at the end, in order of appearance', () => {
  const got: string[] = [];
  const st = streamedRuns([], got);
  st.add(snap('a', 0, 1));
  st.add(snap('a', 1, 2));
  expect(got).toEqual(['a0']); // ended before the input ends
  st.add(snap('b', 0, 3));
  st.add(snap('b', 1, 4));
  expect(got).toEqual(['a0', 'b0']);
  st.add(snap('c', 0, 5));
  st.release('b');
  expect(got).toEqual(['a0', 'b0', 'b1']);
  st.add(snap('a', 2, 6));
  st.end();
  expect(got).toEqual(['a0', 'b0', 'b1', 'a1', 'c0', 'a2']);
});
