/**
 * Workload specs: JSON descriptions of a Go program's goroutines, used by the scheduler model
 * (`gosched simulate`, replay, fidelity). `validateWorkload` checks untrusted JSON and reports
 * every problem with its JSON path.
 */

/** A duration or count: a constant, or a distribution sampled with the model's seeded PRNG. */
export type Dist =
  | number
  | { kind: 'exp'; mean: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'lognormal'; median: number; sigma: number };

export type BlockOn = 'chan' | 'mutex' | 'timer' | 'net' | 'syscall' | 'gosched';
export const BLOCK_KINDS: readonly BlockOn[] = ['chan', 'mutex', 'timer', 'net', 'syscall', 'gosched'];

export interface BehaviourSpec {
  /** CPU burst before each block (or before exit). */
  cpuMs: Dist;
  /**
   * What the G blocks on after each burst, and for how long. With `partner` (chan only), the G's
   * k-th member pairs with the k-th member of the partner group: each burst ends by waking the
   * partner (ready → runnext of this P) and waiting to be woken by it, as an unbuffered ping-pong does;
   * `ms` is then unused. With `cpu` (syscall only), `ms` is CPU time the kernel spends on the
   * thread (a /dev/urandom read): the syscall takes a core, and lasts longer when the cores are shared.
   */
  block?: { on: BlockOn; ms: Dist; partner?: string; cpu?: boolean };
  /** Bursts before the G exits (default 1). */
  repeat?: number | 'forever';
  lockOSThread?: boolean;
  /** Block once before the first burst (e.g. a goroutine that starts with time.Sleep). */
  startBlocked?: boolean;
  /**
   * MB the G allocates per second of its CPU work: it paces allocation-triggered GC cycles
   * (gc.triggerMB) and sizes its mark assists while the GC marks (gc.assistMsPerMB).
   */
  allocMBps?: number;
  /**
   * Its CPU bursts are loops that call no function (`for i := 0; i < n; i++ { counter++ }`). sysmon's
   * preemption request (preemptone) sets gp.stackguard0 = stackPreempt, which only a function's
   * prologue checks, so such a loop runs on until it ends; from Go 1.14 preemptM's signal stops it
   * anywhere (asyncPreempt), unless GODEBUG=asyncpreemptoff=1 (ModelOptions.asyncPreemptOff).
   */
  callFree?: boolean;
}

export type SpawnSpec =
  /** N go statements from one goroutine. */
  | { kind: 'burst'; atMs: number; count: number; from?: string; spawnCostMs?: number }
  /** Arrivals (onP: inject on that P, as a spawner running there would). */
  | { kind: 'rate'; perSecond: number; startMs?: number; endMs?: number; onP?: number }
  | { kind: 'tree'; atMs: number; depth: number; fanout: number };

export interface GroupSpec {
  name: string;
  spawn: SpawnSpec;
  behaviour: BehaviourSpec;
}

/**
 * GC cycles. The first starts `everyMs` in and each next one an exponential gap of mean `everyMs`
 * after the previous one ends, or once the Gs have allocated `triggerMB` since it (allocMBps); either way with a stop-the-world of `stwMs` (sweep termination).
 * With `markMs`, the world then runs `markMs` in the mark phase (dedicated, fractional and idle mark
 * workers, assists) and stops again for `markTermMs` (mark termination); without it the cycle is the
 * one pause (sweep termination and mark termination folded into one).
 */
