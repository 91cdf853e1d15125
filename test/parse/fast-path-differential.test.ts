import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TraceAnalyzer } from '../../src/findings/trace-analyzer.js';
import { createParser, type ParserCallbacks, type ParseResult } from '../../src/parse/index.js';
import type { Diagnostic, LineCounts } from '../../src/messages.js';
import { SnapshotCsvWriter } from '../../src/report/snapshot-csv.js';
import { SnapshotJsonWriter } from '../../src/report/snapshot-json.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import type { TrailingGc } from '../../src/trace/gc-sample.js';
import { realSampleLogs, samplesDir } from '../helpers/samples.js';

type Feed = 'block' | 'lines' | 'bytes';

/**
 * Parses `text` by blocks of text, by blocks of bytes (as the CLI reads files: the byte scanner) or
 * line by line through `push`, fast paths on or off. Bytes are cut into blocks of `blockLines` lines.
 */
function parse(
  text: string,
  fastPaths: boolean,
  feed: Feed,
  blockLines = 1000,
  options: Partial<ParserCallbacks> = {},
): ParseResult {
  const snapshots: Snapshot[] = [];
  const diagnostics: Diagnostic[] = [];
  const trailingGc: TrailingGc[] = [];
  const p = createParser({
    ...options,
    onSnapshot: (s) => snapshots.push(s),
    onDiagnostic: (d) => diagnostics.push(d),
    onTrailingGc: (stream, run, gc, line) => trailingGc.push({ stream, run, gc, line }),
    fastPaths,
  });
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (text !== '') {
    if (feed === 'block') p.pushBlock(body, true);
    else if (feed === 'bytes') byteBlocks(body, blockLines).forEach((b, i) => p.pushBytes(b, i === 0));
    else for (const l of body.split('\n')) p.push(l.endsWith('\r') ? l.slice(0, -1) : l);
  }
  const counts = p.end();
  return { snapshots, diagnostics, counts, trailingGc };
}

/** The text as UTF-8 blocks of whole lines (no final \n), as the CLI's reader cuts a file. */
function byteBlocks(body: string, blockLines: number): Uint8Array[] {
  const lines = body.split('\n');
  const out: Uint8Array[] = [];
  for (let i = 0; i < lines.length; i += blockLines)
    out.push(new TextEncoder().encode(lines.slice(i, i + blockLines).join('\n')));
  return out;
}

interface Analysis {
  runs: unknown[];
  result: unknown;
  diagnostics: Diagnostic[];
  counts: LineCounts;
}

/**
 * What analyze makes of `text`: from the general reader's Snapshots, or from the byte scanner's
 * columns (summary rows in batches, G lines as counts) with Snapshots only where rows cannot hold a dump.
 */
function analyze(text: string, columns: boolean, blockLines = 1000): Analysis {
  const runs: unknown[] = [];
  const analyzer = new TraceAnalyzer({ onRun: (r, kinds, fs) => runs.push({ r, kinds: [...kinds], fs }) });
  const diagnostics: Diagnostic[] = [];
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const p = createParser({
    onSnapshot: (s) => analyzer.push(s),
    onDiagnostic: (d) => diagnostics.push(d),
    onTrailingGc: (stream, run, gc, line) => analyzer.trailingGc(stream, run, gc, line),
    ...(columns
      ? { onSummaryBatch: (b) => analyzer.pushBatch(b), countGoroutines: true, countThreads: true }
      : { fastPaths: false }),
  });
  if (text !== '') {
    if (columns) byteBlocks(body, blockLines).forEach((b, i) => p.pushBytes(b, i === 0));
    else for (const l of body.split('\n')) p.push(l.endsWith('\r') ? l.slice(0, -1) : l);
  }
  const counts = p.end();
  return { runs, result: analyzer.result(), diagnostics, counts };
}

interface Written {
  ndjson: string;
  json: string;
  csv: string;
}

/**
 * What `gosched parse` writes of `text` in each format: from the general reader's Snapshots, or as
 * the command does, plain summary dumps from the byte scanner's rows (writeRow) and the rest from
 * Snapshots, in input order.
 */
