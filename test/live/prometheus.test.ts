import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseText } from '../../src/parse/index.js';
import { startCli, type LiveCli } from '../helpers/live-cli.js';
import { ensureBuilt } from '../helpers/run-built-cli.js';
import { samplesDir } from '../helpers/samples.js';

const hasPrometheus = spawnSync('prometheus', ['--version'], { encoding: 'utf8' }).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

let dir: string;
let watch: LiveCli | undefined;
let prom: ChildProcess | undefined;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'gosched-prom-'));
});
afterAll(async () => {
  prom?.kill('SIGTERM');
  watch?.child.kill('SIGINT');
  await watch?.exited;
  rmSync(dir, { recursive: true, force: true });
});

describe('--metrics scraped by a real Prometheus server', () => {
  test.skipIf(hasPrometheus)('without prometheus on PATH: skipped', () => {
    console.log('SKIP Prometheus test: no `prometheus` on PATH (Debian: apt-get install prometheus)');
  });

  test.runIf(hasPrometheus)(
    'gauges per P and stream, finding counters and line counts, queried through the HTTP API',
    async () => {
      // Two compose services and one overflow run: stream labels, per-P gauges, findings.
      const log = join(dir, 'app.log');
      const compose = readFileSync(join(samplesDir, 'envelopes/compose.log'), 'utf8');
      const overflow = readFileSync(join(samplesDir, 'go1.26/overflow-p1-10ms-a.log'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => `batch-1  | ${l}`)
        .join('\n');
      writeFileSync(log, `${compose}${overflow}\nnot a trace line\n`);
      watch = startCli(['watch', log, '--quiet', '--metrics', '127.0.0.1:0', '--poll', '50']);
      await watch.waitFor(({ stderr }) => /metrics at http:\/\/\S+/.test(stderr));
      const target = /metrics at http:\/\/(\S+)\/metrics/.exec(watch.stderr())![1]!;

      // The exposition itself: OpenMetrics, ending in # EOF.
      const direct = await fetch(`http://${target}/metrics`);
      expect(direct.headers.get('content-type')).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
      expect((await direct.text()).trimEnd().endsWith('# EOF')).toBe(true);

      const port = await freePort();
      const config = join(dir, 'prometheus.yml');
      writeFileSync(
        config,
        `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: gosched\n    static_configs:\n      - targets: ['${target}']\n`,
      );
      prom = spawn(
        'prometheus',
        [
          `--config.file=${config}`,
          `--storage.tsdb.path=${join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
        ],
        { stdio: 'ignore' },
      );
      const api = `http://127.0.0.1:${port}/api/v1`;
      const query = async (q: string): Promise<Sample[]> => {
        const r = await fetch(`${api}/query?query=${encodeURIComponent(q)}`);
        const body = (await r.json()) as { status: string; data: { result: Sample[] } };
        expect(body.status).toBe('success');
        return body.data.result;
      };
      const until = Date.now() + 45_000;
      let up: Sample[] = [];
      while (Date.now() < until) {
        up = await query('gosched_dumps_total').catch(() => []);
        if (up.length === 3) break;
        await sleep(500);
      }
      expect(up.map((s) => s.metric.stream).sort()).toEqual(['api-1', 'batch-1', 'worker-1']);

      const snaps = parseText(`${compose}${overflow}\n`).snapshots;
      const last = (stream: string) => snaps.filter((s) => s.stream === stream).at(-1)!;
      const value = (rs: Sample[], labels: Record<string, string>) =>
        Number(rs.find((r) => Object.entries(labels).every(([k, v]) => r.metric[k] === v))?.value[1]);

      const dumps = await query('gosched_dumps_total');
      for (const stream of ['api-1', 'worker-1', 'batch-1'])
        expect(value(dumps, { stream })).toBe(snaps.filter((s) => s.stream === stream).length);
      const local = await query('gosched_local_runqueue');
      const w = last('worker-1');
      for (let p = 0; p < w.runq.length; p++)
        expect(value(local, { stream: 'worker-1', run: '0', p: String(p) })).toBe(w.runq[p]);
      expect(value(await query('gosched_global_runqueue'), { stream: 'batch-1' })).toBe(last('batch-1').runqueue);
      expect(value(await query('gosched_gomaxprocs'), { stream: 'api-1' })).toBe(last('api-1').gomaxprocs);
      expect(value(await query('gosched_threads'), { stream: 'worker-1' })).toBe(w.threads);
      expect(value(await query('gosched_idle_procs'), { stream: 'worker-1' })).toBe(w.idleprocs);
      expect(value(await query('gosched_idle_threads'), { stream: 'worker-1' })).toBe(w.idlethreads);
      expect(value(await query('gosched_spinning_threads'), { stream: 'worker-1' })).toBe(w.spinningthreads);
      // The overflow run's two local-overflow episodes; the second closes only when the input ends,
      // so at least the first is counted while watch follows the file.
      expect(
        value(await query('gosched_findings_total'), { stream: 'batch-1', kind: 'local-overflow' }),
      ).toBeGreaterThanOrEqual(1);
      const lines = await query('gosched_lines_total');
      expect(value(lines, { kind: 'schedtrace' })).toBe(snaps.length);
      expect(value(lines, { kind: 'foreign' })).toBe(1);
    },
    90_000,
  );
});