export interface GcSpec {
  everyMs?: number;
  triggerMB?: number;
  stwMs: number;
  markMs?: number;
  markTermMs?: number;
  /** Mark-assist CPU time per MB a G allocates during the mark phase (ms). */
  assistMsPerMB?: number;
  /**
   * With assistQuantumMs, an allocating G runs at most this much CPU during the mark phase of a cycle
   * with dedicated mark workers (GOMAXPROCS 4 and up) before its assist runs out of credit and it
   * parks (gcParkAssist, "GC assist wait"); every flushMs the
   * background workers' credit (gcFlushBgCredit) readies the parked Gs onto the worker's P.
   */
  assistQuantumMs?: number;
  /**
   * The same for a mark phase without dedicated workers (GOMAXPROCS 2 and 3): the assists drain the
   * work list themselves (gcDrainN) and park only when they find it empty, once per this much CPU.
   * Omitted: they never park there.
   */
  assistDrainQuantumMs?: number;
  flushMs?: number;
  /**
   * Idle mark workers at most (default GOMAXPROCS − dedicated workers, as startCycle sets for a
   * heap-triggered cycle). An idle worker needs a P with nothing to run *and* a core to run on.
   */
  maxIdleWorkers?: number;
  /**
   * CPU the background sweeper spends after each cycle (ms): readied at mark termination, it sweeps
   * and yields through the global queue between batches (scheduler/runtime/sweep.ts). Omitted: no
   * background sweeping is modelled.
   */
  sweepMs?: number;
}

export interface WorkloadSpec {
  name: string;
  description?: string;
  /**
   * The flags of its program that shape the workload this spec models (`-g 5000 -w 100000 -waves 2`),
   * leaving out those that only say how long it runs. A capture whose program was given any of them
   * with another value (or without it: the program's default) is a run of another workload, and
   * `gosched fidelity --samples` does not compare the spec with it.
   */
  args?: string;
  /** Measured CPU cost of the program's unit of work. */
  unitCost?: { what: string; cpuMs: number; measuredOn: string };
  groups: GroupSpec[];
  gomaxprocsChanges?: { atMs: number; gomaxprocs: number }[];
  /** The GC's cycles: see GcSpec. */
  gc?: GcSpec;
  /**
   * The main goroutine sleeps until this time, then panics: the runtime prints one detailed
   * scheduler dump (startpanic_m → schedtrace(true) when schedtrace or scheddetail is set) and the process exits.
   */
  crashAtMs?: number;
  /**
   * The program is linked with runtime/cgo (on Linux with CGO_ENABLED=1, e.g. through package net's
   * cgo resolver; `go list -deps` lists runtime/cgo). The runtime then keeps two more Ms than it runs
   * Gs on: mstartm0's extra M for callbacks from C threads (newextram, an M without a thread, counted
   * by mcount and so in `threads`), and the template thread runtime.main starts (startTemplateThread).
   */
  cgo?: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

class Checker {
  readonly errors: string[] = [];
  fail(path: string, what: string): void {
    this.errors.push(`${path}: ${what}`);
  }
  keys(o: Obj, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o))
      if (!allowed.includes(k)) this.fail(`${path}.${k}`, `unknown key (allowed: ${allowed.join(', ')})`);
  }
  num(
    o: Obj,
    key: string,
    path: string,
    opts: { required?: boolean; min?: number; int?: boolean; positive?: boolean } = {},
  ): void {
    const v = o[key];
    const p = `${path}.${key}`;
    if (v === undefined) {
      if (opts.required) this.fail(p, 'is required (a number)');
      return;
    }
    if (!isNum(v)) return this.fail(p, `must be a number, got ${JSON.stringify(v)}`);
    if (opts.int && !Number.isInteger(v)) this.fail(p, `must be an integer, got ${v}`);
    if (opts.positive && v <= 0) this.fail(p, `must be > 0, got ${v}`);
    if (opts.min !== undefined && v < opts.min) this.fail(p, `must be >= ${opts.min}, got ${v}`);
  }
  str(o: Obj, key: string, path: string, required: boolean): void {
    const v = o[key];
    if (v === undefined) {
      if (required) this.fail(`${path}.${key}`, 'is required (a string)');
    } else if (typeof v !== 'string' || (required && v === ''))
      this.fail(`${path}.${key}`, `must be a non-empty string, got ${JSON.stringify(v)}`);
  }
  dist(v: unknown, path: string): void {
    if (isNum(v)) {
      if (v < 0) this.fail(path, `must be >= 0, got ${v}`);
      return;
    }
    if (!isObj(v))
      return this.fail(
        path,
        `must be a number or a distribution object {kind: exp|uniform|normal|lognormal, ...}, got ${JSON.stringify(v)}`,
      );
    switch (v.kind) {
      case 'exp':
        this.keys(v, path, ['kind', 'mean']);
        this.num(v, 'mean', path, { required: true, positive: true });
        return;
      case 'uniform':
        this.keys(v, path, ['kind', 'min', 'max']);
        this.num(v, 'min', path, { required: true, min: 0 });
        this.num(v, 'max', path, { required: true, min: 0 });
        if (isNum(v.min) && isNum(v.max) && v.max < v.min) this.fail(path, `max (${v.max}) must be >= min (${v.min})`);
        return;
      case 'normal':
        this.keys(v, path, ['kind', 'mean', 'sd']);
        this.num(v, 'mean', path, { required: true, min: 0 });
        this.num(v, 'sd', path, { required: true, min: 0 });
        return;
      case 'lognormal':
        this.keys(v, path, ['kind', 'median', 'sigma']);
        this.num(v, 'median', path, { required: true, positive: true });
        this.num(v, 'sigma', path, { required: true, min: 0 });
        return;
      default:
        this.fail(`${path}.kind`, `must be one of exp, uniform, normal, lognormal, got ${JSON.stringify(v.kind)}`);
    }
  }
}

