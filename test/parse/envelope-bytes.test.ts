import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceAnalyzer } from '../../src/findings/trace-analyzer.js';
import type { Diagnostic } from '../../src/messages.js';
import fc from 'fast-check';
import { createEnvelopeReader, type LogicalLine } from '../../src/parse/envelope.js';
import {
  composePayload,
  criPayload,
  dockerJsonPayload,
  nameEnd,
  nameStart,
  namedPayload,
  rfc3339Payload,
} from '../../src/parse/envelope-bytes.js';
import { createParser } from '../../src/parse/index.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * Container logs read by the byte scanners where they stand (ParserCallbacks.dropWallTimes, as
 * analyze reads): the same counts, diagnostics, dumps and findings as through the envelope readers.
 */
const logs = [
  'go1.26/gcheavy-p4-detail-100ms.log',
  'go1.26/gcheavy-gctrace-p4-50ms-a.log',
  'go1.26/crash-50ms.log',
  'go1.19/overflow-p1-10ms-a.log',
  'go1.19/netpoll-p2-detail-200ms.log',
  'programs/crashloop-go1.26-p4-200ms.log',
  'programs/convoy-go1.26-p32-detail-100ms.log',
];

const stamp = (i: number) =>
  `2026-11-27T06:41:${String(2 + (Math.floor(i / 1000) % 50)).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}456789Z`;

/**
 * `<time> stderr F <line>`; every 7th line longer than 60 bytes split into a `P` chunk and its `F`,
 * and every 17th whole in a `P` chunk followed by an empty `F` (a line of exactly the split size).
 */
function cri(lines: string[]): string {
  return lines
    .flatMap((l, i) =>
      i % 7 === 3 && l.length > 60
        ? [`${stamp(i)} stderr P ${l.slice(0, 40)}`, `${stamp(i)} stderr F ${l.slice(40)}`]
        : i % 17 === 8
          ? [`${stamp(i)} stderr P ${l}`, `${stamp(i)} stderr F `]
          : [`${stamp(i)} stderr F ${l}`],
    )
    .join('\n');
}

/** docker json-file records; every 11th line with a foreign quote in it (an escape), some split in two records. */
function dockerJson(lines: string[]): string {
  return lines
    .flatMap((l, i) => {
      const text = i % 11 === 5 ? `${l} "quoted"` : l;
      const rec = (log: string) => JSON.stringify({ log, stream: 'stderr', time: stamp(i) });
      if (i % 13 === 6 && text.length > 50) return [rec(text.slice(0, 30)), rec(`${text.slice(30)}\n`)];
      // A line of exactly the split size: all of it in one record, its newline in the next.
      if (i % 19 === 9) return [rec(text), rec('\n')];
      return [rec(`${text}\n`)];
    })
    .join('\n');
}

/** `<time> <line>` (kubectl logs --timestamps); every 29th time with an offset instead of `Z`. */
function timestamped(lines: string[]): string {
  return lines.map((l, i) => (i % 29 === 14 ? `${stamp(i).slice(0, -1)}+02:00 ${l}` : `${stamp(i)} ${l}`)).join('\n');
}

/**
 * `docker compose logs` of two replicas printing the same log, three lines of one then three of
 * the other; every 23rd line of the second with one space before `|` (compose v1's padding, taken
 * after a replica name), every 31st with a colour code (left to the envelope reader), and a line of
 * the program's own output now and then.
 */
function compose(lines: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 3) {
    // `docker compose logs -t` on every 5th line of the first: a time inside the prefix.
    for (const [k, l] of lines.slice(i, i + 3).entries())
      out.push((i + k) % 5 === 1 ? `api-1     | ${stamp(i + k)} ${l}` : `api-1     | ${l}`);
    for (const [k, l] of lines.slice(i, i + 3).entries()) {
      const j = i + k;
      out.push(
        j % 31 === 4 ? `\x1b[36mworker_2  | \x1b[0m${l}` : j % 23 === 7 ? `worker_2 | ${l}` : `worker_2  | ${l}`,
      );
    }
    if (i % 40 === 0) out.push('api-1     | 2026/11/27 06:41:02 listening on :8080');
  }
  return out.join('\n');
}

