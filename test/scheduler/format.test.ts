import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSnapshot } from '../../src/scheduler/format.js';
import type { GDetail, MDetail, PDetail, Snapshot } from '../../src/trace/snapshot.js';

// Real lines from committed samples, read back with small regexes (independent of the parser),
// re-printed and compared byte for byte.
const num = (line: string, key: string): number | undefined => {
  const m = new RegExp(`(?:^| )${key}=(-?\\d+)`).exec(line);
  return m ? Number(m[1]) : undefined;
};
const id = (line: string, key: string): number | null => {
  const m = new RegExp(`(?:^| )${key}=(-1|nil|\\d+)`).exec(line)!;
  return m[1] === '-1' || m[1] === 'nil' ? null : Number(m[1]);
};
const flag = (line: string, key: string): boolean => /^(1|true)$/.test(new RegExp(`${key}=(\\w+)`).exec(line)![1]!);

function readSummary(line: string): Snapshot {
  const brackets = [...line.matchAll(/\[([ \d]*)\]/g)].map((m) =>
    m[1]!.trim().split(/\s+/).filter(Boolean).map(Number),
  );
  const s: Snapshot = {
    stream: '',
    run: 0,
    line: 0,
    tMs: Number(/^SCHED (\d+)ms/.exec(line)![1]),
    era: 'unknown',
    gomaxprocs: num(line, 'gomaxprocs')!,
    idleprocs: num(line, 'idleprocs')!,
    threads: num(line, 'threads')!,
    spinningthreads: num(line, 'spinningthreads')!,
    idlethreads: num(line, 'idlethreads')!,
    runqueue: num(line, 'runqueue')!,
    runq: brackets[0] ?? [],
  };
  const ns = num(line, 'needspinning');
  if (ns !== undefined) s.needspinning = ns;
  if (brackets[1]) s.schedticks = brackets[1];
  if (line.includes('gcwaiting=')) {
    s.gcwaiting = flag(line, 'gcwaiting');
    s.nmidlelocked = num(line, 'nmidlelocked')!;
    s.stopwait = num(line, 'stopwait')!;
    s.sysmonwait = flag(line, 'sysmonwait');
  }
  return s;
}

function readDump(lines: string[]): Snapshot {
  const s = readSummary(lines[0]!);
  const p: PDetail[] = [];
  const m: MDetail[] = [];
  const g: GDetail[] = [];
  for (const l of lines.slice(1)) {
    if (l.startsWith('  P')) {
      const d: PDetail = {
        id: Number(/P(\d+):/.exec(l)![1]),
        status: num(l, 'status')!,
        schedtick: num(l, 'schedtick')!,
        syscalltick: num(l, 'syscalltick')!,
        m: id(l, 'm'),
        runqsize: num(l, 'runqsize')!,
        gfreecnt: num(l, 'gfreecnt')!,
      };
      if (l.includes('timerslen=')) d.timerslen = num(l, 'timerslen')!;
      p.push(d);
    } else if (l.startsWith('  M')) {
      m.push({
        id: Number(/M(\d+):/.exec(l)![1]),
        p: id(l, 'p'),
        curg: id(l, 'curg'),
        mallocing: num(l, 'mallocing')!,
        throwing: num(l, 'throwing')!,
        preemptoff: / preemptoff=(.*) locks=/.exec(l)![1]!,
        locks: num(l, 'locks')!,
        dying: num(l, 'dying')!,
        spinning: flag(l, 'spinning'),
        blocked: flag(l, 'blocked'),
        lockedg: id(l, 'lockedg'),
      });
    } else if (l.startsWith('  G')) {
      const raw = Number(/status=(\d+)\(/.exec(l)![1]);
      g.push({
        id: Number(/G(\d+):/.exec(l)![1]),
        rawStatus: raw,
        status: raw & ~0x1000,
        scan: (raw & 0x1000) !== 0,
        waitReason: /\((.*)\) m=/.exec(l)![1]!,
        m: id(l.slice(l.lastIndexOf(') m=') + 1), 'm'),
        lockedm: id(l, 'lockedm'),
      });
    }
  }
  s.detail = { p, m, g };
  return s;
}

function dumps(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('SCHED ')) out.push([line]);
    else if (/^ {2}[PMG]\d+: /.test(line) && out.length) out.at(-1)!.push(line);
  }
  return out;
}