function checkSpawn(c: Checker, v: unknown, path: string): void {
  if (!isObj(v)) return c.fail(path, 'must be an object {kind: burst|rate|tree, ...}');
  switch (v.kind) {
    case 'burst':
      c.keys(v, path, ['kind', 'atMs', 'count', 'from', 'spawnCostMs']);
      c.num(v, 'spawnCostMs', path, { min: 0 });
      c.num(v, 'atMs', path, { required: true, min: 0 });
      c.num(v, 'count', path, { required: true, int: true, min: 1 });
      c.str(v, 'from', path, false);
      return;
    case 'rate':
      c.keys(v, path, ['kind', 'perSecond', 'startMs', 'endMs', 'onP']);
      c.num(v, 'perSecond', path, { required: true, positive: true });
      c.num(v, 'startMs', path, { min: 0 });
      c.num(v, 'endMs', path, { min: 0 });
      c.num(v, 'onP', path, { int: true, min: 0 });
      if (isNum(v.startMs) && isNum(v.endMs) && v.endMs < v.startMs)
        c.fail(`${path}.endMs`, `must be >= startMs (${v.startMs})`);
      return;
    case 'tree':
      c.keys(v, path, ['kind', 'atMs', 'depth', 'fanout']);
      c.num(v, 'atMs', path, { required: true, min: 0 });
      c.num(v, 'depth', path, { required: true, int: true, min: 1 });
      c.num(v, 'fanout', path, { required: true, int: true, min: 1 });
      if (isNum(v.depth) && isNum(v.fanout) && v.fanout ** v.depth > 10_000_000)
        c.fail(path, `tree of fanout^depth = ${v.fanout ** v.depth} goroutines is too large (max 10000000)`);
      return;
    default:
      c.fail(`${path}.kind`, `must be one of burst, rate, tree, got ${JSON.stringify(v.kind)}`);
  }
}

