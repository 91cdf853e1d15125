#!/usr/bin/env node
// Wrap real schedtrace logs (samples/go1.26/*.log) in the envelopes log shippers add,
// writing samples/envelopes/*. The log TEXT is real; the envelope (timestamps, stream
// tags, unit/container names, partial-line splits, CRLF, foreign lines) is applied here.
// Deterministic: the same inputs give byte-identical outputs. Plain Node, no deps.
//
//   node scripts/wrap-envelopes.mjs [samplesDir]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samples = path.resolve(process.argv[2] ?? path.join(root, 'samples'));
const src = path.join(samples, 'go1.26');
const out = path.join(samples, 'envelopes');
fs.mkdirSync(out, { recursive: true });

const MAX = 100; // lines taken from each source log
const BASE = Date.UTC(2026, 10, 27, 6, 41, 2, 123); // 2026-11-27T06:41:02.123Z
const index = [];

// Small seeded PRNG (mulberry32) for sub-millisecond jitter.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function read(name, max = MAX) {
  const f = path.join(src, name);
  if (!fs.existsSync(f)) return null;
  const lines = fs.readFileSync(f, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.slice(0, max);
}

// Attach a wall-clock time (ns since epoch, as BigInt) to each line: SCHED lines use
// their own "<ms>ms" offset; other lines (P/M/G, panic text) inherit the previous one
// plus a few microseconds.
function timed(lines, seed, offsetMs = 0) {
  const r = rng(seed);
  let t = BigInt(BASE + offsetMs) * 1000000n;
  return lines.map((text) => {
    const m = /^SCHED (\d+)ms:/.exec(text);
    if (m) t = BigInt(BASE + offsetMs + Number(m[1])) * 1000000n + BigInt(Math.floor(r() * 900000));
    else t += BigInt(1000 + Math.floor(r() * 20000));
    return { t, text };
  });
}

function rfc3339(ns, digits = 9) {
  const ms = Number(ns / 1000000n);
  const frac = (ns % 1000000000n).toString().padStart(9, '0').slice(0, digits);
  return new Date(ms).toISOString().slice(0, 19) + (digits ? '.' + frac : '') + 'Z';
}

