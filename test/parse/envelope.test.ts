import { describe, expect, it } from 'vitest';
import { unwrapLines, unwrapOne } from './envelope-helpers.js';

const SCHED =
  'SCHED 1004ms: gomaxprocs=4 idleprocs=1 threads=9 spinningthreads=1 needspinning=0 idlethreads=2 runqueue=3 [ 1 0 2 0 ] schedticks=[ 5 6 7 8 ]';
const P0 = '  P0: status=1 schedtick=12 syscalltick=3 m=0 runqsize=1 gfreecnt=0 timerslen=0';

describe('plain lines', () => {
  it('pass through untouched with envelope none', () => {
    const { out } = unwrapLines([SCHED, P0, '', 'idleprocs=1 threads=9']);
    expect(out).toEqual([
      { text: SCHED, line: 1, physicalLines: 1, stream: '', wallTime: undefined, envelope: 'none' },
      { text: P0, line: 2, physicalLines: 1, stream: '', wallTime: undefined, envelope: 'none' },
      { text: '', line: 3, physicalLines: 1, stream: '', wallTime: undefined, envelope: 'none' },
      { text: 'idleprocs=1 threads=9', line: 4, physicalLines: 1, stream: '', wallTime: undefined, envelope: 'none' },
    ]);
  });

  it('strips CRLF endings and a BOM on the first line only', () => {
    const { out } = unwrapLines([`\uFEFF${SCHED}\r`, `${P0}\r`, '\uFEFFx\r']);
    expect(out.map((l) => l.text)).toEqual([SCHED, P0, '\uFEFFx']);
  });

  it('returns the very same string for a plain line (no copy)', () => {
    const line = `${SCHED} `;
    expect(unwrapOne(line).text).toBe(line);
  });
});

describe('RFC 3339 timestamp prefix', () => {
  it.each([
    ['2026-11-27T06:41:02.123456789Z', SCHED],
    ['2026-11-27T06:41:02Z', P0],
    ['2026-11-27T07:41:02.5+01:00', SCHED],
    ['2026-11-27T01:11:02.000-05:30', ''],
  ])('%s', (ts, text) => {
    expect(unwrapOne(`${ts} ${text}`)).toEqual({
      text,
      line: 1,
      physicalLines: 1,
      stream: '',
      wallTime: ts,
      envelope: 'rfc3339',
    });
  });

  it('needs the T, a zone and a space; otherwise the line is application text', () => {
    for (const line of [
      '2026-11-27 06:41:02 SCHED 0ms: gomaxprocs=1',
      '2026-11-27T06:41:02 SCHED 0ms: gomaxprocs=1',
      '2026-11-27T06:41:02.1Z\tINFO served',
      '2026/11/27 06:41:02 http: served',
      '2026-11-27T06:41:02+0100 text',
    ]) {
      expect(unwrapOne(line)).toMatchObject({ text: line, envelope: 'none' });
    }
  });
});

