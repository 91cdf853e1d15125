import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const samplesDir = join(repoRoot, 'samples');

/** Every real sample log under samples/go1.* and samples/programs, as paths relative to samples/. */
export function realSampleLogs(): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(samplesDir)
    .filter((d) => d.startsWith('go1.') || d === 'programs')
    .sort()) {
    for (const f of readdirSync(join(samplesDir, dir)).sort()) {
      const p = join(samplesDir, dir, f);
      if (f.endsWith('.log') && statSync(p).isFile()) out.push(relative(samplesDir, p));
    }
  }
  return out;
}

/** The logs of a folder of releases (`dir/go1.NN/*.log`), as paths under `dir`, as a capture set holds them. */
export function releaseLogsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((d) => d.startsWith('go1.'))
    .flatMap((d) =>
      readdirSync(join(dir, d))
        .filter((f) => f.endsWith('.log'))
        .map((f) => `${dir}/${d}/${f}`),
    );
}

/**
 * Samples where several processes print schedtrace into one stderr (go run, go test with GODEBUG
 * set): their dumps go to process lanes, not only to runs of one process (samples/programs/README.md).
 */
export function sideBySideSample(path: string): boolean {
  return /(^|\/)(spin-gorun|gcassist-gorun|gotest)[^/]*\.log$/.test(path);
}
