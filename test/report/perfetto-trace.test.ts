import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, test } from 'vitest';
import { LiveFindings } from '../../src/live/live-findings.js';
import { createParser, parseGcLine, parseText } from '../../src/parse/index.js';
import { MAX_HELD_GC, PerfettoTraceWriter, type TraceEvent } from '../../src/report/perfetto-trace.js';
import { ensureBuilt, runBuiltCli } from '../helpers/run-built-cli.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * The Trace Event Format's definition of the four event types written (Google's "Trace Event Format"
 * document): every event has name, ph, pid, tid; all but metadata have ts in µs; X has dur; an
 * instant's scope s is g, p or t; counter args are numbers; metadata names a process or thread.
 */
const common = {
  name: { type: 'string', minLength: 1 },
  pid: { type: 'integer', minimum: 1 },
  tid: { type: 'integer', minimum: 0 },
  ts: { type: 'number', minimum: 0 },
  cat: { type: 'string' },
  args: { type: 'object' },
} as const;
const eventSchema = {
  oneOf: [
    {
      type: 'object',
      required: ['name', 'ph', 'pid', 'tid', 'args'],
      properties: {
        ...common,
        ph: { const: 'M' },
        name: { enum: ['process_name', 'thread_name'] },
        args: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      },
    },
    {
      type: 'object',
      required: ['name', 'ph', 'pid', 'tid', 'ts', 'args'],
      properties: {
        ...common,
        ph: { const: 'C' },
        args: { type: 'object', minProperties: 1, additionalProperties: { type: 'number' } },
      },
    },
    {
      type: 'object',
      required: ['name', 'ph', 'pid', 'tid', 'ts', 'dur'],
      properties: { ...common, ph: { const: 'X' }, dur: { type: 'number', minimum: 0 } },
    },
    {
      type: 'object',
      required: ['name', 'ph', 'pid', 'tid', 'ts', 's'],
      properties: { ...common, ph: { const: 'i' }, s: { enum: ['g', 'p', 't'] } },
    },
  ],
} as const;
const documentSchema = {
  type: 'object',
  required: ['traceEvents'],
  properties: { traceEvents: { type: 'array', items: eventSchema }, displayTimeUnit: { enum: ['ms', 'ns'] } },
} as const;
const validate = new Ajv({ allErrors: true, strict: false }).compile(documentSchema);

function exportText(text: string): { events: TraceEvent[]; findings: number } {
  const w = new PerfettoTraceWriter();
  let out = w.begin();
  let findings = 0;
  const lf = new LiveFindings((f) => {
    findings++;
    out += w.finding(f);
  });
  for (const s of parseText(text).snapshots) {
    out += w.snapshot(s);
    lf.push(s);
  }
  lf.finish();
  out += w.end();
  const doc = JSON.parse(out) as { traceEvents: TraceEvent[] };
  expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  return { events: doc.traceEvents, findings };
}

const read = (p: string) => readFileSync(join(samplesDir, p), 'utf8');