function written(text: string, columns: boolean, blockLines = 1000): Written {
  const ndjson = new SnapshotJsonWriter();
  const json = new SnapshotJsonWriter();
  const csv = new SnapshotCsvWriter();
  let first = true;
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const p = createParser({
    onSnapshot: (s) => {
      ndjson.writeLine(s);
      json.writeElement(s, first);
      csv.write(s);
      first = false;
    },
    ...(columns
      ? {
          dropGcPhases: true,
          onSummaryBatch: (b) => {
            for (let r = 0; r < b.size; r++) {
              ndjson.writeRowLine(b, r);
              json.writeRowElement(b, r, first);
              csv.writeRow(b, r);
              first = false;
            }
          },
        }
      : { fastPaths: false }),
  });
  if (text !== '') {
    if (columns) byteBlocks(body, blockLines).forEach((b, i) => p.pushBytes(b, i === 0));
    else for (const l of body.split('\n')) p.push(l.endsWith('\r') ? l.slice(0, -1) : l);
  }
  p.end();
  return { ndjson: ndjson.take().toString(), json: json.take().toString(), csv: csv.take().toString() };
}

const samples = [
  ...realSampleLogs(),
  ...[
    'compose.log',
    'cri-containerd.log',
    'crlf.log',
    'docker-json-file.log',
    'journald-short.log',
    'mixed-foreign.log',
    'rfc3339-prefixed.log',
  ].map((f) => join('envelopes', f)),
];
const texts = new Map(samples.map((s) => [s, readFileSync(join(samplesDir, s), 'utf8')]));

