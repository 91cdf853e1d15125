import { ensureBuilt } from './run-built-cli.js';

/** Vitest global setup of the e2e project: one build (when dist/ is stale) before any e2e file runs. */
export default function setup(): void {
  ensureBuilt();
}