describe('Perfetto / Chrome trace-event JSON', () => {
  test('the schema rejects what the format does not allow', () => {
    const bad = [
      { name: 'q', ph: 'C', pid: 1, tid: 0, ts: 1, args: { runq: 'many' } },
      { name: 'f', ph: 'X', pid: 1, tid: 1, ts: 1 },
      { name: 'f', ph: 'i', pid: 1, tid: 1, ts: 1, s: 'x' },
      { name: 'q', ph: 'C', pid: 1, tid: 0, args: { runq: 1 } },
      { name: 'process_name', ph: 'M', pid: 1, tid: 0, args: {} },
      { name: 'q', ph: 'B', pid: 1, tid: 0, ts: 1 },
    ];
    for (const e of bad) expect(validate({ traceEvents: [e] }), JSON.stringify(e)).toBe(false);
  });

  test('one counter track per P, global queue and threads, values and times (µs) from each dump', () => {
    const text = read('go1.26/overflow-p1-10ms-a.log');
    const snaps = parseText(text).snapshots;
    const { events, findings } = exportText(text);
    const p0 = events.filter((e) => e.name === 'P0 local runq');
    expect(p0).toHaveLength(snaps.length);
    expect(p0.map((e) => e.args!.runq)).toEqual(snaps.map((s) => s.runq[0]));
    expect(p0.map((e) => e.ts)).toEqual(snaps.map((s) => s.tMs! * 1000));
    expect(events.filter((e) => e.name === 'global runqueue').map((e) => e.args!.runqueue)).toEqual(
      snaps.map((s) => s.runqueue),
    );
    expect(events.filter((e) => e.name === 'threads').map((e) => e.args!.threads)).toEqual(snaps.map((s) => s.threads));
    // Both local-overflow episodes and the saturation around them, from the time of their first dump,
    // on the findings thread, in the order their episodes closed.
    const fs = events.filter((e) => e.cat?.startsWith('finding'));
    expect(fs).toHaveLength(findings);
    expect(fs.map((e) => [e.name, e.ts, e.tid])).toEqual([
      ['local-overflow', 10_000, 1],
      ['local-overflow', 446_000, 1],
      ['saturation', 10_000, 1],
    ]);
  });

  test('one process per stream, named after it (compose)', () => {
    const { events } = exportText(read('envelopes/compose.log'));
    const streams = [...new Set(parseText(read('envelopes/compose.log')).snapshots.map((s) => s.stream))];
    const names = events.filter((e) => e.name === 'process_name').map((e) => e.args!.name);
    expect(names).toEqual(streams);
    expect(new Set(events.map((e) => e.pid)).size).toBe(streams.length);
  });

  test('a restart is an instant and the new run is placed after the old; a crash dump is an instant', () => {
    const a = read('go1.26/overflow-p1-10ms-a.log');
    const crash = read('go1.26/crash-50ms.log');
    const { events } = exportText(a + crash);
    const restart = events.find((e) => e.name === 'restart (run 1)');
    expect(restart).toMatchObject({ ph: 'i', s: 'p', tid: 3 });
    // Run 0 ends at 853 ms, its period is 10 ms: run 1's 0 ms lands at 863 ms.
    expect(restart!.ts).toBe(863_000);
    const counters = events.filter((e) => e.name === 'global runqueue').map((e) => e.ts!);
    expect(counters).toEqual([...counters].sort((x, y) => x - y));
    expect(events.some((e) => e.name === 'crash dump' && e.ph === 'i')).toBe(true);
    expect(events.some((e) => e.name === 'crash-dump' && e.cat === 'finding,warning')).toBe(true);
  });

  test('stop-the-world spans from scheddetail gcwaiting become slices, up to the first dump without it', () => {
    // A real scheddetail log with the second and third dumps marked as in a stop-the-world.
    const dumps = read('go1.26/gcheavy-p4-detail-100ms.log').split(/(?=^SCHED )/m);
    const marked = dumps.map((d, i) => (i === 1 || i === 2 ? d.replace('gcwaiting=false', 'gcwaiting=true') : d));
    const { events } = exportText(marked.join(''));
    const stw = events.filter((e) => e.name === 'stop-the-world');
    const times = parseText(marked.join('')).snapshots.map((s) => s.tMs! * 1000);
    expect(stw).toEqual([
      { name: 'stop-the-world', cat: 'gc', ph: 'X', pid: 1, tid: 2, ts: times[1], dur: times[3]! - times[1]! },
    ]);
  });

  test('wall-clock times from the envelope (docker json-file) become µs since the epoch', () => {
    const { events } = exportText(read('envelopes/docker-json-file.log'));
    const first = events.find((e) => e.ph === 'C')!;
    const wall = parseText(read('envelopes/docker-json-file.log')).snapshots[0]!.wallTime!;
    expect(Math.floor(first.ts! / 1000)).toBe(Date.parse(wall));
  });
});

