import { spawn, type ChildProcess } from 'node:child_process';
import { cliPath } from './run-built-cli.js';
import { repoRoot } from './samples.js';

/** A built `gosched` running in the background, its output collected as it comes. */
export interface LiveCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once `pred` holds for the output so far; rejects after `ms`. */
  waitFor(pred: (out: { stdout: string; stderr: string }) => boolean, ms?: number): Promise<void>;
  /** Resolves with the exit code. */
  exited: Promise<number>;
}

export function startCli(args: string[], env: Record<string, string> = {}): LiveCli {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr!.on('data', (b: Buffer) => {
    err += b.toString();
  });
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: async (pred, ms = 20_000) => {
      const until = Date.now() + ms;
      while (!pred({ stdout: out, stderr: err })) {
        if (Date.now() > until) throw new Error(`timed out; stdout:\n${out}\nstderr:\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
