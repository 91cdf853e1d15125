import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { FindingOf } from '../../src/findings/finding.js';
import { parseText } from '../../src/parse/index.js';
import { analyzeTrace } from '../../src/pipeline.js';
import { buildTimelines } from '../../src/trace/timeline-builder.js';
import { samplesDir } from '../helpers/samples.js';

const read = (file: string) => readFileSync(join(samplesDir, file), 'utf8');

function saturationOf(text: string): FindingOf<'saturation'> {
  const { snapshots, trailingGc } = parseText(text);
  const f = analyzeTrace(buildTimelines(snapshots, trailingGc)).findings.find((x) => x.kind === 'saturation');
  if (f === undefined) throw new Error('no saturation');
  return f as FindingOf<'saturation'>;
}

/** Each dump's text after its SCHED line. */
const dumpsOf = (text: string) => text.split(/^SCHED /m).slice(1);

describe('saturation with scheddetail: Ps held by goroutines in system calls are not called running', () => {
  test('Go 1.26: the P stays status=1, its M holds it with the goroutine in status 3', () => {
    const text = read('go1.26/netpoll-p2-detail-200ms.log');
    // Go 1.26 retired _Psyscall: no P line prints status=2, but at 408 ms G27 is in a syscall on M6,
    // which holds P1 (a P line with status=1 and m=6).
    expect(text).not.toMatch(/^ {2}P\d+: status=2 /m);
    const d = dumpsOf(text).find((x) => x.startsWith('408ms'))!;
    expect(d).toMatch(/^ {2}G27: status=3\(select\) m=6 /m);
    expect(d).toMatch(/^ {2}M6: p=1 curg=27 /m);
    expect(d).toMatch(/^ {2}P1: status=1 .* m=6 /m);
    const f = saturationOf(text);
    expect(f.evidence.syscallPsPeak).toBe(1);
    expect(f.explanation).toContain(
      'at one dump the P and G lines show up to 1 of the 2 Ps held by goroutines in system calls (status=2, _Psyscall, up to Go 1.25; from Go 1.26 the P stays status=1 and its goroutine shows status=3)',
    );
    expect(f.explanation).not.toContain('every P running a goroutine');
  });

  test.each([
    ['go1.25/netpoll-p2-detail-200ms.log', 1],
    ['go1.19/shared-netpoll-p2-detail.log', 2],
  ])('up to Go 1.25 the P lines print status=2 (_Psyscall): %s', (file, most) => {
    const text = read(file);
    const perDump = dumpsOf(text).map((d) => d.match(/^ {2}P\d+: status=2 /gm)?.length ?? 0);
    expect(Math.max(...perDump)).toBe(most);
    const f = saturationOf(text);
    expect(f.evidence.syscallPsPeak).toBe(most);
    expect(f.explanation).toContain(`up to ${most} of the 2 Ps held by goroutines in system calls`);
  });

  test('only where the P and G lines show none in a syscall do the words say every P ran a goroutine', () => {
    const f = saturationOf(read('programs/mutex-go1.26-p4-detail-200ms.log'));
    expect(f.evidence.syscallPsPeak).toBe(0);
    expect(f.explanation).toContain('show every P running a goroutine and none held by one in a system call');
    // Without P lines nothing is claimed about them.
    const plain = saturationOf(read('go1.26/oversub-p2-20ms-a.log'));
    expect(plain.evidence.syscallPsPeak).toBeUndefined();
    expect(plain.explanation).toContain(
      'as only scheddetail could tell (P status 2 up to Go 1.25, G status 3 from 1.26), in a syscall',
    );
  });
});

describe('saturation: a slice past what sysmon allows a thread with a CPU (about 2 × forcePreemptNS)', () => {
  test('26 ms at 4 Ps on 2 CPUs: the threads likely waited for a CPU', () => {
    const f = saturationOf(read('labelled/go1.26/saturate-p4-50ms.log'));
    expect(f.evidence.sliceMs).toBeGreaterThan(22);
    expect(f.evidence.sliceMs).toBeLessThanOrEqual(30);
    expect(f.explanation).toContain("the Ps' threads, or sysmon's, likely waited for a CPU through part of them");
  });

  test('20 ms at 2 Ps on 2 CPUs is the bound itself: nothing said', () => {
    const f = saturationOf(read('go1.26/oversub-p2-20ms-a.log'));
    expect(f.evidence.sliceMs).toBeLessThanOrEqual(22);
    expect(f.explanation).not.toContain('likely waited for a CPU');
  });
});