describe('gosched export', () => {
  beforeAll(() => ensureBuilt());
  test('gctrace lines become GC cycle slices on the schedtrace clock, one after the other', () => {
    const r = runBuiltCli(['export', 'samples/go1.26/gcheavy-p4-gctrace-50ms.log']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { traceEvents: TraceEvent[] };
    expect(validate(doc)).toBe(true);
    const gcs = doc.traceEvents.filter((e) => e.cat === 'gc');
    const lines = read('go1.26/gcheavy-p4-gctrace-50ms.log').split('\n');
    const expected = lines.flatMap((l) => {
      const g = parseGcLine(l);
      return g === null
        ? []
        : [
            {
              name: `GC ${g.cycle}`,
              ts: Math.round(g.atMs * 1000),
              dur: Math.round((g.stwStartMs + g.markMs + g.stwEndMs) * 1000),
            },
          ];
    });
    expect(gcs.map((e) => ({ name: e.name, ts: e.ts, dur: e.dur }))).toEqual(expected);
    expect(new Set(gcs.map((e) => `${e.pid}/${e.tid}/${e.ph}`))).toEqual(new Set(['1/2/X']));
    // A cycle starts after the one before it ended (gcStart waits for the previous cycle's sweep).
    for (let i = 1; i < gcs.length; i++) expect(gcs[i]!.ts!).toBeGreaterThanOrEqual(gcs[i - 1]!.ts! + gcs[i - 1]!.dur!);
  });

  test('a restarted process’s cycles printed before its first dump are placed on its own run', () => {
    // A real Go 1.22 log twice over, as a crash loop leaves it: the second process prints `gc 1`
    // before its `SCHED 0ms`, after the first's last cycles.
    const once = read('programs/lowgogc-go1.22-p2-gctrace-100ms.log');
    expect(once.split('\n')[0]).toMatch(/^gc 1 @0\.000s/);
    const text = once + once;
    const w = new PerfettoTraceWriter();
    let out = w.begin();
    const parser = createParser({
      onSnapshot: (s) => {
        out += w.snapshot(s);
      },
      onGcCycle: (gc, stream, line) => {
        out += w.gcCycle(stream, gc, line);
      },
    });
    parser.pushBlock(text.slice(0, -1), true);
    parser.end();
    out += w.end();
    const doc = JSON.parse(out) as { traceEvents: TraceEvent[] };
    expect(validate(doc)).toBe(true);
    const restart = doc.traceEvents.find((e) => e.name === 'restart (run 1)')!;
    const gc1 = doc.traceEvents.filter((e) => e.name === 'GC 1');
    expect(gc1).toHaveLength(2);
    // The first process's gc 1 at its start; the second's at or after the restart, not at 0.
    expect(gc1[0]!.ts).toBe(0);
    expect(gc1[1]!.ts!).toBeGreaterThanOrEqual(restart.ts!);
    // Every cycle of each process, in order, none lost.
    const cycles = once.split('\n').filter((l) => l.startsWith('gc ')).length;
    expect(doc.traceEvents.filter((e) => e.cat === 'gc')).toHaveLength(2 * cycles);
  });

  test('cycles held for a run that never prints a dump are placed once MAX_HELD_GC of them wait', () => {
    const w = new PerfettoTraceWriter();
    const s = parseText(read('go1.26/gcheavy-p4-gctrace-50ms.log')).snapshots[0]!;
    const gc = parseGcLine(
      read('go1.26/gcheavy-p4-gctrace-50ms.log')
        .split('\n')
        .find((l) => l.startsWith('gc '))!,
    )!;
    let out = w.begin() + w.snapshot(s) + w.gcCycle(s.stream, { ...gc, cycle: 5 }, 2);
    // Numbering starts again (a new process) and no SCHED line follows: gctrace alone, for long.
    let written = 0;
    for (let i = 1; i <= MAX_HELD_GC + 10; i++) {
      const part = w.gcCycle(s.stream, { ...gc, cycle: i }, 2 + i);
      if (part.includes('"cat":"gc"')) written++;
      out += part;
    }
    // The first MAX_HELD_GC - 1 wait; the next places them all, and the rest go out one by one.
    expect(written).toBe(11);
    out += w.end();
    const doc = JSON.parse(out) as { traceEvents: TraceEvent[] };
    expect(validate(doc)).toBe(true);
    expect(doc.traceEvents.filter((e) => e.cat === 'gc')).toHaveLength(MAX_HELD_GC + 11);
  });

  test('--format perfetto -o writes the same document as the writer, valid against the format', () => {
    const r = runBuiltCli(['export', 'samples/go1.26/overflow-p1-10ms-a.log', '--format', 'perfetto']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { traceEvents: TraceEvent[] };
    expect(validate(doc)).toBe(true);
    expect(doc.traceEvents).toEqual(exportText(read('go1.26/overflow-p1-10ms-a.log')).events);
  });
});
