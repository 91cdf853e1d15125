import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { SnapshotCsvWriter, csvText, snapshotCsvColumns, snapshotCsvRows } from '../../src/report/snapshot-csv.js';
import { snapshotNdjsonLine, snapshotRecord } from '../../src/report/snapshot-json.js';
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

describe('NDJSON line = JSON.stringify of the record', () => {
  test.each([...realSampleLogs(), ...envelopeSamples])('%s', (sample) => {
    const { snapshots } = parseText(readFileSync(join(samplesDir, sample), 'utf8'));
    for (const s of snapshots) expect(snapshotNdjsonLine(s)).toBe(`${JSON.stringify(snapshotRecord(s))}\n`);
  });
});
