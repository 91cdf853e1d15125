// Renders the terminal view of `gosched run` to docs/img/live-view.png (and .txt): the overflow
// workload runs under `gosched run` in a tmux pane, the pane is captured with its colours, turned
// into HTML and photographed by headless Chromium. Needs go, tmux and chromium.
// Usage: node scripts/screenshot-live-view.mjs [dumps]  (the pane is taken once it shows this many dumps, default 12)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumMissing, findChromium } from './chromium-path.mjs';

const executablePath = findChromium();
if (executablePath === undefined) {
  console.error(chromiumMissing());
  process.exit(2);
}

const root = join(import.meta.dirname, '..');
const minDumps = Number(process.argv[2] ?? 12);
const dir = mkdtempSync(join(tmpdir(), 'gosched-shot-'));
const sh = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
sh('go', ['build', '-o', join(dir, 'overflow'), './overflow'], { cwd: join(root, 'samples/workloads') });
const session = `gosched-shot-${process.pid}`;
spawnSync('tmux', ['kill-session', '-t', session]);
const cmd = `cd '${dir}' && GOMAXPROCS=4 '${process.execPath}' '${join(root, 'dist/bin/gosched.js')}' run --period 100 -- ./overflow -g 20000 -w 200000 -waves 3; sleep 30`;
sh('tmux', ['new-session', '-d', '-s', session, '-x', '120', '-y', '24', cmd]);
let pane = '';
for (const until = Date.now() + 60_000; Date.now() < until; ) {
  await new Promise((r) => setTimeout(r, 100));
  pane = sh('tmux', ['capture-pane', '-e', '-p', '-t', session]);
  if (Number(/(\d+) dumps/.exec(pane)?.[1] ?? 0) >= minDumps) break;
}
spawnSync('tmux', ['kill-session', '-t', session]);
rmSync(dir, { recursive: true, force: true });

const colours = { 31: '#e06c75', 32: '#98c379', 33: '#e5c07b', 36: '#56b6c2' };
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
let html = '';
let state = { bold: false, dim: false, fg: null };
const open = () =>
  `<span style="${state.bold ? 'font-weight:bold;' : ''}${state.dim ? 'opacity:.6;' : ''}${state.fg ? `color:${state.fg};` : ''}">`;
html += open();
for (const part of pane.trimEnd().split(/(\x1b\[[0-9;]*m)/)) {
  const m = /^\x1b\[([0-9;]*)m$/.exec(part);
  if (m === null) {
    html += esc(part);
    continue;
  }
  for (const c of (m[1] || '0').split(';').map(Number)) {
    if (c === 0) state = { bold: false, dim: false, fg: null };
    else if (c === 1) state.bold = true;
    else if (c === 2) state.dim = true;
    else if (c === 22) state = { ...state, bold: false, dim: false };
    else if (c === 39) state.fg = null;
    else if (colours[c]) state.fg = colours[c];
  }
  html += `</span>${open()}`;
}
html += '</span>';
const page = `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#1e1e1e"><pre id="t" style="margin:0;padding:12px;display:inline-block;color:#d4d4d4;font:14px/1.25 'DejaVu Sans Mono',monospace">${html}</pre>`;
const plain = pane.replace(/\x1b\[[0-9;]*m/g, '').trimEnd();
writeFileSync(join(root, 'docs/img/live-view.txt'), `${plain}\n`);
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox'],
});
const p = await browser.newPage({ deviceScaleFactor: 1 });
await p.setContent(page);
await (await p.$('#t')).screenshot({ path: join(root, 'docs/img/live-view.png') });
await browser.close();
console.log(plain);
