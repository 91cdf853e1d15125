import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { SnapshotCsvWriter, csvText, snapshotCsvColumns, snapshotCsvRows } from '../../src/report/snapshot-csv.js';
import { SnapshotJsonWriter, snapshotRecord } from '../../src/report/snapshot-json.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import { realSampleLogs, samplesDir } from '../helpers/samples.js';

/** What papaparse writes for the same snapshots, with the options the writer promises to match. */
function papaCsv(snapshots: Snapshot[]): string {
  const rows = snapshots.flatMap(snapshotCsvRows);
  const text = Papa.unparse(
    { fields: [...snapshotCsvColumns], data: rows },
    { header: true, newline: '\n', escapeFormulae: true },
  );
  // With no rows papaparse ends the header with its own newline (the old writer then printed an empty line).
  return rows.length === 0 ? text : `${text}\n`;
}

function writerCsv(snapshots: Snapshot[]): string {
  const w = new SnapshotCsvWriter();
  const parts: Buffer[] = [];
  for (const s of snapshots) {
    w.write(s);
    if (w.size > 4096) parts.push(w.take()); // take in the middle too: the buffer is reused
  }
  parts.push(w.take());
  return Buffer.concat(parts).toString('utf8');
}

const envelopeSamples = ['compose.log', 'cri-containerd.log', 'docker-json-file.log', 'journald-short.log'].map((f) =>
  join('envelopes', f),
);

