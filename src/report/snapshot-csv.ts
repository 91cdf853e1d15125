import Papa from 'papaparse';
import type { Snapshot } from '../trace/snapshot.js';

/** Tidy CSV: one row per snapshot and P. */
export const snapshotCsvColumns = [
  'stream',
  'run',
  'line',
  'tMs',
  'era',
  'gomaxprocs',
  'idleprocs',
  'threads',
  'spinningthreads',
  'needspinning',
  'idlethreads',
  'runqueue',
  'p',
  'runq',
  'schedtick',
  'syscalltick',
  'pStatus',
  'pM',
] as const;

type Cell = string | number | boolean | null;

export function snapshotCsvRows(s: Snapshot): Cell[][] {
  const rows: Cell[][] = [];
  for (let p = 0; p < s.runq.length; p++) {
    const d = s.detail?.p[p];
    rows.push([
      s.stream,
      s.run,
      s.line,
      s.tMs,
      s.era,
      s.gomaxprocs,
      s.idleprocs,
      s.threads,
      s.spinningthreads ?? null,
      s.needspinning ?? null,
      s.idlethreads,
      s.runqueue,
      p,
      s.runq[p] ?? null,
      d?.schedtick ?? s.schedticks?.[p] ?? null,
      d?.syscalltick ?? null,
      d?.status ?? null,
      d?.m ?? null,
    ]);
  }
  return rows;
}

/** CSV text for some rows; the header only when asked, so a stream can be written in chunks. */
export function toCsv(rows: Cell[][], withHeader: boolean): string {
  const text = Papa.unparse({ fields: [...snapshotCsvColumns], data: rows }, { header: withHeader, newline: '\n' });
  return text === '' ? '' : `${text}\n`;
}
