import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { join } from 'node:path';
import { repoRoot } from './samples.js';

export const cliPath = join(repoRoot, 'dist', 'bin', 'gosched.js');

/** The newest modification time of a file under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return t;
}

/** Builds dist/ when it is missing or older than a file under src/ (npm test builds first). */
export function ensureBuilt(): void {
  if (existsSync(cliPath) && statSync(cliPath).mtimeMs >= newest(join(repoRoot, 'src'))) return;
  // A clean build: no output of a deleted source file, no stale source maps.
  rmSync(join(repoRoot, 'dist'), { recursive: true, force: true });
  // tsc, then the bundle of the CLI (scripts/bundle-cli.mjs), as `npm run build` does
  for (const step of [
    [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', repoRoot],
    [join(repoRoot, 'scripts', 'bundle-cli.mjs')],
  ]) {
    const r = spawnSync(process.execPath, step, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed: ${r.stdout}${r.stderr}`);
  }
  if (!existsSync(cliPath)) throw new Error(`build failed: no ${cliPath}`);
}

export interface CliRun {
  args: string[];
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs the built `gosched` binary as a user would, from the repository root (or `cwd`). */
export function runBuiltCli(
  args: string[],
  opts: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {},
): CliRun {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: opts.cwd ?? repoRoot,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', GITHUB_ACTIONS: '', ...opts.env },
    maxBuffer: 64 << 20,
  });
  // Killed by a signal (no exit status): said on stderr, so a failing test names the signal.
  const killed =
    r.status === null ? `\n[killed by ${r.signal ?? 'an unknown signal'}${r.error ? `: ${r.error.message}` : ''}]` : '';
  return { args, stdout: r.stdout, stderr: `${r.stderr}${killed}`, code: r.status ?? -1 };
}

/** The Markdown record of a run: command, output, exit code. */
export function recordRun(run: CliRun, maxLines = 40): string {
  const cut = (s: string) => {
    const lines = s.split('\n');
    return lines.length > maxLines
      ? [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more lines)`].join('\n')
      : s;
  };
  return `$ gosched ${run.args.join(' ')}\n\n## stdout\n\n\`\`\`\n${cut(run.stdout)}\`\`\`\n\n## stderr\n\n\`\`\`\n${cut(run.stderr)}\`\`\`\n\nExit code: ${run.code}\n`;
}

/**
 * Compares the Markdown record of a run (command, output, exit code) with its snapshot in `dir`;
 * `scratch` (a temporary folder) prints as <tmp>. UPDATE_GOLDEN=1 rewrites the snapshot.
 */
export function expectCliSnapshot(dir: string, name: string, run: CliRun, scratch: string): void {
  const path = join(dir, `${name}.md`);
  const got = recordRun(run).replaceAll(scratch, '<tmp>');
  if (!existsSync(path) && process.env.CI) throw new Error(`missing snapshot ${path}`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, got);
  } else {
    expect(got).toBe(readFileSync(path, 'utf8'));
  }
}
