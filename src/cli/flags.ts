import { NEWEST_MINOR } from '../scheduler/profiles.js';
import type { FindingKind } from '../findings/finding.js';
import { parseKindList } from '../findings/gate.js';
import { UsageError } from './errors.js';

/**
 * Validation of the numeric and release flags, one rule per flag name for every command that has it.
 * yargs turns `0.99x` into NaN and `''` into 0; a NaN `--min-skill` would switch the gate off. So the
 * text the user typed is checked, not the number yargs made of it.
 */

interface NumberRule {
  kind: 'number';
  aliases?: string[];
  integer?: boolean;
  min?: number;
  /** The smallest value is excluded (`> min`). */
  minExclusive?: boolean;
  max?: number;
  what: string;
}

interface ReleaseRule {
  kind: 'release';
  aliases?: string[];
}

type Rule = NumberRule | ReleaseRule;

/** Go releases whose schedtrace gosched reads and whose scheduler the model can stand in for. */
export const FIRST_RELEASE = 5;
export const LAST_RELEASE = NEWEST_MINOR;

const RULES: Record<string, Rule> = {
  'min-skill': { kind: 'number', max: 1, what: 'a one-step skill (at most 1; 0 means no better than persistence)' },
  top: { kind: 'number', integer: true, min: 0, max: 1e6, what: 'a count of findings' },
  gomaxprocs: { kind: 'number', aliases: ['p'], integer: true, min: 1, max: 1024, what: 'a count of Ps' },
  seed: { kind: 'number', integer: true, min: 0, max: 2 ** 32 - 1, what: 'a seed (an integer from 0 to 2^32-1)' },
  seeds: { kind: 'number', integer: true, min: 1, max: 100, what: 'a count of model seeds' },
  runs: { kind: 'number', integer: true, min: 1, max: 100, what: 'a count of runs of each program' },
  period: { kind: 'number', min: 0, minExclusive: true, max: 3_600_000, what: 'a period in ms' },
  duration: { kind: 'number', aliases: ['d'], min: 0, minExclusive: true, max: 1e12, what: 'a duration in ms' },
  cpus: { kind: 'number', integer: true, min: 1, max: 1024, what: 'a count of CPU cores' },
  jobs: { kind: 'number', aliases: ['j'], integer: true, min: 1, max: 256, what: 'a count of worker threads' },
  slice: { kind: 'number', min: 0, max: 1000, what: 'an OS time slice in ms' },
  'turn-slice': { kind: 'number', min: 0, max: 1000, what: 'an OS time slice in ms' },
  go: { kind: 'release' },
};

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const RELEASE = /^(?:go)?1\.(\d+)(?:\.\d+)?(?:(?:rc|beta)\d+)?$/;

/** The texts given for a flag on the command line (`--x v`, `--x=v`, `-a v`, `-a=v`, `-av`). */
export function rawValues(argv: readonly string[], name: string, aliases: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') break;
    for (const n of [name, ...aliases]) {
      const dash = n.length === 1 ? '-' : '--';
      if (a === `${dash}${n}`) {
        out.push(argv[i + 1] ?? '');
        i++;
      } else if (a.startsWith(`${dash}${n}=`)) out.push(a.slice(dash.length + n.length + 1));
      else if (n.length === 1 && a.startsWith(`-${n}`) && !a.startsWith('--') && a.length > 2) out.push(a.slice(2));
    }
  }
  return out;
}

function checkNumber(flag: string, text: string, rule: NumberRule): void {
  const value = Number(text);
  if (!NUMBER.test(text.trim()) || !Number.isFinite(value))
    throw new UsageError(`--${flag} must be ${rule.what}, got ${JSON.stringify(text)} (not a number)`);
  const range =
    rule.min !== undefined && rule.max !== undefined
      ? `from ${rule.min}${rule.minExclusive ? ' (excluded)' : ''} to ${rule.max}`
      : rule.max !== undefined
        ? `at most ${rule.max}`
        : `at least ${rule.min}`;
  if (rule.integer && !Number.isInteger(value))
    throw new UsageError(`--${flag} must be an integer ${range}, got ${text}`);
  if (
    (rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min)) ||
    (rule.max !== undefined && value > rule.max)
  )
    throw new UsageError(`--${flag} must be ${range}, got ${text}`);
}

function checkRelease(flag: string, text: string): void {
  const m = RELEASE.exec(text.trim());
  const minor = m ? Number(m[1]) : Number.NaN;
  if (!(minor >= FIRST_RELEASE && minor <= LAST_RELEASE))
    throw new UsageError(
      `--${flag} must be a Go release from 1.${FIRST_RELEASE} to 1.${LAST_RELEASE} (e.g. 1.19, go1.26.1), got ${JSON.stringify(text)}`,
    );
}

/**
 * Throws UsageError for the first flag whose text is not a valid value. `args` are the parsed arguments
 * (only flags the command defines are checked), `argv` the command line as typed.
 */
export function validateFlags(args: Record<string, unknown>, argv: readonly string[]): void {
  for (const [flag, rule] of Object.entries(RULES)) {
    if (!(flag in args) || args[flag] === undefined) continue;
    const texts = rawValues(argv, flag, rule.aliases);
    if (texts.length > 1) throw new UsageError(`--${flag} is given ${texts.length} times; give it once`);
    // A default value was not typed, and is valid by construction.
    for (const text of texts) {
      if (rule.kind === 'number') checkNumber(flag, text, rule);
      else checkRelease(flag, text);
    }
  }
}

/** A `--fail-on`-style list of finding kinds (`a,b`, `all`, or `none` alone), or a usage error naming the flag. */
export function kindListFlag(flag: string, text: string): FindingKind[] {
  const parsed = parseKindList(text);
  if (parsed.unknown.length > 0)
    throw new UsageError(`--${flag}: unknown finding kind(s): ${parsed.unknown.join(', ')}`);
  if (parsed.noneMixed) throw new UsageError(`--${flag}: "none" stands alone (it empties the list), got "${text}"`);
  // An unset CI variable (`--fail-on "$KINDS"`) must not switch the gate off without a word.
  if (parsed.empty)
    throw new UsageError(`--${flag}: no finding kind given (${JSON.stringify(text)}); write "none" to list no kind`);
  return parsed.kinds;
}