function checkBehaviour(c: Checker, v: unknown, path: string): void {
  if (!isObj(v)) return c.fail(path, 'must be an object {cpuMs, block?, repeat?, lockOSThread?}');
  c.keys(v, path, ['cpuMs', 'block', 'repeat', 'lockOSThread', 'startBlocked', 'allocMBps', 'callFree']);
  c.num(v, 'allocMBps', path, { min: 0 });
  if (v.cpuMs === undefined) c.fail(`${path}.cpuMs`, 'is required (a number or a distribution)');
  else c.dist(v.cpuMs, `${path}.cpuMs`);
  if (v.block !== undefined) {
    const b = v.block;
    const bp = `${path}.block`;
    if (!isObj(b)) c.fail(bp, 'must be an object {on, ms}');
    else {
      c.keys(b, bp, ['on', 'ms', 'partner', 'cpu']);
      if (b.cpu !== undefined && (typeof b.cpu !== 'boolean' || b.on !== 'syscall'))
        c.fail(`${bp}.cpu`, 'must be true or false, with on: "syscall"');
      if (b.partner !== undefined && (typeof b.partner !== 'string' || b.on !== 'chan'))
        c.fail(`${bp}.partner`, 'must be a group name, with on: "chan"');
      if (!BLOCK_KINDS.includes(b.on as BlockOn))
        c.fail(`${bp}.on`, `must be one of ${BLOCK_KINDS.join(', ')}, got ${JSON.stringify(b.on)}`);
      if (b.ms === undefined) c.fail(`${bp}.ms`, 'is required (a number or a distribution)');
      else c.dist(b.ms, `${bp}.ms`);
    }
  }
  if (v.repeat !== undefined && v.repeat !== 'forever') {
    if (!isNum(v.repeat) || !Number.isInteger(v.repeat) || v.repeat < 1)
      c.fail(`${path}.repeat`, `must be a positive integer or "forever", got ${JSON.stringify(v.repeat)}`);
  }
  if (v.startBlocked !== undefined && typeof v.startBlocked !== 'boolean')
    c.fail(`${path}.startBlocked`, `must be true or false, got ${JSON.stringify(v.startBlocked)}`);
  if (v.startBlocked === true && v.block === undefined) c.fail(`${path}.startBlocked`, 'needs a block to start with');
  for (const key of ['lockOSThread', 'callFree'])
    if (v[key] !== undefined && typeof v[key] !== 'boolean')
      c.fail(`${path}.${key}`, `must be true or false, got ${JSON.stringify(v[key])}`);
}