describe('containerd / CRI', () => {
  it('unwraps F lines with their time; stdout and stderr both', () => {
    const { out } = unwrapLines([
      `2026-11-27T06:41:02.123456789Z stderr F ${SCHED}`,
      `2026-11-27T06:41:02.2Z stdout F hello`,
      '2026-11-27T06:41:02.3Z stderr F ',
    ]);
    expect(out).toEqual([
      {
        text: SCHED,
        line: 1,
        physicalLines: 1,
        stream: '',
        wallTime: '2026-11-27T06:41:02.123456789Z',
        envelope: 'cri',
      },
      { text: 'hello', line: 2, physicalLines: 1, stream: '', wallTime: '2026-11-27T06:41:02.2Z', envelope: 'cri' },
      { text: '', line: 3, physicalLines: 1, stream: '', wallTime: '2026-11-27T06:41:02.3Z', envelope: 'cri' },
    ]);
  });

  it('joins P chunks until the F of the same stream, leaving the other stream alone', () => {
    const ts = '2026-11-27T06:41:02.100000000Z';
    const { out, diagnostics } = unwrapLines([
      `${ts} stderr P ${SCHED.slice(0, 40)}`,
      `2026-11-27T06:41:02.100000001Z stdout F app line`,
      `2026-11-27T06:41:02.100000002Z stderr P ${SCHED.slice(40, 90)}`,
      `2026-11-27T06:41:02.100000003Z stderr F ${SCHED.slice(90)}`,
      `2026-11-27T06:41:02.2Z stderr F ${P0}`,
    ]);
    expect(diagnostics).toEqual([]);
    expect(out).toEqual([
      {
        text: 'app line',
        line: 2,
        physicalLines: 1,
        stream: '',
        wallTime: '2026-11-27T06:41:02.100000001Z',
        envelope: 'cri',
      },
      { text: SCHED, line: 1, physicalLines: 3, stream: '', wallTime: ts, envelope: 'cri' },
      { text: P0, line: 5, physicalLines: 1, stream: '', wallTime: '2026-11-27T06:41:02.2Z', envelope: 'cri' },
    ]);
  });

  it('emits a P never completed, with the unterminated-partial diagnostic', () => {
    const { out, diagnostics } = unwrapLines([
      'x',
      '2026-11-27T06:41:02Z stderr P SCHED 9ms: gomaxp',
      '2026-11-27T06:41:02Z stderr P rocs=1',
    ]);
    expect(out[1]).toEqual({
      text: 'SCHED 9ms: gomaxprocs=1',
      line: 2,
      physicalLines: 2,
      stream: '',
      wallTime: '2026-11-27T06:41:02Z',
      envelope: 'cri',
    });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'unterminated-partial', line: 2, severity: 'warning' });
  });

  it('does not take look-alikes for CRI', () => {
    expect(unwrapOne('2026-11-27T06:41:02Z stderr X text')).toMatchObject({
      envelope: 'rfc3339',
      text: 'stderr X text',
    });
    expect(unwrapOne('2026-11-27T06:41:02Z stdin F text')).toMatchObject({ envelope: 'rfc3339', text: 'stdin F text' });
  });
});

describe('docker json-file', () => {
  const rec = (log: string, stream = 'stderr', time = '2026-11-27T06:41:02.123456789Z') =>
    JSON.stringify({ log, stream, time });

  it('unwraps a record, dropping the \\n (and a \\r before it)', () => {
    const { out } = unwrapLines([rec(`${SCHED}\n`), rec(`${P0}\r\n`, 'stdout', '2026-11-27T06:41:03Z')]);
    expect(out).toEqual([
      {
        text: SCHED,
        line: 1,
        physicalLines: 1,
        stream: '',
        wallTime: '2026-11-27T06:41:02.123456789Z',
        envelope: 'docker-json',
      },
      { text: P0, line: 2, physicalLines: 1, stream: '', wallTime: '2026-11-27T06:41:03Z', envelope: 'docker-json' },
    ]);
  });

  it('joins records split at 16 KiB until the one ending in \\n', () => {
    const long = `${SCHED} ${'x'.repeat(40000)}`;
    const parts = [long.slice(0, 16384), long.slice(16384, 32768), `${long.slice(32768)}\n`];
    const { out, diagnostics } = unwrapLines([
      rec(parts[0]!),
      rec('other\n', 'stdout'),
      rec(parts[1]!),
      rec(parts[2]!),
    ]);
    expect(diagnostics).toEqual([]);
    expect(out.map((l) => [l.text, l.line, l.physicalLines])).toEqual([
      ['other', 2, 1],
      [long, 1, 3],
    ]);
  });

  it('decodes JSON escapes (quotes, backslashes, unicode, ANSI)', () => {
    expect(unwrapOne(rec('a "b" \\ \u00e9 \u001b[31mred\n')).text).toBe('a "b" \\ \u00e9 \u001b[31mred');
  });

  it('reads the text of a JSON record from MESSAGE, message, msg or textPayload, with its time', () => {
    expect(unwrapOne(JSON.stringify({ __REALTIME_TIMESTAMP: '1795761662123559', MESSAGE: SCHED }))).toMatchObject({
      text: SCHED,
      wallTime: '2026-11-27T06:41:02.123Z',
      envelope: 'json-record',
    });
    expect(unwrapOne(JSON.stringify({ timestamp: '2026-11-27T06:41:02Z', message: `${P0}\n` }))).toMatchObject({
      text: P0,
      wallTime: '2026-11-27T06:41:02Z',
      envelope: 'json-record',
    });
    expect(unwrapOne(JSON.stringify({ textPayload: SCHED, severity: 'ERROR' }))).toMatchObject({
      text: SCHED,
      wallTime: undefined,
      envelope: 'json-record',
    });
    // An application's own JSON log line is unwrapped too: its text is then foreign, as before.
    expect(unwrapOne('{"level":"info","msg":"hi"}')).toMatchObject({ text: 'hi', envelope: 'json-record' });
  });

  it("names the record's stream by the program that wrote it, never by its process id", () => {
    const journal = { MESSAGE: SCHED, _SYSTEMD_UNIT: 'api.service', SYSLOG_IDENTIFIER: 'api', _PID: '100' };
    expect(unwrapOne(JSON.stringify(journal))).toMatchObject({ stream: 'api.service' });
    expect(unwrapOne(JSON.stringify({ ...journal, _SYSTEMD_UNIT: undefined }))).toMatchObject({ stream: 'api' });
    expect(
      unwrapOne(
        JSON.stringify({ log: SCHED, kubernetes: { pod_name: 'api-7d9', container_name: 'app', namespace_name: 'x' } }),
      ),
    ).toMatchObject({ envelope: 'docker-json', stream: 'pod/api-7d9/app' });
    expect(
      unwrapOne(JSON.stringify({ message: SCHED, kubernetes: { pod_name: 'api-7d9', container_name: 'app' } })),
    ).toMatchObject({ stream: 'pod/api-7d9/app' });
    expect(unwrapOne(JSON.stringify({ message: SCHED, container_name: '/web-1' }))).toMatchObject({ stream: '/web-1' });
    // Fluent Bit's default record starts with its `date` key; docker's fluentd driver drops the newline.
    const fluentBit = { date: 1764697200.05, log: `${SCHED}\n`, stream: 'stderr', time: '2025-12-02T17:40:00Z' };
    expect(
      unwrapOne(JSON.stringify({ ...fluentBit, kubernetes: { pod_name: 'api-7d9', container_name: 'app' } })),
    ).toMatchObject({ text: SCHED, stream: 'pod/api-7d9/app', envelope: 'json-record' });
    expect(unwrapOne(JSON.stringify({ log: SCHED, container_name: '/api' }))).toMatchObject({
      text: SCHED,
      stream: '/api',
      envelope: 'docker-json',
    });
    expect(unwrapOne(JSON.stringify({ message: SCHED }))).toMatchObject({ stream: '' });
  });

  it('leaves other JSON and broken records as plain lines', () => {
    for (const line of [
      '{"level":"info","event":"hi"}',
      '{"msg":"no closing brace"',
      '["msg", "an array"]',
      '{"log":"cut short',
      '{"log":42,"stream":"stderr"}',
      ' {"log":"x\\n"}',
    ]) {
      expect(unwrapOne(line)).toMatchObject({ text: line, envelope: 'none' });
    }
  });
});

