/** Calls `stop` on Ctrl-C (SIGINT) or SIGTERM instead of dying, so a live command can print its summary. Returns the undo. */
export function onStopSignals(stop: () => void): () => void {
  const handler = (): void => stop();
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