describe('fast paths = the general key=value readers', () => {
  test.each(samples)('%s', (sample) => {
    const text = texts.get(sample)!;
    const general = parse(text, false, 'lines');
    expect(general.snapshots.length).toBeGreaterThan(0);
    expect(parse(text, true, 'block')).toEqual(general);
    expect(parse(text, true, 'lines')).toEqual(general);
    expect(parse(text, true, 'bytes')).toEqual(general);
    expect(parse(text, true, 'bytes', 7)).toEqual(general);
  });

  test.each(samples)('analysis from columns = from the general reader: %s', (sample) => {
    const text = texts.get(sample)!;
    const general = analyze(text, false);
    expect(general.runs.length).toBeGreaterThan(0);
    expect(analyze(text, true)).toEqual(general);
    expect(analyze(text, true, 3)).toEqual(general);
  });

  test.each(samples)('parse output from rows = from the general reader: %s', (sample) => {
    const text = texts.get(sample)!;
    const general = written(text, false);
    expect(general.ndjson.length).toBeGreaterThan(0);
    expect(written(text, true)).toEqual(general);
    expect(written(text, true, 3)).toEqual(general);
  });

  test.each(samples)("a batch row made a Snapshot = the general reader's Snapshot: %s", (sample) => {
    const text = texts.get(sample)!;
    const general = parse(text, false, 'lines');
    // Rows and Snapshots come in input order, rows in batches between Snapshots.
    const viaRows: Snapshot[] = [];
    let rows = 0;
    const p = createParser({
      onSnapshot: (s) => viaRows.push(s),
      onSummaryBatch: (b) => {
        for (let r = 0; r < b.size; r++) viaRows.push(b.snapshot(r));
        rows += b.size;
      },
    });
    const body = text.endsWith('\n') ? text.slice(0, -1) : text;
    byteBlocks(body, 5).forEach((b, i) => p.pushBytes(b, i === 0));
    p.end();
    expect(viaRows).toEqual(general.snapshots);
    // A plain summary log's dumps are mostly rows (the path under test); restarts after other
    // output, exit text and crashes stay Snapshots.
    if (!sample.startsWith('envelopes') && !text.includes('\n  G')) expect(rows).toBeGreaterThan(0);
  });

  test('a P count no running program has is malformed on both paths (a fast-check find)', () => {
    const text =
      'SCHED 453ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 idlethreads=1 runqueue=4772 [153]\n' +
      'SCHED 463ms: gomaxprocs=0 idleprocs=0 threads=3 spinningthreads=0 idlethreads=1 runqueue=4770 [31]\n';
    const general = parse(text, false, 'lines');
    expect(general.counts).toMatchObject({ schedtrace: 1, malformed: 1 });
    expect(parse(text, true, 'block')).toEqual(general);
    expect(parse(text, true, 'lines')).toEqual(general);
    expect(parse(text, true, 'bytes')).toEqual(general);
  });

  test('a blank at the end of preemptoff is the separator, as the general reader reads it (a fast-check find)', () => {
    const text =
      'SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 needspinning=0 idlethreads=1 runqueue=0 gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=false\n' +
      '  P0: status=1 schedtick=0 syscalltick=0 m=0 runqsize=0 gfreecnt=0 timerslen=0\n' +
      '  M0: p=0 curg=nil mallocing=0 throwing=0 preemptoff=  locks=0 dying=0 spinning=false blocked=false lockedg=nil\n' +
      '  M1: p=nil curg=nil mallocing=0 throwing=0 preemptoff=gc  locks=0 dying=0 spinning=false blocked=false lockedg=nil\n';
    const general = parse(text, false, 'lines');
    expect(general.snapshots[0]!.detail!.m.map((m) => m.preemptoff)).toEqual(['', 'gc']);
    expect(parse(text, true, 'block')).toEqual(general);
    expect(parse(text, true, 'lines')).toEqual(general);
    expect(parse(text, true, 'bytes')).toEqual(general);
  });

  test('M lines the byte scanner leaves to the string readers count with those it counts', () => {
    const text =
      'SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 needspinning=0 idlethreads=1 runqueue=0 gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=false\n' +
      '  P0: status=1 schedtick=0 syscalltick=0 m=0 runqsize=0 gfreecnt=0 timerslen=0\n' +
      '  M0: p=0 curg=1 mallocing=0 throwing=0 preemptoff= locks=0 dying=0 spinning=false blocked=false lockedg=nil\n' +
      '  M1: p=nil curg=nil mallocing=0 throwing=0 preemptoff=gc  locks=0 dying=0 spinning=true blocked=true lockedg=nil\n' +
      '  M2: p=nil curg=nil mallocing=0 throwing=0 preemptoff= locks=0 dying=0 spinning=false blocked=true lockedg=2 \r\n' +
      '  G1: status=4(a) m=nil lockedm=nil\n' +
      'SCHED 10ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 needspinning=0 idlethreads=1 runqueue=0 gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=false\n' +
      '  P0: status=1 schedtick=0 syscalltick=0 m=0 runqsize=0 gfreecnt=0 timerslen=0\n' +
      '  M0: p=0 curg=1 mallocing=0 throwing=0 preemptoff=  locks=0 dying=0 spinning=false blocked=false lockedg=nil';
    const general = parse(text, false, 'lines');
    expect(general.snapshots.map((s) => s.detail!.m.length)).toEqual([3, 1]);
    for (const lines of [1, 3, 1000]) {
      expect(parse(text, true, 'bytes', lines)).toEqual(general);
      expect(analyze(text, true, lines)).toEqual(analyze(text, false));
      expect(written(text, true, lines)).toEqual(written(text, false));
    }
  });

  test('a wait reason holding `) m=`: the byte scanner reads it as the string fast path does (to the last one)', () => {
    const text =
      'SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 needspinning=0 idlethreads=1 runqueue=0 gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=false\n' +
      '  P0: status=1 schedtick=0 syscalltick=0 m=0 runqsize=0 gfreecnt=0 timerslen=0\n' +
      '  G1: status=4(a) m=nil b) m=-1 lockedm=nil\n' +
      '  G2: status=4(a) m=nil lockedm=nil\n' +
      '  G3: status=4(a) m=nil b) m=nil lockedm=nil \r\n' +
      '  G4: status=4(a) m=nil b) m=nil lockedm=nil x\n' +
      '  G5: status=4(a) m=1 lockedm=nil\n';
    const fast = parse(text, true, 'lines');
    expect(fast.snapshots[0]!.detail!.g.map((g) => g.waitReason)).toEqual(['a) m=nil b', 'a', 'a) m=nil b', 'a']);
    for (const lines of [1, 3, 1000]) expect(parse(text, true, 'bytes', lines)).toEqual(fast);
  });

  test('values past the 32-bit columns and non-ASCII text take the string readers, with the same result', () => {
    const text =
      'SCHED 0ms: gomaxprocs=2 idleprocs=0 threads=3 spinningthreads=0 idlethreads=1 runqueue=4294967296 [1 2]\n' +
      'SCHED 10ms: gomaxprocs=2 idleprocs=0 threads=3 spinningthreads=0 idlethreads=1 runqueue=1234567890 [1 3000000000]\n' +
      'SCHED 20ms: gomaxprocs=2 idleprocs=0 threads=3 spinningthreads=0 idlethreads=1 runqueue=9 [1 2] é\n' +
      'SCHED 30ms: gomaxprocs=2 idleprocs=0 threads=3 spinningthreads=0 idlethreads=1 runqueue=9 [1 2]\n' +
      // A fast-check find: an 18-digit time (past 2^53) was read by the string fast path.
      'SCHED 999999999999999959ms: gomaxprocs=2 idleprocs=0 threads=3 spinningthreads=0 idlethreads=1 runqueue=9 [1 2]\n' +
      'SCHED 9999999999999999ms: gomaxprocs=2 idleprocs=0 threads=3 spinningthreads=0 idlethreads=1 runqueue=9 [1 2]\n' +
      // and a 17-digit value
      'SCHED 40ms: gomaxprocs=2 idleprocs=0 threads=3 spinningthreads=0 idlethreads=99999999999999991 runqueue=9 [1 2]\n';
    const general = parse(text, false, 'lines');
    expect(general.snapshots.map((s) => s.runqueue)).toEqual([4294967296, 1234567890, 9, 9]);
    expect(general.diagnostics.filter((d) => d.message.includes('above 2^53'))).toHaveLength(3);
    expect(parse(text, true, 'lines')).toEqual(general);
    expect(parse(text, true, 'bytes')).toEqual(general);
    expect(analyze(text, true)).toEqual(analyze(text, false));
  });

  test('schedticks of a P that ran for hours (10 digits, wrapping at 2^32) are rows, read as the string readers read them', () => {
    // A real Go 1.26 capture's dumps as a process up for hours prints them: p.schedtick is a uint32
    // that passes 10^9 and wraps to 0 past 4294967295. Two values no uint32 holds close the log.
    // 2^32 − 100,000: the sample's Ps pass 100,000 schedules about halfway through it.
    const base = 2 ** 32 - 100_000;
    const real = readFileSync(join(samplesDir, 'go1.26/gosched-p4-50ms-a.log'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('SCHED '));
    const ticksOf = (l: string): number[] =>
      (/schedticks=\[([\d ]+)\]/.exec(l)?.[1] ?? '').trim().split(/ +/).map(Number);
    const shifted = real.map((l) =>
      l.replace(
        /schedticks=\[[\d ]+\]/,
        `schedticks=[ ${ticksOf(l)
          .map((t) => (t + base) % 2 ** 32)
          .join(' ')} ]`,
      ),
    );
    // Ten digits, and wrapped past 4294967295 later in the run.
    expect(shifted.some((l) => ticksOf(l).some((t) => t >= 4_294_900_000))).toBe(true);
    expect(shifted.some((l) => ticksOf(l).some((t) => t < 100_000))).toBe(true);
    const impossible = [
      'SCHED 9000ms: gomaxprocs=4 idleprocs=0 threads=5 spinningthreads=0 needspinning=1 idlethreads=0 runqueue=9 [ 0 1 0 2 ] schedticks=[ 4294967296 1 2 3 ]',
      'SCHED 9050ms: gomaxprocs=4 idleprocs=0 threads=5 spinningthreads=0 needspinning=1 idlethreads=0 runqueue=9 [ 0 1 0 2 ] schedticks=[ 12345678901 1 2 3 ]',
    ];
    const text = `${[...shifted, ...impossible].join('\n')}\n`;
    const general = parse(text, false, 'lines');
    expect(general.snapshots.at(-2)!.schedticks![0]).toBe(4294967296);
    for (const lines of [1, 7, 1000]) expect(parse(text, true, 'bytes', lines)).toEqual(general);
    expect(analyze(text, true)).toEqual(analyze(text, false));
    // Every dump a uint32 can print is a row of the byte scanner's batches; the two past it are not.
    let rows = 0;
    let snapshots = 0;
    const p = createParser({ onSummaryBatch: (b) => (rows += b.size), onSnapshot: () => snapshots++ });
    p.pushBytes(new TextEncoder().encode(text.slice(0, -1)), true);
    p.end();
    expect(rows).toBe(shifted.length);
    expect(snapshots).toBe(impossible.length);
  });

  test('a cut G line before a line with two blanks first: no splice on any feed (a fast-check find)', () => {
    // The byte readers take a line with two blanks first as a P/M/G line and release the held one:
    // the string reader must not join them either.
    const text =
      'SCHED 301ms: gomaxprocs=1 idleprocs=0 threads=4 spinningthreads=0 needspinning=1 idlethreads=1 runqueue=1 gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=false\n' +
      '  P0: status=1 schedtick=46 syscalltick=0 m=0 runqsize=4 gfreecnt=0 timerslen=0\n' +
      '  M0: p=0 curg=1 mallocing=1 throwing=0 preemptoff= locks=2 dying=1 spinning=false blocked=false lockedg=nil\n' +
      '  G1: status=2(\n' +
      '  2: status=4(force gc (idle)) m=nil lockedm=nil\n';
    const general = parse(text, false, 'lines');
    expect(general.counts.malformed).toBeGreaterThan(0);
    expect(parse(text, true, 'block')).toEqual(general);
    expect(parse(text, true, 'lines')).toEqual(general);
    for (const lines of [1, 2, 5]) expect(parse(text, true, 'bytes', lines)).toEqual(general);
  });

  test('on mutated real lines (fast-check): dropped, doubled, swapped and replaced characters, cut lines', () => {
    const plain = realSampleLogs().map((s) =>
      texts
        .get(s)!
        .split('\n')
        .filter((l) => l !== ''),
    );
    const mutation = fc.record({
      sample: fc.nat(plain.length - 1),
      from: fc.nat(),
      count: fc.integer({ min: 1, max: 12 }),
      edits: fc.array(
        fc.record({
          line: fc.nat(),
          at: fc.nat(),
          op: fc.constantFrom('drop', 'double', 'swap', 'replace', 'cut', 'space', 'tab', 'cr', 'digits'),
          ch: fc.constantFrom('0', '9', ' ', '=', '[', ']', 'x', '-', '(', 'S', 'P', ':', 'é', 'n', ')'),
        }),
        { maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(mutation, ({ sample, from, count, edits }) => {
        const src = plain[sample]!;
        const start = from % src.length;
        const lines = src.slice(start, start + count);
        for (const e of edits) {
          const i = e.line % lines.length;
          const l = lines[i]!;
          const at = l.length === 0 ? 0 : e.at % l.length;
          lines[i] =
            e.op === 'drop'
              ? l.slice(0, at) + l.slice(at + 1)
              : e.op === 'double'
                ? l.slice(0, at + 1) + l.slice(at)
                : e.op === 'swap'
                  ? l.slice(0, at) + l.slice(at + 1, at + 2) + l.slice(at, at + 1) + l.slice(at + 2)
                  : e.op === 'replace'
                    ? l.slice(0, at) + e.ch + l.slice(at + 1)
                    : e.op === 'cut'
                      ? l.slice(0, at)
                      : e.op === 'digits'
                        ? `${l.slice(0, at)}99999999${l.slice(at)}`
                        : e.op === 'space'
                          ? `${l} `
                          : e.op === 'tab'
                            ? l.slice(0, at) + '\t' + l.slice(at)
                            : `${l}\r`;
        }
        const text = `${lines.join('\n')}\n`;
        const general = parse(text, false, 'lines');
        expect(parse(text, true, 'block')).toEqual(general);
        expect(parse(text, true, 'lines')).toEqual(general);
        expect(parse(text, true, 'bytes', 5)).toEqual(general);
        expect(analyze(text, true, 5)).toEqual(analyze(text, false));
        expect(written(text, true, 5)).toEqual(written(text, false));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });
});

describe('the gctrace byte scanner = parseGcLine', () => {
  // Mostly what the runtime prints, now and then a value it never would.
  const num = fc.oneof(
    { arbitrary: fc.nat({ max: 99999 }).map(String), weight: 10 },
    {
      arbitrary: fc.tuple(fc.nat({ max: 999 }), fc.stringMatching(/^\d{1,9}$/)).map(([a, b]) => `${a}.${b}`),
      weight: 10,
    },
    { arbitrary: fc.constantFrom('', '.', '1.', '.5', '1..2', '9999999999999999', '12345678.12345678'), weight: 1 },
  );
  const plus = (n: fc.Arbitrary<string>) => fc.array(n, { minLength: 1, maxLength: 6 }).map((xs) => xs.join('+'));
  const cpuGroup = fc.oneof(
    num,
    fc.array(num, { minLength: 1, maxLength: 4 }).map((xs) => xs.join('/')),
  );
  const line = fc
    .record({
      cycle: num,
      at: num,
      pct: num,
      clock: plus(num),
      cpu: plus(cpuGroup),
      heap: fc.tuple(num, num, num),
      goal: num,
      middle: fc.constantFrom('', ' 0 MB stacks, 0 MB globals,', ' 0 MB stacks, 0 MB globals,', ' 8 P,', ' é,', ' \t,'),
      procs: num,
      forced: fc.constantFrom('', '', ' (forced)', ' (forced)', '(forced)', ' (forced) '),
      tail: fc.constantFrom('', '', '', ' ', '  ', '\t', ' x', '\r', ' \r', '\r\r'),
    })
    .map(
      (r) =>
        `gc ${r.cycle} @${r.at}s ${r.pct}%: ${r.clock} ms clock, ${r.cpu} ms cpu, ${r.heap.join('->')} MB, ${r.goal} MB goal,${r.middle} ${r.procs} P${r.forced}${r.tail}`,
    );

  test('on lines shaped like gctrace lines (fast-check): the same cycles, sums and line counts', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), (gcLines) => {
        const text = `${gcLines.map((l) => `${l}\nSCHED 10ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 idlethreads=0 runqueue=0 [0]`).join('\n')}\n`;
        const general = parse(text, false, 'lines');
        expect(parse(text, true, 'bytes', 3)).toEqual(general);
        // Only counted (as `gosched parse` reads them): the same lines are gctrace, no dump gets a GC record.
        const noGc = { ...general, snapshots: general.snapshots.map((s) => ({ ...s, gc: undefined })) };
        expect(parse(text, true, 'bytes', 3, { countGcOnly: true })).toEqual(noGc);
        expect(parse(text, false, 'lines', 3, { countGcOnly: true })).toEqual(noGc);
        expect(analyze(text, true, 3)).toEqual(analyze(text, false));
        expect(written(text, true, 3)).toEqual(written(text, false));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });
});

describe('createParser().push', () => {
  test('line by line gives what parseText gives, with every line accounted for', () => {
    for (const sample of samples) {
      const text = texts.get(sample)!;
      const viaPush = parse(text, true, 'lines');
      const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
      expect(viaPush.counts.lines).toBe(lines);
      const c = viaPush.counts;
      expect(c.schedtrace + (c.gctrace ?? 0) + c.foreign + c.malformed).toBe(lines);
      expect(viaPush).toEqual(parse(text, true, 'block'));
    }
  });

  test('a dump pushed across calls is emitted when the lines after it end it, and end() flushes the last', () => {
    const got: Snapshot[] = [];
    const p = createParser({ onSnapshot: (s) => got.push(s) });
    p.push(
      'SCHED 0ms: gomaxprocs=2 idleprocs=0 threads=5 spinningthreads=0 needspinning=1 idlethreads=1 runqueue=0 gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=false',
    );
    p.push('  P0: status=1 schedtick=0 syscalltick=0 m=4 runqsize=3 gfreecnt=0 timerslen=0');
    expect(got).toHaveLength(0);
    p.push('  P1: status=1 schedtick=5 syscalltick=0 m=0 runqsize=1 gfreecnt=0 timerslen=0');
    // Another writer's line may come between two lines of a dump: it stays open until the next one.
    p.push('app output');
    expect(got).toHaveLength(0);
    p.push(
      '  M0: p=1 curg=nil mallocing=0 throwing=0 preemptoff= locks=0 dying=0 spinning=false blocked=false lockedg=nil',
    );
    p.push('more app output');
    expect(got).toHaveLength(0);
    // Any number of them (a program logging from every thread): the next SCHED line ends it.
    p.push('and more');
    expect(got).toHaveLength(0);
    p.push(
      'SCHED 1000ms: gomaxprocs=2 idleprocs=2 threads=5 spinningthreads=0 needspinning=0 idlethreads=3 runqueue=0 [ 0 0 ] schedticks=[ 1 2 ]',
    );
    expect(got).toHaveLength(2);
    expect(got[0]!.runq).toEqual([3, 1]);
    expect(got[0]!.detail?.m).toHaveLength(1);
    const counts = p.end();
    expect(counts).toEqual({ lines: 8, schedtrace: 5, foreign: 3, malformed: 0 });
  });
});