/**
 * `journalctl` output of two units: short-iso lines of `gosched-api[2417]`, every 5th line with
 * fractional seconds and a `Z`, and short lines of `batch-worker` without a pid every 7th.
 */
function journald(lines: string[]): string {
  return lines
    .flatMap((l, i) => [
      i % 5 === 2
        ? `2026-11-27T06:41:02.${String(i % 1000).padStart(6, '0')}Z node-7 gosched-api[2417]: ${l}`
        : `2026-11-27T06:41:02+0000 node-7 gosched-api[2417]: ${l}`,
      i % 7 === 3
        ? `Nov  7 06:41:02 node-7 batch-worker: ${l}`
        : `Nov 27 06:41:02.123456 node-7 batch-worker[2419]: ${l}`,
    ])
    .join('\n');
}

/**
 * `kubectl logs --prefix` of two pods, every 3rd line of the first with `--timestamps` as well (the
 * time inside the prefix), and a pod name with a byte outside ASCII now and then.
 */
function kubectl(lines: string[]): string {
  return lines
    .flatMap((l, i) => [
      i % 3 === 1 ? `[pod/api-7d9f8b6c5-x2k4q/api] ${stamp(i)} ${l}` : `[pod/api-7d9f8b6c5-x2k4q/api] ${l}`,
      i % 13 === 6 ? `[pod/wörker-0/main] ${l}` : `[pod/worker-0/main] ${l}`,
    ])
    .join('\n');
}

/**
 * JSON records of log shippers and platforms, one per line (envelopes/json-record.ts), mixed so that
 * every branch of the byte reader is taken: CloudWatch events (two log streams, an escaped quote in
 * every 13th text), journalctl -o json (a unit beside the identifier now and then, a MESSAGE given
 * as journald's byte array for a binary field), Fluent Bit's Kubernetes records (`date` first, the
 * text's `\n` kept; Filebeat's `pod.name` every 9th), Google Cloud Logging (textPayload, or
 * jsonPayload.message), and records written to trip a reader that takes keys as they come: a
 * duplicate key (the last one counts), an escaped key that spells `message`, numbers with
 * exponents, arrays, blanks between tokens, a null or empty stream name, and Loki's labels.
 */