describe('journald', () => {
  it('short format: the identifier without its [pid] is the stream (a restart is a new pid); no year, so no wall time', () => {
    expect(unwrapOne(`Nov 27 06:41:02 node-7 gosched-api[2417]: ${SCHED}`)).toEqual({
      text: SCHED,
      line: 1,
      physicalLines: 1,
      stream: 'gosched-api',
      wallTime: undefined,
      envelope: 'journald',
    });
    expect(unwrapOne(`Nov  7 06:41:02.123456 host app.service[1]:   P0: status=1`)).toMatchObject({
      text: '  P0: status=1',
      stream: 'app.service',
    });
    expect(unwrapOne('Jan 01 00:00:00 host kernel: oops')).toMatchObject({ text: 'oops', stream: 'kernel' });
  });

  it('short-iso: the time becomes ISO 8601 with a colon in the offset', () => {
    expect(unwrapOne(`2026-11-27T06:41:02+0000 node-7 worker[99]: ${SCHED}`)).toEqual({
      text: SCHED,
      line: 1,
      physicalLines: 1,
      stream: 'worker',
      wallTime: '2026-11-27T06:41:02+00:00',
      envelope: 'journald',
    });
    expect(unwrapOne('2026-11-27T07:41:02.123456+01:00 h w[1]: x')).toMatchObject({
      wallTime: '2026-11-27T07:41:02.123456+01:00',
      text: 'x',
    });
  });

  it('short-unix: seconds since the epoch, the identifier as the stream', () => {
    expect(unwrapOne(`1764697200.050000 host1 api[100]: ${SCHED}`)).toEqual({
      text: SCHED,
      line: 1,
      physicalLines: 1,
      stream: 'api',
      wallTime: '2025-12-02T17:40:00.050Z',
      envelope: 'journald',
    });
    expect(unwrapOne(`1764697200.05 ${SCHED}`)).toMatchObject({ envelope: 'none' });
  });

  it('does not take look-alikes for journald', () => {
    expect(unwrapOne(`2026-11-27T06:41:02Z ${SCHED}`)).toMatchObject({ envelope: 'rfc3339', text: SCHED });
    expect(unwrapOne('Nov 27 06:41:02 something happened here')).toMatchObject({ envelope: 'none' });
    expect(unwrapOne('Now 27 06:41:02 host unit[1]: x')).toMatchObject({ envelope: 'none' });
  });
});