const cases: [string, string, boolean][] = [
  ['samples/go1.26/oversub-p8-20ms-a.log', '1.26', false],
  ['samples/go1.26/overflow-p1-10ms-a.log', '1.26', false],
  ['samples/go1.19/oversub-p8-20ms-a.log', '1.19', false],
  ['samples/go1.20/oversub-p2-20ms.log', '1.20', false],
  ['samples/go1.26/netpoll-p2-detail-200ms.log', '1.26', true],
  ['samples/go1.19/netpoll-p2-detail-200ms.log', '1.19', true],
  ['samples/go1.13/netpoll-p2-detail-200ms.log', '1.13', true],
];

describe('formatSnapshot reprints real schedtrace text byte for byte', () => {
  for (const [file, go, detail] of cases) {
    it(`${file} (go${go}, ${detail ? 'scheddetail' : 'summary'})`, () => {
      const all = dumps(readFileSync(file, 'utf8')).filter((d) => !detail || d.length > 1);
      expect(all.length).toBeGreaterThan(3);
      for (const d of all.slice(0, 20)) expect(formatSnapshot(readDump(d), go, detail)).toBe(d.join('\n'));
    });
  }

  it('prints each era: -1/0/1 up to 1.19, nil/true/false and needspinning from 1.20, spaced brackets with schedticks from 1.25', () => {
    const s: Snapshot = {
      stream: '',
      run: 0,
      line: 0,
      tMs: 5,
      era: 'unknown',
      gomaxprocs: 2,
      idleprocs: 1,
      threads: 4,
      spinningthreads: 0,
      needspinning: 1,
      idlethreads: 1,
      runqueue: 3,
      runq: [4, 0],
      schedticks: [7, 9],
    };
    expect(formatSnapshot(s, '1.19', false)).toBe(
      'SCHED 5ms: gomaxprocs=2 idleprocs=1 threads=4 spinningthreads=0 idlethreads=1 runqueue=3 [4 0]',
    );
    expect(formatSnapshot(s, 'go1.22.3', false)).toBe(
      'SCHED 5ms: gomaxprocs=2 idleprocs=1 threads=4 spinningthreads=0 needspinning=1 idlethreads=1 runqueue=3 [4 0]',
    );
    expect(formatSnapshot(s, '1.25', false)).toBe(
      'SCHED 5ms: gomaxprocs=2 idleprocs=1 threads=4 spinningthreads=0 needspinning=1 idlethreads=1 runqueue=3 [ 4 0 ] schedticks=[ 7 9 ]',
    );
    const d = {
      ...s,
      gcwaiting: true,
      nmidlelocked: 0,
      stopwait: 2,
      sysmonwait: false,
      detail: {
        p: [{ id: 0, status: 3, schedtick: 1, syscalltick: 0, m: null, runqsize: 4, gfreecnt: 0, timerslen: 0 }],
        m: [
          {
            id: 0,
            p: null,
            curg: null,
            mallocing: 0,
            throwing: 0,
            preemptoff: '',
            locks: 0,
            dying: 0,
            spinning: false,
            blocked: true,
            lockedg: null,
          },
        ],
        g: [],
      },
    };
    expect(formatSnapshot(d, '1.10', true).split('\n')).toEqual([
      'SCHED 5ms: gomaxprocs=2 idleprocs=1 threads=4 spinningthreads=0 idlethreads=1 runqueue=3 gcwaiting=1 nmidlelocked=0 stopwait=2 sysmonwait=0',
      '  P0: status=3 schedtick=1 syscalltick=0 m=-1 runqsize=4 gfreecnt=0',
      '  M0: p=-1 curg=-1 mallocing=0 throwing=0 preemptoff= locks=0 dying=0 helpgc=0 spinning=false blocked=true lockedg=-1',
    ]);
    expect(() => formatSnapshot(s, 'tip', false)).toThrow(/not a Go version/);
  });
});