function jsonRecords(lines: string[]): string {
  const t = (i: number) => 1795761662123 + i;
  return lines
    .map((l, i) => {
      const text = i % 13 === 5 ? `${l} "quoted"` : l;
      switch (i % 8) {
        case 0:
          return JSON.stringify({
            logStreamName: i % 9 === 0 ? 'ecs/worker/77aa' : 'ecs/api/1f2e3d4c',
            timestamp: t(i),
            message: text,
            ingestionTime: t(i) + 212,
            eventId: `3700000000000000000000000000000000000000000000000000000${i}`,
          });
        case 1:
          return JSON.stringify({
            __REALTIME_TIMESTAMP: `${t(i)}559`,
            _PID: '2417',
            ...(i % 3 === 0 ? { _SYSTEMD_UNIT: 'api.service' } : {}),
            SYSLOG_IDENTIFIER: 'api',
            MESSAGE: i % 17 === 9 ? [...Buffer.from(text)] : text,
          });
        case 2:
          return JSON.stringify({
            date: t(i) / 1000,
            log: `${text}\n`,
            stream: 'stderr',
            time: stamp(i),
            kubernetes:
              i % 9 === 2
                ? { pod: { name: 'api-7d9f' }, container: { name: 'api' } }
                : { pod_name: 'api-7d9f', namespace_name: 'default', container_name: 'api', labels: { app: 'api' } },
          });
        case 3:
          return JSON.stringify({
            insertId: `api-7d9f-x2-${i}`,
            resource: {
              type: 'k8s_container',
              labels: { project_id: 'shop', pod_name: 'batch-5c4b', container_name: 'app' },
            },
            ...(i % 5 === 1 ? { jsonPayload: { message: text, level: 'info' } } : { textPayload: text }),
            timestamp: stamp(i),
            severity: 'ERROR',
          });
        case 4:
          // The first message is overridden by the last.
          return `{"message":"ignored","timestamp":"${stamp(i)}","message":${JSON.stringify(text)},"kubernetes":{"pod_name":"api-7d9f","container_name":null}}`;
        case 5:
          return i % 3 === 0
            ? `{ "mess\\u0061ge" : ${JSON.stringify(text)} , "n": -1.5e+3, "a": [1, {"b": [true, false, null]}], "logStreamName": "" }`
            : `{"msg": ${JSON.stringify(text)}, "n": 0.25E-2, "container_name": null, "kubernetes": {"pod_name": "", "container_name": "x"}}`;
        case 6:
          return JSON.stringify({ labels: { app: 'api', pod: 'api-1' }, line: text, timestamp: stamp(i) });
        default:
          return JSON.stringify({
            timestamp: stamp(i),
            message: text,
            kubernetes: { pod_name: 'api-7d9f', container_name: 'api' },
          });
      }
    })
    .join('\n');
}

/**
 * `aws logs tail` of two ECS tasks, and Heroku's stream of two dynos with the router's lines now and
 * then; a stream name the envelope readers take and the byte readers leave (outside ASCII) every 19th.
 */
function cloudwatchTail(lines: string[]): string {
  return lines
    .flatMap((l, i) => [
      `2026-11-27T06:41:${String(2 + (i % 50)).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}000+00:00 ecs/api/1f2e3d ${l}`,
      `2026-11-27T06:41:02.123000+00:00 ${i % 19 === 7 ? 'ecs/wörker/9' : 'ecs/worker/77aa'} ${l}`,
    ])
    .join('\n');
}

function heroku(lines: string[]): string {
  return lines
    .flatMap((l, i) => [
      `${stamp(i)} app[web.1]: ${l}`,
      i % 11 === 4
        ? `${stamp(i)} heroku[router]: at=info method=GET path="/" status=200`
        : `${stamp(i)} app[worker.2]: ${l}`,
    ])
    .join('\n');
}

/**
 * `logcli query` output: `<time> <label set> <line>`, the label sets padded to the widest, the
 * lines trimmed (so P/M/G lines lose their indent, which the envelope reader gives back); a label
 * value with an escaped quote every 5th line of the second stream, one outside ASCII every 13th,
 * and `{}` (one stream answered) on every 7th line.
 */
function lokiText(lines: string[]): string {
  return lines
    .flatMap((l, i) => {
      const t = `2026-11-27T06:41:${String(2 + (i % 50)).padStart(2, '0')}Z`;
      const line = l.trim();
      if (i % 7 === 3) return [`${t} {} ${line}`];
      const other =
        i % 13 === 6 ? '{app="wörker"}      ' : i % 5 === 2 ? '{app="a\\"b", pod="w-0"}' : '{app="api", pod="w-0"} ';
      return [`${t} {app="api", pod="api-1"} ${line}`, `${t} ${other} ${line}`];
    })
    .join('\n');
}

/** How a reader reads: the general readers alone, or with the fast paths, dropping wall times or keeping them. */
type Reading = { fastPaths: false } | { dropWallTimes: boolean };

