import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createParser, parseText } from '../../src/parse/index.js';
import type { Snapshot } from '../../src/trace/snapshot.js';
import type { SummaryBatch } from '../../src/trace/summary-batch.js';
import { toTimelinePoint } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

const enc = new TextEncoder();
const sample = (p: string): string => readFileSync(join(samplesDir, p), 'utf8');

/** Every dump a parser hands on, rows and Snapshots alike, in the order it hands them on. */
function dumpsInOrder(text: string): { stream: string; line: number; row: boolean }[] {
  const out: { stream: string; line: number; row: boolean }[] = [];
  const p = createParser({
    onSnapshot: (s) => out.push({ stream: s.stream, line: s.line, row: false }),
    onSummaryBatch: (b: SummaryBatch) => {
      for (let i = 0; i < b.size; i++) out.push({ stream: b.stream[i]!, line: b.line[i]!, row: true });
    },
  });
  p.pushBytes(enc.encode(text.endsWith('\n') ? text.slice(0, -1) : text), true);
  p.end();
  return out;
}

describe('Parser.pushBytes (the byte scanner)', () => {
  test('a byte order mark and CRLF line ends read as parseText reads them', () => {
    const text = sample('go1.26/seed-p4-100ms-a.log').replaceAll('\n', '\r\n');
    const got: Snapshot[] = [];
    const p = createParser({ onSnapshot: (s) => got.push(s) });
    p.pushBytes(enc.encode(`\uFEFF${text.slice(0, -2)}`), true);
    const counts = p.end();
    const want = parseText(`\uFEFF${text}`);
    expect(got).toEqual(want.snapshots);
    expect(counts).toEqual(want.counts);
    expect(counts.schedtrace).toBe(text.split('\r\n').length - 1);
  });

  test('summary rows and Snapshots come out in input order, across streams and batches', () => {
    const plain = sample('go1.26/oversub-p2-20ms-a.log').split('\n').filter(Boolean);
    // 5,000 plain dumps (more than one batch), a compose line of another stream in the middle.
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      lines.push(plain[i % plain.length]!);
      if (i === 2500) lines.push(`api-1  | ${plain[0]}`);
    }
    const dumps = dumpsInOrder(`${lines.join('\n')}\n`);
    expect(dumps).toHaveLength(5001);
    expect(dumps.map((d) => d.line)).toEqual(dumps.map((_, i) => i + 1));
    // The compose service's dump is a row of its own stream (its envelope carries no time).
    const compose = dumps.filter((d) => d.stream === 'api-1');
    expect(compose).toEqual([{ stream: 'api-1', line: 2502, row: true }]);
    expect(dumps.filter((d) => d.row)).toHaveLength(5001);
  });

  test('a scheddetail dump cut across blocks is the dump read whole, G lines counted when asked', () => {
    const text = sample('go1.26/netpoll-p2-detail-200ms.log');
    const lines = text.slice(0, -1).split('\n');
    const whole = parseText(text).snapshots;
    const tallied: Snapshot[] = [];
    const p = createParser({ onSnapshot: (s) => tallied.push(s), tallyGoroutines: true });
    // Blocks of 3 lines: every dump is cut somewhere.
    for (let i = 0; i < lines.length; i += 3) p.pushBytes(enc.encode(lines.slice(i, i + 3).join('\n')), i === 0);
    p.end();
    expect(tallied).toHaveLength(whole.length);
    for (let k = 0; k < whole.length; k++) {
      const g = whole[k]!.detail!.g;
      const tally = tallied[k]!.detail!.gTally!;
      expect(tallied[k]!.detail!.g).toEqual([]);
      expect(tally.statuses).toEqual(g.map((x) => x.status));
      const waiting = g.filter((x) => x.status === 4);
      expect(Object.values(tally.byReason).reduce((a, b) => a + b, 0)).toBe(waiting.length);
      expect({ ...tallied[k]!, detail: undefined }).toEqual({ ...whole[k]!, detail: undefined });
    }
  });

  test('G lines counted by name (gCounts) give the points that the G records give, bytes and text alike', () => {
    const text = sample('go1.26/netpoll-p2-detail-200ms.log');
    const lines = text.slice(0, -1).split('\n');
    const whole = parseText(text).snapshots;
    const counted: Snapshot[] = [];
    const p = createParser({ onSnapshot: (s) => counted.push(s), countGoroutines: true });
    for (let i = 0; i < lines.length; i += 3) p.pushBytes(enc.encode(lines.slice(i, i + 3).join('\n')), i === 0);
    p.end();
    // Text lines (the string readers) count the same way.
    const viaText: Snapshot[] = [];
    const q = createParser({ onSnapshot: (s) => viaText.push(s), countGoroutines: true });
    for (const l of lines) q.push(l);
    q.end();
    expect(counted).toHaveLength(whole.length);
    expect(viaText).toHaveLength(whole.length);
    for (let k = 0; k < whole.length; k++) {
      const want = toTimelinePoint(whole[k]!);
      for (const got of [counted[k]!, viaText[k]!]) {
        expect(got.detail!.g).toEqual([]);
        const pt = toTimelinePoint(got);
        expect(JSON.stringify(pt.gByStatus)).toBe(JSON.stringify(want.gByStatus));
        expect(JSON.stringify(pt.gByReason)).toBe(JSON.stringify(want.gByReason));
      }
    }
  });
});