describe('docker compose prefixes', () => {
  it.each([
    ['api-1  | ', 'api-1'],
    ['worker-1  | ', 'worker-1'],
    ['api_1 | ', 'api_1'],
    ['my.svc_db-12    | ', 'my.svc_db-12'],
    ['web  | ', 'web'],
  ])('%j', (prefix, name) => {
    expect(unwrapOne(prefix + SCHED)).toEqual({
      text: SCHED,
      line: 1,
      physicalLines: 1,
      stream: name,
      wallTime: undefined,
      envelope: 'compose',
    });
  });

  it('keeps the text after "| " exactly (detail lines start with spaces)', () => {
    expect(unwrapOne(`api-1  | ${P0}`).text).toBe(P0);
    expect(unwrapOne('api-1  |').text).toBe('');
  });

  it('strips ANSI colour codes around the prefix', () => {
    expect(unwrapOne(`\x1b[36mapi-1  | \x1b[0m${SCHED}`)).toMatchObject({
      text: SCHED,
      stream: 'api-1',
      envelope: 'compose',
    });
    expect(unwrapOne(`\x1b[1;33mworker-1\x1b[0m  | ${P0}`)).toMatchObject({ text: P0, stream: 'worker-1' });
  });

  it('does not take program output for a prefix', () => {
    for (const line of [
      'foo | bar',
      'Name | Value',
      'result: foo  | bar',
      '| a | b |',
      'a  |b',
      SCHED,
      'gc 1 @0.012s 2%: 0.1+0.2+0.3 ms clock',
      '\x1b[31merror\x1b[0m: x | y',
    ]) {
      expect(unwrapOne(line)).toMatchObject({ text: line, envelope: 'none', stream: '' });
    }
  });
});

describe('kubectl --prefix', () => {
  it('names the pod and container as the stream', () => {
    expect(unwrapOne(`[pod/api-7d9f-x2/app] ${SCHED}`)).toEqual({
      text: SCHED,
      line: 1,
      physicalLines: 1,
      stream: 'pod/api-7d9f-x2/app',
      wallTime: undefined,
      envelope: 'kubectl-prefix',
    });
  });

  it('does not take runtime text in brackets for a prefix', () => {
    for (const line of [
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]',
      '[pod/x] text',
      '[pod/a b/c] text',
    ]) {
      expect(unwrapOne(line)).toMatchObject({ text: line, envelope: 'none' });
    }
  });
});

describe('nested envelopes', () => {
  it('compose --timestamps: service name from the prefix, time from inside', () => {
    expect(unwrapOne(`api-1  | 2026-11-27T06:41:02.123456789Z ${SCHED}`)).toEqual({
      text: SCHED,
      line: 1,
      physicalLines: 1,
      stream: 'api-1',
      wallTime: '2026-11-27T06:41:02.123456789Z',
      envelope: 'compose',
    });
  });

  it('journald around an RFC 3339 prefix gives the inner (precise) time', () => {
    expect(unwrapOne(`Nov 27 06:41:02 h app[7]: 2026-11-27T06:41:02.5Z ${P0}`)).toMatchObject({
      text: P0,
      stream: 'app',
      wallTime: '2026-11-27T06:41:02.5Z',
      envelope: 'journald',
    });
  });

  it('kubectl --prefix --timestamps, and CRI chunks joined before the inner layer is read', () => {
    expect(unwrapOne(`[pod/p/c] 2026-11-27T06:41:02Z ${SCHED}`)).toMatchObject({
      text: SCHED,
      stream: 'pod/p/c',
      wallTime: '2026-11-27T06:41:02Z',
    });
    const { out } = unwrapLines([
      '2026-11-27T06:41:03Z stdout P api-1  | 2026-11-27T',
      `2026-11-27T06:41:03Z stdout F 06:41:02Z ${SCHED}`,
    ]);
    expect(out).toEqual([
      { text: SCHED, line: 1, physicalLines: 2, stream: 'api-1', wallTime: '2026-11-27T06:41:02Z', envelope: 'cri' },
    ]);
  });

  it('joins two named layers with ":" and stops after three layers', () => {
    expect(unwrapOne(`Nov 27 06:41:02 h dc[3]: api-1  | ${SCHED}`)).toMatchObject({
      stream: 'dc:api-1',
      text: SCHED,
    });
    const four = `Nov 27 06:41:02 h dc[3]: api-1  | [pod/p/c] 2026-11-27T06:41:02Z ${SCHED}`;
    expect(unwrapOne(four).text).toBe(`2026-11-27T06:41:02Z ${SCHED}`);
  });
});

