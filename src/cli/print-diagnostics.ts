import type { ScanResult } from './scan-sources.js';
import { colors, isQuiet } from './terminal.js';

const SHOWN = 20;

/** Line counts and the first warnings on stderr (stdout stays clean for data). */
export function printDiagnostics(scan: ScanResult, withCounts = true): void {
  if (isQuiet()) return;
  const pc = colors();
  const c = scan.counts;
  const err = process.stderr;
  if (withCounts)
    err.write(
      pc.dim(
        `${c.lines} lines: ${c.schedtrace} schedtrace, ${c.gctrace !== undefined ? `${c.gctrace} gctrace, ` : ''}${c.foreign} foreign, ${c.malformed} malformed; ${scan.snapshots} snapshots\n`,
      ),
    );
  const warnings = scan.diagnostics.filter((d) => d.severity !== 'info');
  for (const d of warnings.slice(0, SHOWN)) {
    const where = `${d.stream ? `${d.stream} ` : ''}line ${d.line}`;
    err.write(`${d.severity === 'error' ? pc.red('error') : pc.yellow('warning')} ${where}: ${d.message}\n`);
  }
  const total = Object.values(scan.diagnosticsByCode).reduce((a, b) => a + b, 0);
  const shown = Math.min(SHOWN, warnings.length);
  if (total - shown > 0 && warnings.length > shown) {
    const byCode = Object.entries(scan.diagnosticsByCode)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    err.write(pc.dim(`${total} diagnostics in all (${byCode}); --json lists them\n`));
  }
}
