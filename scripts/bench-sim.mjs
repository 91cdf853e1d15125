// Speed of the scheduler model: simulated scheduler events per second on a busy 64-P workload, and
// the wall time to simulate one hour of a 64-P service traced every second (targets: >= 2M events/s,
// the hour in < 10 s). Needs the compiled code (`npm run build`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');

/** A 64-P service: 1000 requests/s, each 3 rounds of CPU (exp, mean 2 ms) and a network wait (exp, mean 5 ms). */
const service = {
  name: 'service-64p',
  groups: [
    {
      name: 'requests',
      spawn: { kind: 'rate', perSecond: 1000 },
      behaviour: { cpuMs: { kind: 'exp', mean: 2 }, block: { on: 'net', ms: { kind: 'exp', mean: 5 } }, repeat: 3 },
    },
    {
      name: 'tickers',
      spawn: { kind: 'burst', atMs: 0, count: 64 },
      behaviour: { cpuMs: 0.05, block: { on: 'timer', ms: 100 }, repeat: 'forever' },
    },
  ],
  gc: { everyMs: 2000, stwMs: 0.3 },
};

/** CPU-bound churn: 512 goroutines yielding (runtime.Gosched) every 20 µs on 64 Ps. */
const churn = {
  name: 'churn-64p',
  groups: [{ name: 'yielders', spawn: { kind: 'burst', atMs: 0, count: 512 }, behaviour: { cpuMs: 0.02, block: { on: 'gosched', ms: 0 }, repeat: 'forever' } }],
};

export async function benchSim() {
  const dist = join(root, 'dist', 'scheduler', 'simulate.js');
  if (!existsSync(dist)) {
    console.log('bench sim: run `npm run build` first (dist/ is missing)');
    return;
  }
  const { simulate } = await import(pathToFileURL(dist).href);
  const run = (workload, gomaxprocs, periodMs, durationMs) => {
    const t0 = process.hrtime.bigint();
    let lines = 0;
    const r = simulate({ workload, go: '1.26', gomaxprocs, periodMs, detail: false, seed: 1, durationMs }, () => lines++, false);
    return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, events: r.events, lines };
  };
  run(churn, 64, 1000, 50); // warm-up
  const c = run(churn, 64, 1000, 2000);
  console.log(`sim: churn, 64 Ps, 2 s simulated: ${(c.events / 1e6).toFixed(2)}M events in ${c.seconds.toFixed(2)} s = ${(c.events / c.seconds / 1e6).toFixed(2)}M events/s (target >= 2M)`);
  const h = run(service, 64, 1000, 3_600_000);
  console.log(
    `sim: one hour of a 64-P service traced every second: ${h.seconds.toFixed(2)} s wall (target < 10 s), ${(h.events / 1e6).toFixed(1)}M events = ${(h.events / h.seconds / 1e6).toFixed(2)}M events/s, ${h.lines} schedtrace lines`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchSim();
