import { expect, test } from 'vitest';
import { SchedMetrics } from '../../src/cli/metrics-server.js';
import { parseText } from '../../src/parse/index.js';
import { toTimelinePoint } from '../../src/trace/timeline-builder.js';

const line = (t: number, runq: number[], global = 0) =>
  `SCHED ${t}ms: gomaxprocs=${runq.length} idleprocs=0 threads=5 spinningthreads=1 needspinning=0 idlethreads=2 runqueue=${global} [ ${runq.join(' ')} ] schedticks=[ ${runq.map(() => 1).join(' ')} ]`;

async function series(m: SchedMetrics): Promise<string[]> {
  return (await m.registry.metrics()).split('\n').filter((l) => l.startsWith('gosched_local_runqueue{'));
}

test('the unnamed stream gets the source name as label; series of an earlier run or of removed Ps go away', async () => {
  const m = new SchedMetrics('app.log');
  const snaps = parseText(
    [line(0, [1, 2, 3, 4], 9), line(100, [5, 6]), line(0, [7, 8, 9]), line(100, [10, 11, 12])].join('\n'),
  ).snapshots;
  expect(snaps.map((s) => s.run)).toEqual([0, 0, 1, 1]);
  m.onDump(snaps[0]!.stream, snaps[0]!.run, toTimelinePoint(snaps[0]!));
  expect(await series(m)).toEqual([
    'gosched_local_runqueue{stream="app.log",run="0",p="0"} 1',
    'gosched_local_runqueue{stream="app.log",run="0",p="1"} 2',
    'gosched_local_runqueue{stream="app.log",run="0",p="2"} 3',
    'gosched_local_runqueue{stream="app.log",run="0",p="3"} 4',
  ]);
  expect(await m.registry.metrics()).toContain('gosched_global_runqueue{stream="app.log",run="0"} 9');
  // GOMAXPROCS 4 → 2: P2 and P3 are gone, not left at their last value.
  m.onDump(snaps[1]!.stream, snaps[1]!.run, toTimelinePoint(snaps[1]!));
  expect(await series(m)).toEqual([
    'gosched_local_runqueue{stream="app.log",run="0",p="0"} 5',
    'gosched_local_runqueue{stream="app.log",run="0",p="1"} 6',
  ]);
  // A restart: run 0's series are removed, run 1's appear.
  for (const s of snaps.slice(2)) m.onDump(s.stream, s.run, toTimelinePoint(s));
  expect(await series(m)).toEqual([
    'gosched_local_runqueue{stream="app.log",run="1",p="0"} 10',
    'gosched_local_runqueue{stream="app.log",run="1",p="1"} 11',
    'gosched_local_runqueue{stream="app.log",run="1",p="2"} 12',
  ]);
  const text = await m.registry.metrics();
  expect(text).not.toContain('run="0"');
  expect(text).toContain('gosched_dumps_total{stream="app.log"} 4');
  expect(text.trimEnd().endsWith('# EOF')).toBe(true);
});

test('gosched_findings_ongoing counts the episodes going on, and its series goes when the last of them ends', async () => {
  const m = new SchedMetrics('app.log');
  const f = (line: number) =>
    ({ stream: '', run: 0, kind: 'saturation', severity: 'warning', line }) as unknown as Parameters<
      SchedMetrics['onOpen']
    >[0];
  const ongoing = async () =>
    (await m.registry.metrics()).split('\n').filter((l) => l.startsWith('gosched_findings_ongoing{'));
  m.onOpen(f(2));
  m.onOpen(f(40));
  expect(await ongoing()).toEqual([
    'gosched_findings_ongoing{stream="app.log",run="0",kind="saturation",severity="warning"} 2',
  ]);
  m.onFinding(f(2));
  expect(await ongoing()).toEqual([
    'gosched_findings_ongoing{stream="app.log",run="0",kind="saturation",severity="warning"} 1',
  ]);
  m.onFinding(f(40));
  expect(await ongoing()).toEqual([]);
  expect(await m.registry.metrics()).toContain(
    'gosched_findings_total{stream="app.log",run="0",kind="saturation",severity="warning"} 2',
  );
});

test('an episode dropped (what came after refuted it) stops going on and is never counted as a finding', async () => {
  const m = new SchedMetrics('app.log');
  const f = { stream: '', run: 0, kind: 'goroutine-leak', severity: 'warning', line: 7 } as unknown as Parameters<
    SchedMetrics['onOpen']
  >[0];
  m.onOpen(f);
  expect(await m.registry.metrics()).toContain(
    'gosched_findings_ongoing{stream="app.log",run="0",kind="goroutine-leak"',
  );
  m.onDrop(f);
  const text = await m.registry.metrics();
  expect(text).not.toContain('gosched_findings_ongoing{stream="app.log",run="0",kind="goroutine-leak"');
  expect(text).not.toContain('gosched_findings_total{stream="app.log",run="0",kind="goroutine-leak"');
});