describe('CSV writer = papaparse with escapeFormulae', () => {
  test.each([...realSampleLogs(), ...envelopeSamples])('%s', (sample) => {
    const { snapshots } = parseText(readFileSync(join(samplesDir, sample), 'utf8'));
    expect(snapshots.length).toBeGreaterThan(0);
    expect(writerCsv(snapshots)).toBe(papaCsv(snapshots));
  });

  test('wallTime sits right after tMs, empty without an envelope timestamp', () => {
    const { snapshots } = parseText(readFileSync(join(samplesDir, 'envelopes', 'cri-containerd.log'), 'utf8'));
    const lines = writerCsv(snapshots).split('\n');
    expect(lines[0]!.split(',').slice(3, 6)).toEqual(['tMs', 'wallTime', 'era']);
    expect(lines[1]!.split(',')[4]).toMatch(/^\d{4}-\d\d-\d\dT/);
    const plain = writerCsv(
      parseText('SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=3 spinningthreads=0 idlethreads=0 runqueue=0 [0]\n')
        .snapshots,
    );
    expect(plain.split('\n')[1]).toBe(',0,1,0,,go1.5,1,0,3,0,,0,0,0,0,,,,');
  });

  test('cells that start a formula get a quote prefix, as papaparse does', () => {
    expect(csvText('=SUM(A1)')).toBe(`"'=SUM(A1)"`);
    expect(csvText('-x')).toBe(`"'-x"`);
    expect(csvText('@a,b')).toBe(`"'@a,b"`);
    expect(csvText('api')).toBe('api');
    expect(csvText('a "b"')).toBe('"a ""b"""');
  });

  test('any stream name, wall time and numbers (fast-check)', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', '=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ' ', '\ufeff', 'é', '\u2028', '1'),
      maxLength: 8,
    });
    const int = fc.oneof(fc.nat(300), fc.integer({ min: -5, max: 2 ** 53 }));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            stream: text,
            wallTime: fc.option(text, { nil: undefined }),
            tMs: fc.option(int, { nil: null }),
            runq: fc.array(int, { maxLength: 4 }),
            run: fc.nat(5),
            spin: fc.option(int, { nil: undefined }),
          }),
          { maxLength: 6 },
        ),
        (recs) => {
          const snapshots: Snapshot[] = recs.map((r, i) => {
            const s: Snapshot = {
              stream: r.stream,
              run: r.run,
              line: i + 1,
              tMs: r.tMs,
              era: 'go1.20',
              gomaxprocs: r.runq.length,
              idleprocs: 0,
              threads: 3,
              idlethreads: 1,
              runqueue: 7,
              runq: r.runq,
            };
            if (r.wallTime !== undefined) s.wallTime = r.wallTime;
            if (r.spin !== undefined) s.spinningthreads = r.spin;
            return s;
          });
          const expected = snapshots.length === 0 ? '' : papaCsv(snapshots);
          // papaparse writes the header even when no snapshot has a P; the writer too, once it saw a snapshot
          expect(writerCsv(snapshots)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** NDJSON through the writer, taken in the middle too (its buffer is reused). */
function writerNdjson(snapshots: readonly Snapshot[]): string {
  const w = new SnapshotJsonWriter();
  const parts: Buffer[] = [];
  for (const s of snapshots) {
    w.writeLine(s);
    if (w.size > 4096) w.drain((b) => parts.push(Buffer.from(b)));
  }
  parts.push(w.take());
  return Buffer.concat(parts).toString('utf8');
}

const referenceNdjson = (snapshots: readonly Snapshot[]): string =>
  snapshots.map((s) => `${JSON.stringify(snapshotRecord(s))}\n`).join('');

describe('NDJSON line = JSON.stringify of the record', () => {
  test.each([...realSampleLogs(), ...envelopeSamples])('%s', (sample) => {
    const { snapshots } = parseText(readFileSync(join(samplesDir, sample), 'utf8'));
    expect(snapshots.length).toBeGreaterThan(0);
    expect(writerNdjson(snapshots)).toBe(referenceNdjson(snapshots));
  });

  test('a JSON array element: a comma before all but the first', () => {
    const { snapshots } = parseText(readFileSync(join(samplesDir, 'go1.26', 'netpoll-p2-detail-200ms.log'), 'utf8'));
    const w = new SnapshotJsonWriter();
    snapshots.forEach((s, i) => w.writeElement(s, i === 0));
    const parsed = JSON.parse(`[${w.take().toString('utf8')}]`) as unknown[];
    expect(parsed).toEqual(snapshots.map((s) => JSON.parse(JSON.stringify(snapshotRecord(s)))));
  });

  test("the record lists detail keys in the lines' order, whatever order the parser filled them in", () => {
    const { snapshots } = parseText(readFileSync(join(samplesDir, 'go1.10', 'netpoll-p2-detail-200ms.log'), 'utf8'));
    const s = snapshots.find((x) => (x.detail?.m.length ?? 0) > 0)!;
    const m = s.detail!.m[0]!;
    // the same M with its keys inserted in another order
    const shuffled = Object.fromEntries(Object.entries(m).reverse()) as typeof m;
    const other = { ...s, detail: { ...s.detail!, m: [shuffled, ...s.detail!.m.slice(1)] } };
    expect(JSON.stringify(snapshotRecord(other))).toBe(JSON.stringify(snapshotRecord(s)));
    expect(writerNdjson([other])).toBe(writerNdjson([s]));
    expect(Object.keys((snapshotRecord(s).detail as { m: object[] }).m[0]!)).toEqual([
      'id',
      'p',
      'curg',
      'mallocing',
      'throwing',
      'preemptoff',
      'locks',
      'dying',
      'spinning',
      'blocked',
      'lockedg',
      'helpgc',
    ]);
  });

  test('any stream name, wall time, wait reason, extra pairs and numbers (fast-check)', () => {
    // quotes, backslashes, control characters, non-ASCII, a lone surrogate, line separators
    const text = fc.string({
      unit: fc.constantFrom('a', '"', '\\', '\n', '\t', '\u0001', '\u007f', 'é', '\u2028', '\ud800', '😀', ' ', '='),
      maxLength: 8,
    });
    const num = fc.oneof(
      fc.nat(300),
      fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
      fc.double(),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 31, 2 ** 31 - 1, 1e21),
    );
    const id = fc.option(num, { nil: null });
    const extra = fc.option(fc.dictionary(text, text, { maxKeys: 3 }), { nil: undefined });
    const g = fc.record(
      { id: num, rawStatus: num, status: num, scan: fc.boolean(), waitReason: text, m: id, lockedm: id, extra },
      { requiredKeys: ['id', 'rawStatus', 'status', 'scan', 'waitReason', 'm', 'lockedm'] },
    );
    const p = fc.record(
      {
        id: num,
        status: num,
        schedtick: num,
        syscalltick: num,
        m: id,
        runqsize: num,
        gfreecnt: num,
        timerslen: num,
        extra,
      },
      { requiredKeys: ['id', 'status', 'schedtick', 'syscalltick', 'm', 'runqsize', 'gfreecnt'] },
    );
    const m = fc.record(
      {
        id: num,
        p: id,
        curg: id,
        mallocing: num,
        throwing: num,
        preemptoff: text,
        locks: num,
        dying: num,
        helpgc: num,
        spinning: fc.boolean(),
        blocked: fc.boolean(),
        lockedg: id,
        extra,
      },
      {
        requiredKeys: [
          'id',
          'p',
          'curg',
          'mallocing',
          'throwing',
          'preemptoff',
          'locks',
          'dying',
          'spinning',
          'blocked',
          'lockedg',
        ],
      },
    );
    const snapshot = fc.record(
      {
        stream: text,
        run: fc.nat(5),
        line: fc.nat(),
        tMs: fc.option(num, { nil: null }),
        wallTime: text,
        era: fc.constantFrom('go1.5', 'go1.20', 'unknown'),
        gomaxprocs: num,
        idleprocs: num,
        threads: num,
        spinningthreads: num,
        needspinning: num,
        idlethreads: num,
        runqueue: num,
        runq: fc.array(num, { maxLength: 3 }),
        schedticks: fc.array(num, { maxLength: 3 }),
        gcwaiting: fc.boolean(),
        nmidlelocked: num,
        stopwait: num,
        sysmonwait: fc.boolean(),
        extra: fc.dictionary(text, text, { maxKeys: 3 }),
        crash: fc.boolean(),
        truncated: fc.boolean(),
        detail: fc.record({
          p: fc.array(p, { maxLength: 2 }),
          m: fc.array(m, { maxLength: 2 }),
          g: fc.array(g, { maxLength: 3 }),
        }),
      },
      {
        requiredKeys: [
          'stream',
          'run',
          'line',
          'tMs',
          'era',
          'gomaxprocs',
          'idleprocs',
          'threads',
          'idlethreads',
          'runqueue',
          'runq',
        ],
      },
    );
    fc.assert(
      fc.property(fc.array(snapshot, { maxLength: 4 }), (snapshots) => {
        expect(writerNdjson(snapshots as Snapshot[])).toBe(referenceNdjson(snapshots as Snapshot[]));
      }),
      { numRuns: 300 },
    );
  });
});
