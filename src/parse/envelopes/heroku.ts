import { looksTimestamped, RFC3339, type Unwrapped } from './unwrapped.js';

/**
 * Heroku's log stream (`heroku logs`, a log drain): `<RFC 3339 time> <source>[<dyno>]: <text>`, the
 * source `app` for the program's own output (`heroku` for the platform's: router, scheduler). The
 * dyno names the stream (`web.1`, `worker.2`): a dyno that restarts keeps its name, so its new
 * process is the next run of the same stream, and two dynos are two streams.
 */
const LINE = new RegExp(`^(${RFC3339}) (app|heroku)\\[([A-Za-z0-9_.-]+)\\]:(?: |$)`);

export function unwrapHeroku(s: string): Unwrapped | null {
  if (!looksTimestamped(s)) return null;
  const m = LINE.exec(s);
  if (m === null) return null;
  return {
    kind: 'heroku',
    text: s.slice(m[0].length),
    stream: m[2] === 'app' ? (m[3] as string) : `heroku[${m[3]}]`,
    wallTime: m[1],
    partial: false,
    channel: '',
  };
}