function journalTime(ns) {
  const d = new Date(Number(ns / 1000000n));
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n) => String(n).padStart(2, '0');
  return `${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function merge(a, b) {
  return [...a, ...b].sort((x, y) => (x.t < y.t ? -1 : x.t > y.t ? 1 : 0));
}

function write(file, envelope, sources, body) {
  fs.writeFileSync(path.join(out, file), body);
  const lines = typeof body === 'string' ? body.split('\n').length - (body.endsWith('\n') ? 1 : 0) : null;
  index.push({ file, envelope, sources: sources.map((s) => `go1.26/${s}`), lines });
  console.log(`  envelopes/${file}`);
}

// 1. containerd / Kubernetes CRI: "<RFC3339Nano> stderr F <text>"; lines longer than
//    120 chars are split into "P" partial chunks (the real split is at 16 KiB; the
//    small size here just makes the case appear), the last chunk tagged "F".
{
  const name = 'gcheavy-p4-detail-100ms.log';
  const lines = read(name);
  if (lines) {
    const body = timed(lines, 1).flatMap(({ t, text }) => {
      const ts = rfc3339(t);
      if (text.length <= 120) return [`${ts} stderr F ${text}`];
      const chunks = [];
      for (let i = 0; i < text.length; i += 64) chunks.push(text.slice(i, i + 64));
      return chunks.map((c, i) => `${ts} stderr ${i === chunks.length - 1 ? 'F' : 'P'} ${c}`);
    });
    write(
      'cri-containerd.log',
      'containerd/Kubernetes CRI (`<RFC3339Nano> stderr F|P <text>`, lines >120 chars split into P chunks of 64)',
      [name],
      body.join('\n') + '\n',
    );
  }
}

// 2. docker json-file: {"log":"<text>\n","stream":"stderr","time":"<RFC3339Nano>"}
{
  const name = 'crash-50ms.log';
  const lines = read(name);
  if (lines) {
    const body = timed(lines, 2).map(({ t, text }) =>
      JSON.stringify({ log: text + '\n', stream: 'stderr', time: rfc3339(t) }),
    );
    write(
      'docker-json-file.log',
      'docker json-file (`{"log":…,"stream":"stderr","time":…}`)',
      [name],
      body.join('\n') + '\n',
    );
  }
}

// 2b. One JSON object per line with the text in a field of the shipper's: Fluent Bit's `message`
// (with its Kubernetes metadata), and journalctl -o json's `MESSAGE` with `__REALTIME_TIMESTAMP`.
function jsonRecords(file, envelope, source, seed, record) {
  const lines = read(source);
  if (!lines) return;
  const body = timed(lines, seed).map(({ t, text }) => JSON.stringify(record(t, text)));
  write(file, envelope, [source], body.join('\n') + '\n');
}
jsonRecords(
  'json-message.log',
  'a JSON object per line with the text in `message` (Fluent Bit, Vector): gctrace lines between the dumps',
  'gcheavy-gctrace-p4-50ms-a.log',
  21,
  (t, text) => ({
    timestamp: rfc3339(t),
    message: text,
    kubernetes: { pod_name: 'api-7d9f-x2', container_name: 'api' },
    stream: 'stderr',
  }),
);
jsonRecords(
  'journald-json.log',
  'journalctl -o json (`MESSAGE`, `__REALTIME_TIMESTAMP`): scheddetail P, M and G lines keep their indentation',
  'gcheavy-p4-detail-100ms.log',
  22,
  (t, text) => ({
    __REALTIME_TIMESTAMP: (t / 1000n).toString(),
    _PID: '2417',
    SYSLOG_IDENTIFIER: 'api',
    MESSAGE: text,
  }),
);

// 3. journald short format, two units interleaved in time order.
{
  const a = 'oversub-p2-20ms-a.log',
    b = 'syscalls-p2-50ms-a.log';
  const la = read(a),
    lb = read(b);
  if (la && lb) {
    const ta = timed(la, 3).map((x) => ({ ...x, unit: 'gosched-api[2417]' }));
    const tb = timed(lb, 4, 7).map((x) => ({ ...x, unit: 'batch-worker[2419]' }));
    const body = merge(ta, tb).map(({ t, text, unit }) => `${journalTime(t)} node-7 ${unit}: ${text}`);
    write(
      'journald-short.log',
      'journald short (`Nov 27 06:41:02 host unit[pid]: <text>`), two units interleaved',
      [a, b],
      body.join('\n') + '\n',
    );
  }
}

// 4. docker compose: "<service>-<n>" left-aligned to the longest name + 1, then "| ".
{
  const a = 'seed-p4-100ms-a.log',
    b = 'gosched-p4-50ms-a.log';
  const la = read(a),
    lb = read(b);
  if (la && lb) {
    const names = ['api-1', 'worker-1'];
    const width = Math.max(...names.map((n) => n.length)) + 1;
    const ta = timed(la, 5).map((x) => ({ ...x, who: names[0] }));
    const tb = timed(lb, 6, 3).map((x) => ({ ...x, who: names[1] }));
    const body = merge(ta, tb).map(({ text, who }) => `${who.padEnd(width)} | ${text}`);
    write(
      'compose.log',
      'docker compose prefixes (`api-1     | `, `worker-1  | `), two logs interleaved',
      [a, b],
      body.join('\n') + '\n',
    );
  }
}

// 5. RFC3339 timestamp prefix (as `docker logs --timestamps` / kubectl --timestamps).
{
  const name = 'pingpong-p4-5ms-a.log';
  const lines = read(name);
  if (lines) {
    const body = timed(lines, 7).map(({ t, text }) => `${rfc3339(t)} ${text}`);
    write(
      'rfc3339-prefixed.log',
      'RFC3339Nano timestamp prefix (`2026-11-27T06:41:02.123456789Z <text>`)',
      [name],
      body.join('\n') + '\n',
    );
  }
}

// 6. CRLF line endings.
{
  const name = 'netpoll-p2-detail-200ms.log';
  const lines = read(name);
  if (lines) write('crlf.log', 'CRLF line endings', [name], lines.join('\r\n') + '\r\n');
}

// 7. gzip of one whole plain log.
{
  const name = 'overflow-p1-10ms-a.log';
  const f = path.join(src, name);
  if (fs.existsSync(f)) {
    write(
      'overflow-p1-10ms-a.log.gz',
      'gzip of the whole plain log',
      [name],
      zlib.gzipSync(fs.readFileSync(f), { level: 9, mtime: 0 }),
    );
  }
}

// 8. mixed-foreign: a real schedtrace+gctrace capture interleaved with application
//    text lines, JSON log lines, and (at the end) the real panic + dump of the crash log.
//    One application write lands in the middle of a SCHED line, as unsynchronised
//    writes to fd 2 can do.
{
  const a = 'gcheavy-p4-gctrace-50ms.log',
    c = 'crash-50ms.log';
  const la = read(a, 60);
  const lc = read(c, 1000);
  if (la && lc) {
    const r = rng(8);
    // wall-clock time of the n-th foreign line: 50 ms apart from the base time
    const at = (i) => new Date(BASE + i * 50);
    const hms = (i) => at(i).toISOString().slice(11, 19);
    const app = [
      (i) => `2026/11/27 ${hms(i)} INFO http: served /api/v1/orders in ${(r() * 40).toFixed(1)}ms status=200`,
      (i) =>
        JSON.stringify({
          level: 'info',
          ts: (BASE + i * 50) / 1000,
          caller: 'worker/pool.go:88',
          msg: 'batch done',
          items: 128 + i,
          dur_ms: Math.round(r() * 90),
        }),
      (i) =>
        `time="${at(i).toISOString().slice(0, 19)}Z" level=warning msg="slow query" table=orders elapsed=${Math.round(150 + r() * 300)}ms`,
      (i) =>
        JSON.stringify({
          time: at(i).toISOString(),
          level: 'ERROR',
          msg: 'upstream timeout',
          err: 'context deadline exceeded',
          attempt: 1 + (i % 3),
        }),
    ];
    const body = [];
    let n = 0,
      splitDone = false;
    la.forEach((line, i) => {
      if (!splitDone && i > 10 && line.startsWith('SCHED ') && line.length > 60) {
        const cut = line.indexOf(' idlethreads=');
        body.push(line.slice(0, cut) + app[0](n++));
        body.push(line.slice(cut));
        splitDone = true;
        return;
      }
      body.push(line);
      if (i % 4 === 3) body.push(app[n % app.length](n++));
    });
    // the crash capture: its SCHED lines, the runtime's detailed dump and the real panic trace
    body.push(app[1](n++), ...lc);
    write(
      'mixed-foreign.log',
      'real schedtrace+gctrace capture, then the real crash dump + panic trace, interleaved with application text/logfmt/JSON lines (one inserted mid-SCHED-line)',
      [a, c],
      body.join('\n') + '\n',
    );
  }
}

// 9. Grafana Loki, `logcli query` default output, two pods of one app: "<RFC3339> <labels> <line>",
//    the labels both share left out (logcli prints them once, to stderr), the sets padded to the
//    widest, each line trimmed (strings.TrimSpace: P, M and G lines lose their indent).
{
  const a = 'gcheavy-p4-detail-100ms.log',
    b = 'seed-p4-100ms-a.log';
  const la = read(a),
    lb = read(b);
  if (la && lb) {
    const sets = ['{pod="api-7d9f-x2"}', '{pod="api-7d9f-q8zl1"}'];
    const width = Math.max(...sets.map((x) => x.length));
    const ta = timed(la, 9).map((x) => ({ ...x, set: sets[0] }));
    const tb = timed(lb, 10, 5).map((x) => ({ ...x, set: sets[1] }));
    const body = merge(ta, tb).map(({ t, text, set }) => `${rfc3339(t, 0)} ${set.padEnd(width)} ${text.trim()}`);
    write(
      'loki-logcli.log',
      'Grafana Loki `logcli query` (`<RFC3339> {pod="…"} <line>`, labels padded, lines trimmed), two pods interleaved',
      [a, b],
      body.join('\n') + '\n',
    );
  }
}

// 10. Two more exports of two pods interleaved: `logcli query --output=jsonl` (`labels`, `line`,
//     `timestamp`) and Google Cloud Logging's entries of GKE containers (`textPayload`, the pod in
//     `resource.labels`).
{
  const a = 'oversub-p2-20ms-a.log',
    b = 'syscalls-p2-50ms-a.log';
  const la = read(a),
    lb = read(b);
  if (la && lb) {
    const pods = ['api-7d9f-x2', 'batch-5c4b-k7'];
    const ta = timed(la, 11).map((x) => ({ ...x, pod: pods[0] }));
    const tb = timed(lb, 12, 7).map((x) => ({ ...x, pod: pods[1] }));
    const both = merge(ta, tb);
    write(
      'loki-jsonl.log',
      'Grafana Loki `logcli query --output=jsonl` (`{"labels":{…},"line":…,"timestamp":…}`), two pods interleaved',
      [a, b],
      both
        .map(({ t, text, pod }) => JSON.stringify({ labels: { app: 'api', pod }, line: text, timestamp: rfc3339(t) }))
        .join('\n') + '\n',
    );
    write(
      'gcp-logging.log',
      'Google Cloud Logging entries of GKE containers (`textPayload`, `resource.labels.pod_name`), two pods interleaved',
      [a, b],
      both
        .map(({ t, text, pod }) =>
          JSON.stringify({
            insertId: `${pod}-${t % 100000n}`,
            resource: {
              type: 'k8s_container',
              labels: {
                project_id: 'shop-prod',
                location: 'europe-west1',
                cluster_name: 'prod',
                namespace_name: 'default',
                pod_name: pod,
                container_name: 'app',
              },
            },
            textPayload: text,
            timestamp: rfc3339(t),
            severity: 'ERROR',
            logName: 'projects/shop-prod/logs/stderr',
          }),
        )
        .join('\n') + '\n',
    );
  }
}

// 11. AWS CloudWatch Logs: `aws logs tail GROUP` (format detailed: `<isoformat µs +00:00> <log
//     stream> <message>`), two ECS tasks interleaved, one with scheddetail (the message is written
//     as it came, its indent kept); and `aws logs filter-log-events` events, one JSON object a line.
{
  const a = 'netpoll-p2-detail-200ms.log',
    b = 'pingpong-p4-5ms-a.log';
  const la = read(a),
    lb = read(b);
  if (la && lb) {
    const streams = ['ecs/api/1f2e3d4c5b6a4798', 'ecs/api/9a8b7c6d5e4f4312'];
    const ta = timed(la, 13).map((x) => ({ ...x, stream: streams[0] }));
    const tb = timed(lb, 14, 3).map((x) => ({ ...x, stream: streams[1] }));
    const both = merge(ta, tb);
    // CloudWatch keeps milliseconds; Python's isoformat prints them to the microsecond.
    const iso = (t) => `${new Date(Number(t / 1000000n)).toISOString().slice(0, 23)}000+00:00`;
    write(
      'aws-logs-tail.log',
      'AWS CloudWatch Logs, `aws logs tail` (`<2026-11-27T06:41:02.123000+00:00> <log stream> <message>`), two ECS tasks interleaved',
      [a, b],
      both.map(({ t, text, stream }) => `${iso(t)} ${stream} ${text}`.trimEnd()).join('\n') + '\n',
    );
    write(
      'aws-filter-log-events.log',
      'AWS CloudWatch Logs, `aws logs filter-log-events` events one per line (`logStreamName`, `message`, `timestamp` in ms)',
      [a, b],
      both
        .map(({ t, text, stream }, i) =>
          JSON.stringify({
            logStreamName: stream,
            timestamp: Number(t / 1000000n),
            message: text,
            ingestionTime: Number(t / 1000000n) + 212,
            eventId: String(37000000000000000000000000000000000000000000000000000000n + BigInt(i)),
          }),
        )
        .join('\n') + '\n',
    );
  }
}

// 12. Heroku's log stream (`heroku logs`): "<RFC 3339 µs +00:00> app[<dyno>]: <text>", two web
//     dynos interleaved.
{
  const a = 'seed-p4-100ms-a.log',
    b = 'gosched-p4-50ms-a.log';
  const la = read(a),
    lb = read(b);
  if (la && lb) {
    const ta = timed(la, 15).map((x) => ({ ...x, who: 'app[web.1]' }));
    const tb = timed(lb, 16, 4).map((x) => ({ ...x, who: 'app[web.2]' }));
    const iso = (t) =>
      `${new Date(Number(t / 1000000n)).toISOString().slice(0, 23)}${String(t % 1000000n)
        .padStart(6, '0')
        .slice(0, 3)}+00:00`;
    const body = merge(ta, tb).map(({ t, text, who }) => `${iso(t)} ${who}: ${text}`);
    write(
      'heroku.log',
      'Heroku log stream (`<time> app[web.1]: <text>`), two dynos interleaved',
      [a, b],
      body.join('\n') + '\n',
    );
  }
}

fs.writeFileSync(path.join(out, 'index.json'), JSON.stringify(index, null, 2) + '\n');
