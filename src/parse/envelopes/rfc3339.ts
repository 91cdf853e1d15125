import { looksTimestamped, RFC3339, type Unwrapped } from './unwrapped.js';

// `kubectl logs --timestamps`, `docker logs --timestamps`, `docker compose logs -t` (inside the prefix):
// one RFC 3339 timestamp, one space, the text.
const PREFIX = new RegExp(`^(${RFC3339})(?: |$)`);

export function unwrapRfc3339(s: string): Unwrapped | null {
  if (!looksTimestamped(s)) return null;
  const m = PREFIX.exec(s);
  if (m === null) return null;
  return { kind: 'rfc3339', text: s.slice(m[0].length), stream: '', wallTime: m[1], partial: false, channel: '' };
}