describe('line accounting', () => {
  it('covers every physical line exactly once in a mixed log', () => {
    const lines = [
      SCHED,
      `2026-11-27T06:41:02Z stderr P ${SCHED.slice(0, 10)}`,
      `api-1  | ${P0}`,
      JSON.stringify({ log: 'a', stream: 'stderr', time: 't' }),
      `2026-11-27T06:41:02Z stderr F ${SCHED.slice(10)}`,
      JSON.stringify({ log: 'b\n', stream: 'stderr', time: 't' }),
      `Nov 27 06:41:02 h u[1]: x`,
      JSON.stringify({ log: 'never ended', stream: 'stdout', time: 't' }),
    ];
    const { out, diagnostics } = unwrapLines(lines);
    expect(out.reduce((n, l) => n + l.physicalLines, 0)).toBe(lines.length);
    expect(out.map((l) => l.line).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 7, 8]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['unterminated-partial', 8]]);
  });
});

describe('Grafana Loki (logcli query)', () => {
  const G = '  G1: status=4(semacquire) m=nil lockedm=nil';

  it('default output: the label set names the stream, the padding goes, trimmed P, M and G lines get their indent back', () => {
    const { out } = unwrapLines([
      `2026-11-27T06:41:02Z {pod="api-7d9f-x2"}    ${SCHED}`,
      `2026-11-27T06:41:02Z {pod="api-7d9f-x2"}    ${P0.trim()}`,
      `2026-11-27T06:41:02Z {pod="api-7d9f-q8zl1"} ${G.trim()}`,
      `2026-11-27T06:41:03Z {} ${SCHED}`,
      '2026-11-27T06:41:03Z {app="a \\"b\\", c", pod="x"} Polling: 3 items',
    ]);
    expect(out.map((l) => [l.text, l.stream, l.wallTime, l.envelope])).toEqual([
      [SCHED, '{pod="api-7d9f-x2"}', '2026-11-27T06:41:02Z', 'rfc3339'],
      [P0, '{pod="api-7d9f-x2"}', '2026-11-27T06:41:02Z', 'rfc3339'],
      [G, '{pod="api-7d9f-q8zl1"}', '2026-11-27T06:41:02Z', 'rfc3339'],
      [SCHED, '', '2026-11-27T06:41:03Z', 'rfc3339'],
      ['Polling: 3 items', '{app="a \\"b\\", c", pod="x"}', '2026-11-27T06:41:03Z', 'rfc3339'],
    ]);
  });

  it('takes neither a JSON log nor braces in program text for labels', () => {
    for (const text of ['{"level":"info","msg":"x"}', '{pod=x} y', '{ pod="x"} y', '{pod="x"}y']) {
      expect(unwrapOne(`2026-11-27T06:41:02Z ${text}`)).toMatchObject({ text, stream: '' });
      // Unwrapped at the outer layer, a JSON log is a record of its own (json-record); labels never.
      if (!text.startsWith('{"')) expect(unwrapOne(text)).toMatchObject({ text, envelope: 'none' });
    }
  });

  it('--output=jsonl: the labels name the stream as Loki prints them', () => {
    const rec = (labels: object, line: string) =>
      JSON.stringify({ labels, line, timestamp: '2026-11-27T06:41:02.123+00:00' });
    const { out } = unwrapLines([rec({ pod: 'b', app: 'api' }, SCHED), rec({}, P0.trim())]);
    expect(out.map((l) => [l.text, l.stream, l.wallTime])).toEqual([
      [SCHED, '{app="api", pod="b"}', '2026-11-27T06:41:02.123+00:00'],
      [P0, '', '2026-11-27T06:41:02.123+00:00'],
    ]);
  });
});

