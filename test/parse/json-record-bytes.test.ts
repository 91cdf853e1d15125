import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrapJsonRecord } from '../../src/parse/envelopes/json-record.js';
import { jsonRecordPayload, recordKey, recordTextEnd } from '../../src/parse/json-record-bytes.js';

const SCHED =
  'SCHED 105ms: gomaxprocs=4 idleprocs=0 threads=6 spinningthreads=0 needspinning=0 idlethreads=1 runqueue=3 [ 1 0 2 0 ] schedticks=[ 11 9 14 8 ]';
const enc = new TextEncoder();
const dec = new TextDecoder();

/** What jsonRecordPayload reads of one line: its text and stream, or null when it leaves the line. */
function bytesRead(line: string): { text: string; stream: string } | null {
  const b = enc.encode(`${line}\n`);
  const p = jsonRecordPayload(b, 0, b.length);
  return p < 0 ? null : { text: dec.decode(b.subarray(p, recordTextEnd)), stream: recordKey };
}

/** What the envelope reader reads of it (json-record.ts), trimmed as envelope.ts finish trims. */
function envelopeRead(line: string): { text: string; stream: string } | null {
  const u = unwrapJsonRecord(line);
  return u === null ? null : { text: u.text.replace(/[\r\n]+$/, ''), stream: u.stream };
}

