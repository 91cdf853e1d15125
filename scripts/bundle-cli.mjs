// Bundles the compiled CLI (dist/cli/main.js and its worker) into dist/bin/: the `gosched` binary.
// Start-up time is mostly module loading: about 130 modules (the CLI's own and yargs') cost some
// 50 ms to resolve and load one by one. Bundled, they are a dozen chunks, split so that each command
// still loads only its own code, and string-width's regexes are built only for non-ASCII text.
// The heavy packages stay outside the bundle and are imported only by
// the commands that use them (test/cli/lazy-modules.test.ts holds both).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bin');
/** Loaded from node_modules when a command needs them; the report also reads vega's browser builds. */
const external = ['vega', 'vega-lite', 'vega-embed', 'prom-client', 'log-update', 'papaparse'];

rmSync(out, { recursive: true, force: true });
await build({
  input: {
    gosched: join(root, 'dist', 'cli', 'main.js'),
    // parallel-analyze starts it as `new URL('./analyze-worker.js', import.meta.url)`, beside the chunks
    'analyze-worker': join(root, 'dist', 'cli', 'analyze-worker.js'),
  },
  platform: 'node',
  // yargs' help layout measures every cell; see src/cli/help-text-width.ts
  resolve: { alias: { 'string-width': join(root, 'dist', 'cli', 'help-text-width.js') } },
  external: (id) => external.some((p) => id === p || id.startsWith(`${p}/`)),
  logLevel: 'warn',
  output: {
    dir: out,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
  },
});