describe('Google Cloud Logging entries', () => {
  it('names the GKE pod and container of the resource; a structured entry’s message is its text', () => {
    const entry = (payload: object, pod: string) =>
      JSON.stringify({
        resource: {
          type: 'k8s_container',
          labels: { namespace_name: 'default', pod_name: pod, container_name: 'app' },
        },
        ...payload,
        timestamp: '2026-11-27T06:41:02.123456Z',
      });
    const { out } = unwrapLines([
      entry({ textPayload: SCHED }, 'api-1'),
      entry({ jsonPayload: { message: SCHED, level: 'error' } }, 'api-2'),
    ]);
    expect(out.map((l) => [l.text, l.stream, l.envelope])).toEqual([
      [SCHED, 'pod/api-1/app', 'json-record'],
      [SCHED, 'pod/api-2/app', 'json-record'],
    ]);
  });
});

describe('AWS CloudWatch Logs', () => {
  const TS = '2026-11-27T06:41:02.123000+00:00';

  it('aws logs tail: the log stream names the stream, the message keeps its indent', () => {
    const { out } = unwrapLines([
      `${TS} ecs/api/1f2e3d4c ${SCHED}`,
      `${TS} ecs/api/1f2e3d4c ${P0}`,
      `${TS} 2026/11/27/[$LATEST]9a8b panic: boom`,
    ]);
    expect(out.map((l) => [l.text, l.stream, l.wallTime, l.envelope])).toEqual([
      [SCHED, 'ecs/api/1f2e3d4c', TS, 'cloudwatch'],
      [P0, 'ecs/api/1f2e3d4c', TS, 'cloudwatch'],
      ['panic: boom', '2026/11/27/[$LATEST]9a8b', TS, 'cloudwatch'],
    ]);
  });

  it('takes no runtime text for a stream, and leaves journald and other timestamps alone', () => {
    for (const text of [SCHED, 'gc 1 @0.012s 2%: 0.1+0.2+0.3 ms clock', 'panic: boom', 'fatal error: x'])
      expect(unwrapOne(`${TS} ${text}`)).toMatchObject({ text, stream: '', envelope: 'rfc3339' });
    expect(unwrapOne(`${TS} node-7 api[2417]: ${SCHED}`)).toMatchObject({
      text: SCHED,
      stream: 'api',
      envelope: 'journald',
    });
    expect(unwrapOne(`2026-11-27T06:41:02.123456789Z ecs/api/1 ${SCHED}`)).toMatchObject({
      text: `ecs/api/1 ${SCHED}`,
      envelope: 'rfc3339',
    });
  });

  it('filter-log-events events: logStreamName names the stream, the time in ms is the wall time', () => {
    const { out } = unwrapLines([
      JSON.stringify({ logStreamName: 'ecs/api/9a8b', timestamp: 1764225662123, message: SCHED, eventId: '1' }),
    ]);
    expect(out[0]).toMatchObject({ text: SCHED, stream: 'ecs/api/9a8b', wallTime: '2025-11-27T06:41:02.123Z' });
  });
});

describe('Filebeat (Elastic Common Schema)', () => {
  it('names the pod and container of kubernetes.pod.name and kubernetes.container.name', () => {
    const doc = JSON.stringify({
      '@timestamp': '2026-11-27T06:41:02.123Z',
      message: SCHED,
      kubernetes: { namespace: 'default', pod: { name: 'api-7d9f-x2', uid: 'u' }, container: { name: 'app' } },
      stream: 'stderr',
    });
    expect(unwrapOne(doc)).toMatchObject({
      text: SCHED,
      stream: 'pod/api-7d9f-x2/app',
      wallTime: '2026-11-27T06:41:02.123Z',
    });
  });
});

describe('Heroku log stream', () => {
  const TS = '2026-12-02T10:00:00.123456+00:00';
  it('the dyno names the stream; the platform’s own lines are its own', () => {
    const { out } = unwrapLines([
      `${TS} app[web.1]: ${SCHED}`,
      `${TS} app[web.2]: ${P0}`,
      `${TS} heroku[router]: at=info method=GET path="/" status=200`,
      `${TS} app[worker.1]:`,
    ]);
    expect(out.map((l) => [l.text, l.stream, l.wallTime, l.envelope])).toEqual([
      [SCHED, 'web.1', TS, 'heroku'],
      [P0, 'web.2', TS, 'heroku'],
      ['at=info method=GET path="/" status=200', 'heroku[router]', TS, 'heroku'],
      ['', 'worker.1', TS, 'heroku'],
    ]);
  });
});