function read(text: string, reading: Reading) {
  const analyzer = new TraceAnalyzer({ wordsForKeptOnly: true });
  const diagnostics: Diagnostic[] = [];
  const dumps: unknown[] = [];
  /**
   * Dumps read by the byte scanners: batch rows, and Snapshots without the envelope's time (the
   * envelope readers make Snapshots, each with its line's time).
   */
  let byBytes = 0;
  /** Of them, the batch rows (a compose line has no time: its Snapshots look alike on both paths). */
  let rows = 0;
  const parser = createParser({
    ...reading,
    countGoroutines: true,
    countThreads: true,
    dropGcPhases: true,
    onDiagnostic: (d) => diagnostics.push(d),
    onTrailingGc: (stream, run, gc, line) => analyzer.trailingGc(stream, run, gc, line),
    onSummaryBatch: (b) => {
      for (let r = 0; r < b.size; r++) dumps.push([b.line[r], b.tMs[r], b.runqueue[r]]);
      byBytes += b.size;
      rows += b.size;
      analyzer.pushBatch(b);
    },
    onSnapshot: (s) => {
      dumps.push([s.line, s.tMs, s.runqueue]);
      if (s.wallTime === undefined) byBytes++;
      analyzer.push(s);
    },
    onStreamReleased: (stream) => analyzer.release(stream),
  });
  // Blocks cut at line ends, as the line source hands them over.
  const bytes = new TextEncoder().encode(text);
  let from = 0;
  while (from < bytes.length) {
    let to = Math.min(bytes.length, from + 4096);
    while (to < bytes.length && bytes[to - 1] !== 10) to++;
    parser.pushBytes(bytes.subarray(from, to), from === 0);
    from = to;
  }
  const counts = parser.end();
  return { counts, diagnostics, dumps, byBytes, rows, result: analyzer.result() };
}

describe('container log lines read where they stand', () => {
  for (const log of logs)
    for (const [name, wrap] of [
      ['CRI', cri],
      ['docker json-file', dockerJson],
      ['RFC 3339 times', timestamped],
      ['docker compose', compose],
      ['journald', journald],
      ['kubectl --prefix', kubectl],
      ['JSON records', jsonRecords],
      ['aws logs tail', cloudwatchTail],
      ['Heroku', heroku],
      ['logcli', lokiText],
    ] as const)
      it(`${log} as ${name}: the same as through the envelope readers`, () => {
        const lines = readFileSync(join(samplesDir, log), 'utf8').split('\n');
        if (lines.at(-1) === '') lines.pop();
        const text = `${wrap(lines)}\n`;
        // The envelope readers and the general readers alone: the reference.
        const general = read(text, { fastPaths: false });
        // As analyze reads (no wall time kept), and as parse reads (wall times kept).
        const fast = read(text, { dropWallTimes: true });
        const kept = read(text, { dropWallTimes: false });
        for (const other of [fast, kept]) {
          expect(other.counts).toEqual(general.counts);
          expect(other.diagnostics).toEqual(general.diagnostics);
          expect(other.dumps).toEqual(general.dumps);
          expect(JSON.stringify(other.result)).toBe(JSON.stringify(general.result));
        }
        expect(fast.counts.schedtrace).toBeGreaterThan(0);
        expect(general.rows).toBe(0);
        // The byte scanners did read them: every dump with a time where no time is kept; the summary
        // dumps of an envelope that names a stream as rows, and where it has no time (compose, kubectl
        // and journald's short format) even where times are kept.
        if (name === 'docker compose' || name === 'journald' || name === 'kubectl --prefix') {
          if (!log.includes('detail')) {
            expect(fast.rows).toBeGreaterThan(0);
            expect(kept.rows).toBeGreaterThan(0);
          }
        } else if (name === 'JSON records') {
          // Some records carry no time, so a Snapshot without one proves nothing here: rows do.
          expect(kept.rows).toBe(0);
          if (!log.includes('detail')) expect(fast.rows).toBeGreaterThan(0);
        } else {
          expect(kept.byBytes).toBe(0);
          expect(fast.byBytes).toBeGreaterThan(0);
        }
      });
});

