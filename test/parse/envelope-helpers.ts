import type { Diagnostic } from '../../src/messages.js';
import { createEnvelopeReader, type LogicalLine } from '../../src/parse/envelope.js';

/** Pushes physical lines through one envelope reader and collects what comes out. */
export function unwrapLines(lines: readonly string[]): { out: LogicalLine[]; diagnostics: Diagnostic[] } {
  const out: LogicalLine[] = [];
  const diagnostics: Diagnostic[] = [];
  const reader = createEnvelopeReader(
    (l) => out.push(l),
    (d) => diagnostics.push(d),
  );
  for (const l of lines) reader.push(l);
  reader.end();
  return { out, diagnostics };
}

export function unwrapOne(line: string): LogicalLine {
  const { out } = unwrapLines([line]);
  if (out.length !== 1) throw new Error(`expected one logical line, got ${out.length}`);
  return out[0] as LogicalLine;
}