describe('JSON records read from their bytes', () => {
  it.each([
    ['CloudWatch', { logStreamName: 'ecs/api/1f2e', timestamp: 1795761662123, message: SCHED }, 'ecs/api/1f2e'],
    [
      'journald, the unit before the identifier',
      {
        __REALTIME_TIMESTAMP: '1795761662123559',
        SYSLOG_IDENTIFIER: 'api',
        _SYSTEMD_UNIT: 'api.service',
        MESSAGE: SCHED,
      },
      'api.service',
    ],
    [
      'Fluent Bit, the text with its newline',
      { date: 1.5, log: `${SCHED}\n`, stream: 'stderr', kubernetes: { pod_name: 'api-7d9f', container_name: 'api' } },
      'pod/api-7d9f/api',
    ],
    [
      'Google Cloud Logging',
      {
        resource: { type: 'k8s_container', labels: { pod_name: 'batch-5c4b', container_name: 'app' } },
        textPayload: SCHED,
      },
      'pod/batch-5c4b/app',
    ],
    ['jsonPayload.message', { jsonPayload: { message: SCHED }, resource: { labels: { pod_name: 'b' } } }, 'pod/b'],
    ['no name at all', { msg: SCHED, kubernetes: { pod_name: '' } }, ''],
  ])('%s', (_, record, stream) => {
    const line = JSON.stringify(record);
    expect(bytesRead(line)).toEqual({ text: SCHED, stream });
    expect(envelopeRead(line)).toEqual({ text: SCHED, stream });
  });

  it('takes the last of two keys, as JSON.parse does', () => {
    const line = `{"message":"gc 1 @0.1s 1%: x","message":"${SCHED}","logStreamName":"a","logStreamName":"b"}`;
    expect(bytesRead(line)).toEqual({ text: SCHED, stream: 'b' });
    expect(envelopeRead(line)).toEqual(bytesRead(line));
  });

  it.each([
    ['an escape in the text', JSON.stringify({ message: `${SCHED} "x"` })],
    ['a key with an escape', `{"mess\\u0061ge":"${SCHED}"}`],
    ["Filebeat's pod.name", JSON.stringify({ message: SCHED, kubernetes: { pod: { name: 'a' } } })],
    ["Loki's labels", JSON.stringify({ labels: { app: 'a' }, line: SCHED })],
    ['a name outside ASCII', JSON.stringify({ message: SCHED, logStreamName: 'wörker' })],
    [
      'a container name that is no string',
      JSON.stringify({ message: SCHED, kubernetes: { pod_name: 'a', container_name: 7 } }),
    ],
    ["docker's json-file", JSON.stringify({ log: `${SCHED}\n`, stream: 'stderr', time: '2026-11-27T06:41:02Z' })],
    ['application text', JSON.stringify({ message: 'GET /health 200' })],
    ['no text field', JSON.stringify({ MESSAGE: [83, 67], level: 'info' })],
    // JSON, but unwrap takes a record only when its line ends with the brace.
    ['a blank after the brace', `{"message":"${SCHED}"} `],
  ])('leaves %s to the envelope readers', (_, line) => {
    expect(bytesRead(line)).toBeNull();
  });

  it.each([
    ['a trailing comma', `{"message":"${SCHED}",}`],
    ['a control character in a string', `{"message":"${SCHED}","x":"a\tb"}`],
    ['a leading zero', `{"message":"${SCHED}","n":01}`],
    ['a bad escape', `{"message":"${SCHED}","x":"\\q"}`],
    ['a short \\u escape', `{"message":"${SCHED}","x":"\\u12"}`],
    ['an unclosed array', `{"message":"${SCHED}","x":[1,2}`],
    ['single quotes', `{'message':"${SCHED}"}`],
    ['a bare word', `{"message":"${SCHED}","x":nul}`],
  ])('refuses a line JSON.parse refuses: %s', (_, line) => {
    expect(() => JSON.parse(line)).toThrow();
    expect(bytesRead(line)).toBeNull();
    expect(envelopeRead(line)).toBeNull();
  });

  it('reads a record only as the envelope reader reads it (fast-check)', () => {
    const text = fc.constantFrom(
      SCHED,
      `${SCHED}\n`,
      `${SCHED}\r\n`,
      `${SCHED} "q"`,
      'gc 7 @0.512s 3%: 0.1+2+0.02 ms clock, 0.4+0.5/1/0+0.08 ms cpu, 4->4->2 MB, 5 MB goal, 4 P',
      '  P0: status=1 schedtick=9 syscalltick=0 m=3 runqsize=0 gfreecnt=0 timerslen=0',
      'P0: status=1',
      'SCHED',
      '',
      'hôte SCHED 1ms:',
    );
    const name = fc.constantFrom('api', 'ecs/api/1', '', 'wörker', 'a"b', 'x\\y', 'pod-1');
    const scalar: fc.Arbitrary<unknown> = fc.oneof(
      text,
      name,
      fc.constantFrom(null, true, false, 0, -1.5e3, 12, [], {}, [1, 'a', { b: null }]),
    );
    const podHolder = fc.dictionary(
      fc.constantFrom('pod_name', 'container_name', 'pod', 'container', 'namespace_name', 'labels'),
      fc.oneof(name, scalar, fc.constant({ name: 'n' })),
    );
    const key = fc.constantFrom(
      'MESSAGE',
      'message',
      'msg',
      'textPayload',
      'log',
      'line',
      '_SYSTEMD_UNIT',
      'SYSLOG_IDENTIFIER',
      'container_name',
      'logStreamName',
      'kubernetes',
      'resource',
      'jsonPayload',
      'labels',
      'timestamp',
      'date',
      'other',
    );
    const value = (k: string): fc.Arbitrary<unknown> =>
      k === 'kubernetes'
        ? fc.oneof(podHolder, scalar)
        : k === 'resource'
          ? fc.oneof(fc.record({ type: name, labels: fc.oneof(podHolder, scalar) }), scalar)
          : k === 'jsonPayload'
            ? fc.oneof(fc.record({ message: fc.oneof(text, scalar) }), scalar)
            : k === 'labels'
              ? fc.oneof(fc.dictionary(fc.constantFrom('app', 'pod'), name), scalar)
              : fc.oneof({ arbitrary: text, weight: 3 }, { arbitrary: scalar, weight: 1 });
    const member = fc
      .tuple(key, fc.constantFrom(':', ' : '))
      .chain(([k, colon]) => value(k).map((v) => `${JSON.stringify(k)}${colon}${JSON.stringify(v)}`));
    const record = fc
      .tuple(
        fc.array(member, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(',', ', ', ' ,'),
        fc.constantFrom('', ' '),
      )
      .map(([m, sep, pad]) => `{${pad}${m.join(sep)}${pad}}`);
    // Now and then a byte cut out or put in: JSON.parse must refuse what the walk refuses.
    const mutated = fc
      .tuple(record, fc.nat(), fc.constantFrom('', '"', ',', '\\', '}', ' ', 'x', '\u0001'))
      .map(([r, at, c]) =>
        c === '' ? r : `${r.slice(0, at % r.length)}${c}${r.slice((at % r.length) + (c === 'x' ? 1 : 0))}`,
      );
    let taken = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: record, weight: 3 }, { arbitrary: mutated, weight: 1 }), (line) => {
        const got = bytesRead(line);
        if (got === null) return;
        taken++;
        expect(envelopeRead(line)).toEqual(got);
      }),
      { numRuns: 20_000, seed: 4242 },
    );
    // The generator gives the byte reader enough to take.
    expect(taken).toBeGreaterThan(1000);
  });
});
