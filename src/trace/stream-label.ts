/**
 * The one name of the unnamed stream (a plain log, no envelope naming a service or container) in
 * every output a person reads: text, JUnit, Markdown, HTML. Data outputs (JSON, NDJSON, CSV) keep
 * its key, the empty string, so a service that is itself called "stream" stays distinct there.
 */
export const UNNAMED_STREAM = 'stream';

export function streamLabel(stream: string): string {
  return stream === '' ? UNNAMED_STREAM : stream;
}
