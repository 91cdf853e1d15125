import pc from 'picocolors';

type Colors = ReturnType<typeof pc.createColors>;

/**
 * The two global switches of every command: `-q/--quiet` (no line counts, diagnostics or "wrote"
 * notes on stderr; errors still print) and `--no-color` (also honoured: NO_COLOR, FORCE_COLOR, a pipe).
 */
let quiet = false;
let palette: Colors = pc;

export function configureTerminal(opts: { quiet?: boolean; color?: boolean }): void {
  quiet = opts.quiet === true;
  palette = pc.createColors(opts.color !== false && pc.isColorSupported);
}

export function isQuiet(): boolean {
  return quiet;
}

export function colors(): Colors {
  return palette;
}

/** An informational line on stderr, unless --quiet. */
export function note(text: string): void {
  if (!quiet) process.stderr.write(`${text}\n`);
}
