// Speed of the scheduler model: simulated scheduler events per second on a busy 64-P workload, and
// the wall time to simulate one hour of a 64-P service traced every second (targets: >= 2M events/s,
// the hour in < 10 s). Needs the compiled code (`npm run build`).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  groups: [
    {
      name: 'yielders',
      spawn: { kind: 'burst', atMs: 0, count: 512 },
      behaviour: { cpuMs: 0.02, block: { on: 'gosched', ms: 0 }, repeat: 'forever' },
    },
  ],
};

/**
 * Queue states of a real 8-P oversubscribed run (samples/go1.26/oversub-p8-20ms-a.log), scaled to 64 Ps
 * (each P's queue repeated 8 times, the global queue times 8): what replay seeds every interval.
 */
function observedStates64() {
  const text = readFileSync(join(root, 'samples', 'go1.26', 'oversub-p8-20ms-a.log'), 'utf8');
  const states = [];
  for (const line of text.split('\n')) {
    const m = /idleprocs=(\d+) threads=(\d+).* runqueue=(\d+) \[ ([\d ]+) \]/.exec(line);
    if (!m) continue;
    const runq8 = m[4].trim().split(/\s+/).map(Number);
    states.push({
      gomaxprocs: 64,
      idleprocs: 8 * Number(m[1]),
      threads: 8 * Number(m[2]),
      runqueue: 8 * Number(m[3]),
      runq: Array.from({ length: 64 }, (_, i) => runq8[i % 8]),
    });
  }
  return states;
}

/** Replay's inner loop: `cycles` × (loadState of a 64-P state + fitted arrivals, runUntil +1 s). */
export function replayCycles(SchedulerModel, loadState, cycles, behaviour) {
  const states = observedStates64();
  const model = new SchedulerModel({ go: 'go1.26', gomaxprocs: 64, seed: 1 }, { name: 'replay', groups: [] });
  const arrivals = Array.from({ length: 64 }, (_, p) => ({
    name: `arrivals-p${p}`,
    spawn: { kind: 'rate', perSecond: 50, startMs: 0, endMs: 1000, onP: p },
    behaviour,
  }));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < cycles; i++) {
    loadState(model, states[i % states.length], behaviour, arrivals);
    model.runUntil(model.nowMs + 1000);
  }
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, events: model.events, gs: model.allocatedGs };
}

export async function benchSim() {
  const dist = resolve(root, process.env.GOSCHED_DIST ?? 'dist', 'scheduler', 'simulate.js');
  if (!existsSync(dist)) {
    console.log('bench sim: run `npm run build` first (dist/ is missing)');
    return;
  }
  const { simulate } = await import(pathToFileURL(dist).href);
  const { SchedulerModel } = await import(pathToFileURL(join(dist, '..', 'model.js')).href);
  const { loadState } = await import(pathToFileURL(join(dist, '..', '..', 'replay', 'load-state.js')).href);
  if (process.env.BENCH_SIM_ONLY !== 'hour') {
    // As replay fits them: the oversub goroutines are CPU-bound (sysmon preempts them every 10 ms); a
    // service-like variant runs exp(5 ms) slices. Both with 50 arrivals/s per P.
    for (const [what, behaviour] of [
      ['CPU-bound', { cpuMs: 1e6 }],
      ['5 ms slices', { cpuMs: { kind: 'exp', mean: 5 } }],
    ]) {
      const r = replayCycles(SchedulerModel, loadState, 3600, behaviour);
      console.log(
        `sim: replay loop (${what}), 3600 × (loadState 64 Ps + runUntil +1 s): ${r.seconds.toFixed(2)} s wall (target < 10 s), ${(r.events / 1e6).toFixed(1)}M events, ${r.gs ?? '?'} Gs allocated`,
      );
    }
    if (process.env.BENCH_SIM_ONLY === 'replay') return;
  }
  const run = (workload, gomaxprocs, periodMs, durationMs) => {
    const t0 = process.hrtime.bigint();
    let lines = 0;
    const r = simulate(
      { workload, go: '1.26', gomaxprocs, periodMs, detail: false, seed: 1, durationMs },
      () => lines++,
      false,
    );
    return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, events: r.events, lines };
  };
  run(churn, 64, 1000, 50); // warm-up
  const c = run(churn, 64, 1000, 2000);
  console.log(
    `sim: churn, 64 Ps, 2 s simulated: ${(c.events / 1e6).toFixed(2)}M events in ${c.seconds.toFixed(2)} s = ${(c.events / c.seconds / 1e6).toFixed(2)}M events/s (target >= 2M)`,
  );
  const h = run(service, 64, 1000, 3_600_000);
  console.log(
    `sim: one hour of a 64-P service traced every second: ${h.seconds.toFixed(2)} s wall (target < 10 s), ${(h.events / 1e6).toFixed(1)}M events = ${(h.events / h.seconds / 1e6).toFixed(2)}M events/s, ${h.lines} schedtrace lines`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchSim();
