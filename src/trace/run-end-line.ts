/**
 * A run's input lines, as every command states them, go from its first dump's SCHED line to the last
 * line the run took: its last dump's P, M and G lines, the crash text printed after its crash dump
 * (both Snapshot.endLine), and the gctrace lines printed after its last dump (TrailingGc.line, which
 * extend it as a line alone). This is the run's last line so far, `sofar`, once `dump` is read.
 */
export function runEndLine(sofar: number, dump: { line: number; endLine?: number | undefined }): number {
  const end = dump.endLine ?? dump.line;
  return Math.max(end, sofar);
}
