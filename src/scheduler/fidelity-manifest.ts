/**
 * Fidelity scenarios from a folder's manifest.json (the samples/manifest.json format): a user's own
 * captures and workload specs. Captures of one program with the same arguments, GODEBUG, GOMAXPROCS
 * and scheduler profile form one scenario; with two or more, the first two give the run-to-run
 * yardstick. Entries need: file, program, goVersion, godebug (with schedtrace=N), gomaxprocs (a
 * number); args and cores are optional. An entry whose args give a flag of the spec's `args` another
 * value is a run of another workload, and is skipped with the flag named.
 */
import type { WorkloadSpec } from '../workload/spec.js';
import { profileFor } from './profiles.js';
import type { Scenario } from './fidelity-scenarios.js';

/** A program's workload spec, as far as the manifest reader needs it; null when there is none. */
export type SpecLookup = (program: string) => Pick<WorkloadSpec, 'args'> | null;

/**
 * A command line's flags as Go's flag package reads them: `-name value`, `-name=value`, or a bare
 * `-name` (a boolean, true) when the next word is another flag or there is none.
 */
export function flagsOf(args: string): Map<string, string> {
  const words = args.split(/\s+/).filter(Boolean);
  const flags = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('-')) continue;
    const name = w.replace(/^--?/, '');
    const eq = name.indexOf('=');
    if (eq >= 0) flags.set(name.slice(0, eq), name.slice(eq + 1));
    else if (i + 1 < words.length && !words[i + 1]!.startsWith('-')) flags.set(name, words[++i]!);
    else flags.set(name, 'true');
  }
  return flags;
}

/** Why a capture run with `captureArgs` is not a run of a spec modelling `specArgs`; null if it is. */
export function argsMismatch(specArgs: string, captureArgs: string): string | null {
  const ran = flagsOf(captureArgs);
  for (const [name, value] of flagsOf(specArgs)) {
    const got = ran.get(name);
    if (got !== value)
      return `the spec models -${name} ${value}, the capture ran ${got === undefined ? `without -${name}` : `-${name} ${got}`}`;
  }
  return null;
}

export interface ManifestEntry {
  file: string;
  program: string;
  goVersion: string;
  godebug: string;
  gomaxprocs: number | string;
  args?: string;
  cores?: number;
}

export interface ManifestScenario extends Scenario {
  /** Cores of the machine the captures came from (manifest `cores`), when recorded. */
  cores?: number;
}

/** Problems with the manifest as a whole (not an array), or entries skipped and why. */
export interface ManifestScenarios {
  scenarios: ManifestScenario[];
  skipped: { file: string; reason: string }[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `specOf(program)`: the program's workload spec, null when it has none. */
export function scenariosFromManifest(json: unknown, specOf: SpecLookup): ManifestScenarios {
  const skipped: { file: string; reason: string }[] = [];
  if (!Array.isArray(json)) return { scenarios: [], skipped: [{ file: 'manifest.json', reason: 'not a JSON array' }] };
  const groups = new Map<string, { e: ManifestEntry; files: string[]; period: number; detail: boolean; go: string }>();
  for (const raw of json) {
    if (!isObj(raw) || typeof raw.file !== 'string') {
      skipped.push({ file: String(isObj(raw) ? raw.file : raw), reason: 'entry without a file name' });
      continue;
    }
    const e = raw as unknown as ManifestEntry;
    const period = /(?:^|,)schedtrace=(\d+)/.exec(String(e.godebug ?? ''));
    const skip = (reason: string) => skipped.push({ file: e.file, reason });
    if (typeof e.program !== 'string' || !e.program) {
      skip('no program');
      continue;
    }
    if (!period || Number(period[1]) <= 0) {
      skip('godebug has no schedtrace=N');
      continue;
    }
    if (typeof e.gomaxprocs !== 'number' || !Number.isInteger(e.gomaxprocs) || e.gomaxprocs < 1) {
      skip('GOMAXPROCS was not set to a number');
      continue;
    }
    let profile: string;
    try {
      profile = profileFor(String(e.goVersion));
    } catch {
      skip(`not a Go version: ${JSON.stringify(e.goVersion)}`);
      continue;
    }
    const spec = specOf(e.program);
    if (spec === null) {
      skip(`no workload spec workloads/${e.program}.json`);
      continue;
    }
    const mismatch = spec.args === undefined ? null : argsMismatch(spec.args, String(e.args ?? ''));
    if (mismatch !== null) {
      skip(`not the workload of workloads/${e.program}.json: ${mismatch}`);
      continue;
    }
    const detail = /(?:^|,)scheddetail=1/.test(e.godebug);
    const go = profile.slice('go'.length);
    const key = [e.program, e.args ?? '', e.godebug, e.gomaxprocs, go].join('|');
    const g = groups.get(key);
    if (g) g.files.push(e.file);
    else groups.set(key, { e, files: [e.file], period: Number(period[1]), detail, go });
  }
  const scenarios: ManifestScenario[] = [];
  for (const { e, files, period, detail, go } of groups.values()) {
    const p = e.gomaxprocs as number;
    const extra = e.godebug
      .split(',')
      .filter((kv) => !/^(schedtrace|scheddetail)=/.test(kv))
      .join(',');
    scenarios.push({
      id: `${e.program}-p${p}${detail ? '-detail' : ''}`,
      spec: e.program,
      go,
      gomaxprocs: p,
      periodMs: period,
      detail,
      reals: [...files].sort(),
      args: (e.args ?? '').split(/\s+/).filter(Boolean),
      ...(extra ? { godebug: extra } : {}),
      ...(typeof e.cores === 'number' && e.cores > 0 ? { cores: e.cores } : {}),
    });
  }
  return { scenarios, skipped };
}
