#!/usr/bin/env node
// Renders every bundled sample (samples/**/*.log, *.log.gz) into reports/ with the built CLI
// (`node dist/bin/gosched.js report ...`) and writes reports/index.html linking them all.
import { execFile } from 'node:child_process';
import { readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'reports');
const cli = join(root, 'dist/bin/gosched.js');

const samples = (await readdir(join(root, 'samples'), { recursive: true }))
  .filter((f) => /\.log(\.gz)?$/.test(f) && !f.startsWith('workloads'))
  .sort();
await mkdir(outDir, { recursive: true });

const results = [];
let next = 0;
async function worker() {
  while (next < samples.length) {
    const sample = samples[next++];
    const name = `${sample.replace(/\.log(\.gz)?$/, '').replaceAll('/', '-')}.html`;
    try {
      const { stderr } = await run(
        process.execPath,
        [cli, 'report', join('samples', sample), '-o', join('reports', name)],
        { cwd: root },
      );
      const findings = /(\d+) findings/.exec(stderr)?.[1] ?? '?';
      results.push({ sample, name, findings, bytes: (await stat(join(outDir, name))).size });
    } catch (err) {
      results.push({
        sample,
        name: null,
        error: String(err.stderr || err.message)
          .trim()
          .split('\n')[0],
      });
    }
  }
}
await Promise.all([worker(), worker()]);
results.sort((a, b) => a.sample.localeCompare(b.sample));

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const rows = results.map((r) =>
  r.name
    ? `<tr><td><a href="${esc(encodeURIComponent(r.name))}">${esc(r.sample)}</a></td><td>${r.findings}</td><td>${Math.round(r.bytes / 1024)} KB</td></tr>`
    : `<tr><td>${esc(r.sample)}</td><td colspan="2">failed: ${esc(r.error)}</td></tr>`,
);
await writeFile(
  join(outDir, 'index.html'),
  `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>gosched sample reports</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:800px;margin:2em auto;padding:0 1em}td,th{padding:2px 12px;text-align:left;border-bottom:1px solid #eee}</style>
</head><body>
<h1>gosched sample reports</h1>
<p>One self-contained report per bundled sample (<code>samples/</code>); each opens offline.</p>
<table><thead><tr><th>sample</th><th>findings</th><th>size</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</body></html>
`,
);
const failed = results.filter((r) => !r.name);
console.log(
  `rendered ${results.length - failed.length} of ${results.length} samples into reports/ (index: reports/index.html)`,
);
for (const f of failed) console.error(`failed: ${f.sample}: ${f.error}`);
process.exitCode = failed.length > 0 ? 1 : 0;