/** Checks untrusted JSON against the WorkloadSpec shape; every error names its JSON path ($.groups[0].spawn.count ...). */
export function validateWorkload(json: unknown): { ok: true; spec: WorkloadSpec } | { ok: false; errors: string[] } {
  const c = new Checker();
  if (!isObj(json)) return { ok: false, errors: ['$: a workload spec must be a JSON object'] };
  c.keys(json, '$', [
    'name',
    'description',
    'args',
    'unitCost',
    'groups',
    'gomaxprocsChanges',
    'gc',
    'crashAtMs',
    'cgo',
  ]);
  c.num(json, 'crashAtMs', '$', { min: 0 });
  if (json.cgo !== undefined && typeof json.cgo !== 'boolean')
    c.fail('$.cgo', `must be true or false, got ${JSON.stringify(json.cgo)}`);
  c.str(json, 'name', '$', true);
  if (json.description !== undefined && typeof json.description !== 'string')
    c.fail('$.description', 'must be a string');
  if (json.args !== undefined && typeof json.args !== 'string')
    c.fail('$.args', 'must be a string (the program flags the spec models, e.g. "-g 64")');
  if (json.unitCost !== undefined) {
    const u = json.unitCost;
    if (!isObj(u)) c.fail('$.unitCost', 'must be an object {what, cpuMs, measuredOn}');
    else {
      c.keys(u, '$.unitCost', ['what', 'cpuMs', 'measuredOn']);
      c.str(u, 'what', '$.unitCost', true);
      c.num(u, 'cpuMs', '$.unitCost', { required: true, min: 0 });
      c.str(u, 'measuredOn', '$.unitCost', true);
    }
  }
  if (!Array.isArray(json.groups)) c.fail('$.groups', 'is required (an array of goroutine groups)');
  else {
    const names = new Set<string>();
    json.groups.forEach((g, i) => {
      const p = `$.groups[${i}]`;
      if (!isObj(g)) return c.fail(p, 'must be an object {name, spawn, behaviour}');
      c.keys(g, p, ['name', 'spawn', 'behaviour', 'comment']);
      c.str(g, 'name', p, true);
      if (typeof g.name === 'string') {
        if (names.has(g.name)) c.fail(`${p}.name`, `duplicate group name ${JSON.stringify(g.name)}`);
        names.add(g.name);
      }
      checkSpawn(c, g.spawn, `${p}.spawn`);
      checkBehaviour(c, g.behaviour, `${p}.behaviour`);
    });
    json.groups.forEach((g, i) => {
      if (isObj(g) && isObj(g.spawn) && typeof g.spawn.from === 'string' && !names.has(g.spawn.from))
        c.fail(`$.groups[${i}].spawn.from`, `names no group (${JSON.stringify(g.spawn.from)})`);
      const partner =
        isObj(g) && isObj(g.behaviour) && isObj(g.behaviour.block) ? g.behaviour.block.partner : undefined;
      if (typeof partner === 'string' && !names.has(partner))
        c.fail(`$.groups[${i}].behaviour.block.partner`, `names no group (${JSON.stringify(partner)})`);
    });
  }
  if (json.gomaxprocsChanges !== undefined) {
    if (!Array.isArray(json.gomaxprocsChanges)) c.fail('$.gomaxprocsChanges', 'must be an array of {atMs, gomaxprocs}');
    else
      json.gomaxprocsChanges.forEach((ch, i) => {
        const p = `$.gomaxprocsChanges[${i}]`;
        if (!isObj(ch)) return c.fail(p, 'must be an object {atMs, gomaxprocs}');
        c.keys(ch, p, ['atMs', 'gomaxprocs']);
        c.num(ch, 'atMs', p, { required: true, min: 0 });
        c.num(ch, 'gomaxprocs', p, { required: true, int: true, min: 1 });
        if (isNum(ch.gomaxprocs) && ch.gomaxprocs > 1024)
          c.fail(`${p}.gomaxprocs`, `must be <= 1024, got ${ch.gomaxprocs}`);
      });
  }
  if (json.gc !== undefined) {
    if (!isObj(json.gc))
      c.fail('$.gc', 'must be an object {everyMs | triggerMB, stwMs, markMs?, markTermMs?, assistMsPerMB?}');
    else {
      c.keys(json.gc, '$.gc', [
        'everyMs',
        'triggerMB',
        'stwMs',
        'markMs',
        'markTermMs',
        'assistMsPerMB',
        'assistQuantumMs',
        'assistDrainQuantumMs',
        'flushMs',
        'maxIdleWorkers',
        'sweepMs',
      ]);
      c.num(json.gc, 'sweepMs', '$.gc', { min: 0 });
      c.num(json.gc, 'maxIdleWorkers', '$.gc', { int: true, min: 0 });
      c.num(json.gc, 'assistQuantumMs', '$.gc', { positive: true });
      c.num(json.gc, 'assistDrainQuantumMs', '$.gc', { positive: true });
      c.num(json.gc, 'flushMs', '$.gc', { positive: true });
      c.num(json.gc, 'everyMs', '$.gc', { positive: true });
      c.num(json.gc, 'triggerMB', '$.gc', { positive: true });
      if (json.gc.everyMs === undefined && json.gc.triggerMB === undefined)
        c.fail('$.gc', 'needs everyMs (time-paced cycles) or triggerMB (allocation-paced cycles)');
      c.num(json.gc, 'stwMs', '$.gc', { required: true, min: 0 });
      c.num(json.gc, 'markMs', '$.gc', { min: 0 });
      c.num(json.gc, 'markTermMs', '$.gc', { min: 0 });
      c.num(json.gc, 'assistMsPerMB', '$.gc', { min: 0 });
    }
  }
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return { ok: true, spec: json as unknown as WorkloadSpec };
}
