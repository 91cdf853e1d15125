import { fstatSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './errors.js';
import { STDIN_PATH } from './line-source.js';

/**
 * Checks, before anything is read, that no output names an input (directly, through a symlink or a
 * hard link) and that no input is given twice. Writing `-o x.log` while reading x.log would empty it
 * before it is read; the same log twice would be one stream whose time goes backwards, so it is
 * refused rather than guessed at (give a copy under another name to compare a log with itself).
 */

/** The argument names that are inputs, and those that are outputs, across every command. */
const INPUT_ARGS = ['files', 'a', 'b', 'model', 'workload'] as const;
const OUTPUT_ARGS = [
  ['output', '-o'],
  ['junit', '--junit'],
  ['summary', '--summary'],
  ['svg', '--svg'],
] as const;

interface Identity {
  dev: number;
  ino: number;
}

/** The file a path leads to (symlinks followed), or undefined when there is none yet. */
function identity(path: string): Identity | undefined {
  try {
    const s = statSync(path);
    return { dev: s.dev, ino: s.ino };
  } catch {
    return undefined;
  }
}

/** The file standard input is redirected from, if it is one. */
function stdinIdentity(): Identity | undefined {
  try {
    const s = fstatSync(0);
    return s.isFile() ? { dev: s.dev, ino: s.ino } : undefined;
  } catch {
    return undefined;
  }
}

function isStdin(path: string): boolean {
  return path === '-' || path === STDIN_PATH;
}

export function guardPaths(args: Record<string, unknown>): void {
  const inputs: string[] = [];
  for (const key of INPUT_ARGS) {
    const v = args[key];
    if (typeof v === 'string') inputs.push(v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') inputs.push(x);
  }
  const seen: { path: string; id: Identity | undefined }[] = [];
  let stdinSeen = false;
  for (const path of inputs) {
    if (isStdin(path)) {
      if (stdinSeen) throw new UsageError('standard input (-) is given twice; it can be read once');
      stdinSeen = true;
      // `gosched parse - -o x.log < x.log`: stdin redirected from the file that -o names.
      seen.push({ path: '<stdin>', id: stdinIdentity() });
      continue;
    }
    const id = identity(path);
    const twin = seen.find(
      (s) =>
        (s.path !== '<stdin>' && resolve(s.path) === resolve(path)) ||
        (id && s.id && s.id.dev === id.dev && s.id.ino === id.ino && id.ino !== 0),
    );
    // `diff a b` compares two logs; the same file on both sides is a legitimate (if dull) comparison.
    if (twin && !('a' in args && 'b' in args))
      throw new UsageError(
        `${path} is given twice${twin.path === path ? '' : ` (also as ${twin.path})`}; each input is one stream, so give it once`,
      );
    seen.push({ path, id });
  }
  for (const [key, flag] of OUTPUT_ARGS) {
    const out = args[key];
    if (typeof out !== 'string' || out === '-' || out === '') continue;
    const id = identity(out);
    for (const s of seen) {
      const same =
        (s.path !== '<stdin>' && resolve(s.path) === resolve(out)) ||
        (id !== undefined && s.id !== undefined && id.dev === s.id.dev && id.ino === s.id.ino);
      if (same)
        throw new UsageError(
          `${flag} ${out} is also an input${s.path === out ? '' : ` (${s.path})`}; refusing to overwrite what is being read`,
        );
    }
  }
}
