import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import type { Finding, FindingOf } from '../../src/findings/finding.js';
import { LiveFindings } from '../../src/live/live-findings.js';
import { RESTART_HOLD_DUMPS } from '../../src/live/restart-hold.js';
import { parseText } from '../../src/parse/index.js';
import { realSampleLogs, samplesDir, sideBySideSample } from '../helpers/samples.js';

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

test('a live reading keeps the summaries of the last runs only, and counts the earlier ones', () => {
  // A crash loop's log: one real capture 30 times over, each copy a new process (SCHED 0ms again).
  const one = readFileSync(join(samplesDir, 'go1.26', 'oversub-p2-20ms-a.log'), 'utf8');
  const snapshots = parseText(one.repeat(30)).snapshots;
  const read = (keepRuns?: number) => {
    const live = new LiveFindings(() => {}, keepRuns === undefined ? {} : { keepRuns });
    for (const s of snapshots) live.push(s);
    return live.finish();
  };
  const every = read();
  const last5 = read(5);
  const none = read(0);
  expect(every.runs.map((r) => r.run)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  expect(every.earlierRuns).toBe(0);
  expect(last5.runs).toEqual(every.runs.slice(25));
  expect(last5.earlierRuns).toBe(25);
  expect(none.runs).toEqual([]);
  expect(none.earlierRuns).toBe(30);
  // The findings, and so the headline, do not depend on how many runs are listed.
  expect(last5.findings).toEqual(every.findings);
  expect(last5.headline).toEqual(every.headline);
});

test('the findings handed on live are analyze’s: those the run’s folds may drop are held until that is known', () => {
  // Every real sample log, those of processes side by side (go run, go test) included, and the
  // labelled ones the folds act on.
  const labelled = [
    'labelled/novel3-go1.26/httpsat-p6-50ms.log',
    'labelled/novel4-go1.26/rpcsat-p4-50ms.log',
    'labelled/novel9-go1.25/chatwave-p4-detail-20ms.log.gz',
    'labelled/novel7-go1.24/httpburst-p4-detail-20ms.log.gz',
    'labelled/go1.9/gcalloc-p16-gctrace-50ms.log',
  ];
  let startups = 0;
  const key = (f: Finding) =>
    `${f.stream}/${f.run}/${f.kind}@${f.line} ${f.confidence}${f.startup === undefined ? '' : ' (start-up)'}${f.kind === 'restart' && f.evidence.processes !== undefined ? ` ×${f.evidence.processes}` : ''}`;
  let folded = 0;
  let besideNotes = 0;
  for (const rel of [...realSampleLogs(), ...labelled]) {
    const raw = readFileSync(join(samplesDir, rel));
    const { snapshots, trailingGc } = parseText((rel.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
    if (trailingGc !== undefined && trailingGc.length > 0) continue;
    const handed: string[] = [];
    const dropped: string[] = [];
    const live = new LiveFindings((f) => handed.push(key(f)), { onDrop: (f) => dropped.push(key(f)) });
    for (const s of snapshots) live.push(s);
    const analysis = live.finish();
    expect(handed.sort(), rel).toEqual(analysis.findings.map(key).sort());
    folded += dropped.length;
    startups += handed.filter((k) => k.endsWith('(start-up)')).length;
    if (sideBySideSample(rel)) besideNotes += handed.filter((k) => /restart@\d+ possible ×\d+$/.test(k)).length;
  }
  // go run and go test: each stream's compilers and linkers, read as processes beside the program,
  // are one note counting them, handed on once that is decided, as analyze has it.
  expect(besideNotes).toBeGreaterThanOrEqual(6);
  // GC while the heap grew at start-up (mutexsvc on Go 1.26 and 1.22), written as the note it is.
  expect(startups).toBe(2);
  // Jumps folded into saturations (httpsat, rpcsat), lock waits into netpoll waves (chatwave, httpburst),
  // a backlog beside idle Ps into GC's stops and restarts (gcalloc on Go 1.9).
  expect(folded).toBeGreaterThanOrEqual(5);
});

test('a held finding goes on within its hold, not only when a long run ends', () => {
  // A real capture whose run has global-queue jumps (lines 4, 18, 33), then 200 quiet dumps of the
  // same process appended (its last dump, idle, the clock going on): each jump is judged and handed
  // on about 64 dumps after it closed and its saturation ended, long before the run ends.
  const text = readFileSync(join(samplesDir, 'programs', 'timers-go1.19-p4-50ms.log'), 'utf8').trimEnd();
  const lines = text.split('\n');
  const last = lines.at(-1)!;
  const t0 = Number(/^SCHED (\d+)ms/.exec(last)![1]);
  // The last dump with its Ps idle and nothing queued (it had a backlog of 34).
  const idle = last.replace(/idleprocs=\d+/, 'idleprocs=4').replace(/runqueue=\d+ \[[^\]]*\]/, 'runqueue=0 [0 0 0 0]');
  const quiet = Array.from({ length: 200 }, (_, i) => idle.replace(/^SCHED \d+ms/, `SCHED ${t0 + 50 * (i + 1)}ms`));
  const snapshots = parseText([...lines, ...quiet].join('\n')).snapshots;
  let pushed = 0;
  const handedAt = new Map<string, number>();
  const live = new LiveFindings((f) => handedAt.set(`${f.kind}@${f.line}`, pushed));
  for (const s of snapshots) {
    pushed++;
    live.push(s);
  }
  const analysis = live.finish();
  expect(analysis.findings.map((f) => `${f.kind}@${f.line}`)).toContain('injection-burst@4');
  const at = handedAt.get('injection-burst@4');
  expect(at).toBeGreaterThan(64);
  expect(at).toBeLessThan(100);
  expect(snapshots.length).toBeGreaterThan(230);
});

test('a restart that names no exit goes on once RESTART_HOLD_DUMPS dumps show no process beside it; go run’s are one note at the end', () => {
  // The same program run twice into one log (a supervisor's restart), the second run's dumps then
  // repeated with its clock going on, as a service's would: that run's restart is handed on
  // RESTART_HOLD_DUMPS dumps after it closed, not when the run ends.
  const lines = readFileSync(join(samplesDir, 'go1.26', 'restart-p2-100ms.log'), 'utf8')
    .trimEnd()
    .split('\n');
  const second = lines.slice(lines.findIndex((l, i) => i > 0 && l.startsWith('SCHED 0ms')));
  const tOf = (l: string): number => Number(/^SCHED (\d+)ms/.exec(l)![1]);
  const span = tOf(second.at(-1)!) + 100;
  const longer = [1, 2, 3].flatMap((k) => second.map((l) => l.replace(/^SCHED \d+ms/, `SCHED ${tOf(l) + k * span}ms`)));
  const { snapshots } = parseText([...lines, ...longer].join('\n'));
  let pushed = 0;
  const handed: { f: Finding; at: number }[] = [];
  const live = new LiveFindings((f) => handed.push({ f, at: pushed }));
  let restartAt = -1;
  for (const s of snapshots) {
    pushed++;
    if (s.run === 1 && restartAt < 0) restartAt = pushed;
    live.push(s);
  }
  live.finish();
  const restart = handed.find((h) => h.f.kind === 'restart')!;
  expect(restart.f.confidence).not.toBe('possible');
  expect(restart.at - restartAt).toBeGreaterThanOrEqual(RESTART_HOLD_DUMPS);
  expect(restart.at - restartAt).toBeLessThanOrEqual(RESTART_HOLD_DUMPS + 2);
  expect(snapshots.length - restartAt).toBeGreaterThan(RESTART_HOLD_DUMPS + 2);

  // go run: the compilers' and linker's dumps beside the go command are never handed on as restarts
  // one by one, only as one possible note at the end counting them.
  const gorun = parseText(
    readFileSync(join(samplesDir, 'programs', 'spin-gorun-go1.26-p2-100ms.log'), 'utf8'),
  ).snapshots;
  const notes: Finding[] = [];
  const live2 = new LiveFindings((f) => {
    if (f.kind === 'restart') notes.push(f);
  });
  let beforeEnd = 0;
  for (const s of gorun) live2.push(s);
  beforeEnd = notes.length;
  live2.finish();
  expect(beforeEnd).toBe(0);
  expect(notes).toHaveLength(1);
  expect(notes[0]).toMatchObject({ confidence: 'possible', evidence: { interleaved: true } });
  expect((notes[0] as FindingOf<'restart'>).evidence.processes).toBeGreaterThan(10);
});

test('GC while the heap grew at start-up goes on as the note once the run so far shows it, before the run ends', () => {
  const text = readFileSync(join(samplesDir, 'programs', 'mutexsvc-go1.26-p8-gctrace-100ms.log'), 'utf8');
  const snapshots = parseText(text).snapshots;
  let pushed = 0;
  const handed: { at: number; startup: boolean }[] = [];
  const live = new LiveFindings((f) => handed.push({ at: pushed, startup: f.startup !== undefined }));
  for (const s of snapshots) {
    pushed++;
    live.push(s);
  }
  live.finish();
  // 40 dumps; the episode ends by the fifth, and its 15 ms come under 1% of the run from 1.5 s on.
  expect(handed).toHaveLength(1);
  expect(handed[0]!.startup).toBe(true);
  expect(handed[0]!.at).toBeLessThan(snapshots.length);
});