describe('a read buffer filled again', () => {
  // The line source hands its read buffers back to be filled again (cli/line-source.ts ChunkPool):
  // a stream name kept as a view into one would compare with the next block's bytes.
  it.each([
    ['compose', (name: string) => `${name}  | `],
    ['CloudWatch JSON', (name: string) => `{"logStreamName":"${name}","message":"`],
  ])("%s: each block's lines go to the stream their own bytes name", (_, prefix) => {
    const sched = 'SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=2 spinningthreads=0 idlethreads=0 runqueue=0 [0]';
    const line = (name: string) => `${prefix(name)}${sched}${prefix(name).startsWith('{') ? '"}' : ''}\n`;
    const streams: string[] = [];
    const parser = createParser({
      dropWallTimes: true,
      onSnapshot: (x) => streams.push(x.stream),
      onSummaryBatch: (b) => {
        for (let r = 0; r < b.size; r++) streams.push(b.stream[r]!);
      },
    });
    const block = Buffer.from(line('api-1'));
    parser.pushBytes(block, true);
    // The same buffer, filled with the next read: a name of the same length at the same place.
    block.write(line('web-1'));
    parser.pushBytes(block, false);
    parser.end();
    expect(streams).toEqual(['api-1', 'web-1']);
  });
});

describe('what the byte readers leave to the envelope readers', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  const at = (s: string, f: (b: Uint8Array, s: number, n: number) => number) => f(bytes(s), 0, s.length);
  const SCHED = 'SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=2 spinningthreads=0 idlethreads=0 runqueue=0 [0]';

  it('takes a time only when RFC 3339 holds it whole', () => {
    expect(at(`2026-11-27T06:41:02.5Z ${SCHED}`, rfc3339Payload)).toBe(23);
    expect(at(`2026-11-27T06:41:02-05:30 ${SCHED}`, rfc3339Payload)).toBe(26);
    for (const t of [
      '2026-11-27T06:41:02',
      '2026-11-27 06:41:02Z',
      '2026-11-27T06:41:02.Z',
      '2026-11-27T06:41:02.1234567890Z',
      '2026-11-27T06:41:02+0200',
    ])
      expect(at(`${t} ${SCHED}`, rfc3339Payload), t).toBe(-1);
  });

  it('takes a compose prefix only as the envelope reader takes it, and only of a lowercase plain name', () => {
    expect(at(`api-1  | ${SCHED}`, composePayload)).toBe(9);
    expect(at(`api_1 | ${SCHED}`, composePayload)).toBe(8);
    expect(at(`web.app-2          | ${SCHED}`, composePayload)).toBe(21);
    for (const t of [
      // One space without a replica number: a table's row.
      `foo | ${SCHED}`,
      `api-x | ${SCHED}`,
      // Other envelopes may start so (journald's `Nov 27`), or the name is not compose's own.
      `Api-1  | ${SCHED}`,
      `1api  | ${SCHED}`,
      `api+1  | ${SCHED}`,
      `\x1b[36mapi-1  | \x1b[0m${SCHED}`,
      `api-1  |${SCHED}`,
      `api-1  ${SCHED}`,
    ])
      expect(at(t, composePayload), JSON.stringify(t)).toBe(-1);
  });

  it('takes a journald, compose, kubectl, aws logs tail, Heroku or logcli line only as the envelope reader reads it (fast-check)', () => {
    const unwrapped = (line: string): LogicalLine => {
      let got: LogicalLine | undefined;
      const r = createEnvelopeReader(
        (l) => {
          got = l;
        },
        () => {},
      );
      r.push(line);
      r.end();
      return got!;
    };
    const pieces = fc.constantFrom(
      '2026-11-27T06:41:02',
      '2026-11-27T06:41:02.5',
      '2026-11-27T06:41:02.',
      '2026-11-27 06:41:02',
      'Nov 27 06:41:02',
      'Nov  7 06:41:02.25',
      'Now 27 06:41:02',
      'nov 27 06:41:02',
      'Z',
      '+0000',
      '-05:30',
      '+05',
      ' ',
      '  ',
      '\t',
      'node-7',
      'hôte',
      'api',
      'api-1',
      'api_12',
      'Api-1',
      'a.b',
      '[2417]',
      '[24x]',
      '[]',
      ':',
      '|',
      ']',
      'stderr F',
      '\x1b[36m',
    );
    const of = (...xs: string[]) => fc.constantFrom(...xs);
    // Each part right four times in five: a prefix is then right often enough for both readers to take it.
    const mostly = (right: string[], wrong: string[]) =>
      fc.oneof({ arbitrary: of(...right), weight: 4 }, { arbitrary: of(...wrong), weight: 1 });
    const innerTime = mostly(
      [''],
      ['2026-11-27T06:41:02.5Z ', '2026-11-27T06:41:02+0000 node app[1]: ', '2026-11-27T06:41:02 '],
    );
    const tail = fc
      .tuple(
        mostly([' '], ['  ', '\t']),
        mostly(['node-7', 'a:b', 'x[1]'], ['hôte', '']),
        mostly([' '], ['  ']),
        mostly(['gosched-api', 'w'], ['batch worker', 'a]b', 'ü', 'x:y', '']),
        mostly(['[2417]', ''], ['[24x]', '[]']),
        mostly([': '], [':', ' : ']),
        innerTime,
      )
      .map((t) => t.join(''));
    const prefixes = fc.oneof(
      fc.array(pieces, { maxLength: 9 }).map((p) => `${p.join('')} `),
      fc
        .tuple(
          mostly(['[pod/'], ['[po/', '[pod']),
          mostly(['api-7d9f8b6c5-x2k4q', 'p'], ['', 'a b', 'wörker', 'a]b']),
          mostly(['/'], ['//', '']),
          mostly(['api', 'c'], ['', 'x/y', 'c d']),
          mostly(['] '], [']', ']  ']),
          innerTime,
        )
        .map((t) => t.join('')),
      fc
        .tuple(
          mostly(['api-1', 'api_12', 'web.app-2', 'a', 'api'], ['Api-1', 'api+1', 'hôte-1', '1api']),
          mostly([' ', '  ', '     '], ['\t']),
          mostly(['| '], ['|', '|  ']),
          innerTime,
        )
        .map((t) => t.join('')),
      fc
        .tuple(
          mostly(['2026-11-27T06:41:02', '2026-11-27T06:41:02.123'], ['2026-11-27 06:41:02', '2026-11-27T06:41:02.']),
          mostly(['Z', '+0000', '-05:30'], ['+05', '']),
          tail,
        )
        .map((t) => t.join('')),
      fc
        .tuple(
          mostly(['Nov', 'Dec'], ['Now', 'nov']),
          mostly([' 27', '  7'], [' 7', '27']),
          mostly([' 06:41:02', ' 06:41:02.25'], [' 6:41:02']),
          tail,
        )
        .map((t) => t.join('')),
      // aws logs tail: `<time to the µs>+00:00 <stream> `; its stream may look like a journald host.
      fc
        .tuple(
          mostly(
            ['2026-11-27T06:41:02.123000+00:00'],
            ['2026-11-27T06:41:02.123+00:00', '2026-11-27T06:41:02.123000Z'],
          ),
          mostly([' '], ['  ']),
          mostly(
            ['ecs/api/1f2e', 'a', 'pod_x.log', 'app[web.1]'],
            ['gc', 'SCHED', 'fatal', 'a:b', 'a*b', 'wörker', ''],
          ),
          mostly([' '], ['', ':', ': ']),
          innerTime,
        )
        .map((t) => t.join('')),
      // logcli: `<RFC 3339 time> {key="value", …} `, padded.
      fc
        .tuple(
          mostly(['2026-11-27T06:41:02Z', '2026-11-27T06:41:02.123456+00:00'], ['2026-11-27T06:41:02', '']),
          mostly([' '], ['  ']),
          fc.array(
            fc.tuple(
              mostly(['app', 'pod', '_x9'], ['9a', '', 'a-b']),
              mostly(['="'], ['=', '"']),
              mostly(['api', '', 'a\\"b', 'x y', 'a}b', 'a\\\\'], ['wörker', 'a"b', 'a\\', 'a\\ö', 'a\\\r']),
              mostly(['"'], ['']),
              mostly([', ', ''], [',', ',  ', ' ']),
            ),
            { maxLength: 3 },
          ),
          mostly(['}'], ['']),
          mostly([' ', '   '], ['', '\t']),
        )
        .map(
          ([time, blank, labels, close, pad]) =>
            `${time}${blank}{${labels.map((l) => l.join('')).join('')}${close}${pad}`,
        ),
      // Heroku: `<RFC 3339 time> app[web.1]: ` or the platform's `heroku[router]: `.
      fc
        .tuple(
          mostly(['2026-11-27T06:41:02.123456+00:00', '2026-11-27T06:41:02Z'], ['2026-11-27T06:41:02', '']),
          mostly([' '], ['  ']),
          mostly(['app[', 'heroku['], ['App[', 'app [', 'web[']),
          mostly(['web.1', 'worker_2', 'run-1'], ['', 'a b', 'wéb.1', 'a:1']),
          mostly([']: '], [']:', ']', '] : ']),
          innerTime,
        )
        .map((t) => t.join('')),
    );
    let taken = 0;
    fc.assert(
      fc.property(prefixes, (prefix) => {
        const line = `${prefix}SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=2 spinningthreads=0 idlethreads=0 runqueue=0 [0]`;
        const b = bytes(line);
        // As the parser asks: not of a line a CRI envelope holds.
        if (criPayload(b, 0, b.length) >= 0) return;
        const q = namedPayload(b, 0, b.length);
        // The parser reads on only where a runtime line starts there (readNamedPayload).
        if (q < 0 || !line.startsWith('SCHED ', q)) return;
        taken++;
        const l = unwrapped(line);
        expect(['journald', 'compose', 'kubectl-prefix', 'cloudwatch', 'heroku', 'rfc3339'], line).toContain(
          l.envelope,
        );
        expect(l.stream).toBe(nameStart < 0 ? '' : line.slice(nameStart, nameEnd));
        expect(l.text).toBe(line.slice(q));
      }),
      { numRuns: 20_000 },
    );
    // Enough lines were taken for the comparison to mean something.
    expect(taken).toBeGreaterThan(500);
  });

  it('takes a CRI line only whole (F), and a json-file record only of its three keys and no escape', () => {
    expect(at(`2026-11-27T06:41:02.1Z stderr F ${SCHED}`, criPayload)).toBe(32);
    expect(at(`2026-11-27T06:41:02.1Z stderr P ${SCHED}`, criPayload)).toBe(-1);
    expect(at(`2026-11-27T06:41:02.1Z stdin F ${SCHED}`, criPayload)).toBe(-1);
    const rec = (o: object) => JSON.stringify(o);
    expect(at(rec({ log: `${SCHED}\n`, stream: 'stderr', time: '2026-11-27T06:41:02.1Z' }), dockerJsonPayload)).toBe(8);
    for (const o of [
      { log: SCHED, stream: 'stderr', time: 't' },
      { log: `${SCHED} "x"\n`, stream: 'stderr', time: 't' },
      { log: `${SCHED}\n`, stream: 'stderr', time: 't', attrs: { pod: 'x' } },
      { log: `${SCHED}\n`, time: 't', stream: 'stderr' },
    ])
      expect(at(rec(o), dockerJsonPayload), rec(o)).toBe(-1);
  });
});
