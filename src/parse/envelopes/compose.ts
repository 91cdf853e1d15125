import type { Unwrapped } from './unwrapped.js';

// docker compose (`up`, `logs`): `<name><pad> | <text>`, the names padded to one width.
// Compose v2 prints `%-{longest+1}s | ` (so at least two spaces before `|`); v1 padded to the
// longest name (one space). Colour wraps the prefix in ANSI SGR codes: `ESC[36mapi-1  | ESC[0m`
// (one reset after the prefix is taken; colours inside the text are the program's).
// To keep table-like program output (`foo | bar`) from passing as a prefix, a single space is
// accepted only after a name with a replica suffix (`api_1`, `api-1`). With two or more spaces any
// name without spaces or `|` is taken.
const COLORED =
  /^(?:\x1b\[[0-9;]*m)*([A-Za-z0-9][\w.-]*)(?:\x1b\[[0-9;]*m)*( +)(?:\x1b\[[0-9;]*m)*\|(?:\x1b\[[0-9;]*m)*(?: |$)(?:\x1b\[0?m)?/;
const REPLICA = /[-_]\d+$/;

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 46;
}

export function unwrapCompose(s: string): Unwrapped | null {
  if (s.charCodeAt(0) === 27) {
    const m = COLORED.exec(s);
    if (m === null) return null;
    const name = m[1] as string;
    if ((m[2] as string).length < 2 && !REPLICA.test(name)) return null;
    return {
      kind: 'compose',
      text: s.slice(m[0].length),
      stream: name,
      wallTime: undefined,
      partial: false,
      channel: '',
    };
  }
  // Plain prefix: scanned by hand, so `SCHED 12ms: ...` is turned away after a few characters.
  let i = 0;
  let plainName = true;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 124) break;
    if (!isNameChar(c)) plainName = false;
  }
  if (i === 0 || s.charCodeAt(i) !== 32) return null;
  let j = i + 1;
  while (s.charCodeAt(j) === 32) j++;
  if (s.charCodeAt(j) !== 124) return null;
  const after = j + 1;
  if (after < s.length && s.charCodeAt(after) !== 32) return null;
  const name = s.slice(0, i);
  // Compose pads with two or more spaces; a name outside compose's own charset (a crafted log) is
  // taken only then, and is carried as plain text (the report escapes it).
  if (j - i < 2 && (!plainName || !REPLICA.test(name))) return null;
  return {
    kind: 'compose',
    text: s.slice(Math.min(after + 1, s.length)),
    stream: name,
    wallTime: undefined,
    partial: false,
    channel: '',
  };
}
