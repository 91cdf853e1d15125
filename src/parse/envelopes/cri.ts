import { looksTimestamped, RFC3339, type Unwrapped } from './unwrapped.js';

// containerd / CRI-O / kubelet log files (/var/log/pods/...): `<RFC3339Nano> <stdout|stderr> <tag> <text>`.
// The tag is `F` (full line, or the last chunk of one) or `P` (partial: the runtime split a long
// line, at 16 KiB in containerd; later `P` chunks and a final `F` of the same stream complete it).
const LINE = new RegExp(`^(${RFC3339}) (stdout|stderr) ([FP])(?: |$)`);

export function unwrapCri(s: string): Unwrapped | null {
  if (!looksTimestamped(s)) return null;
  const m = LINE.exec(s);
  if (m === null) return null;
  return {
    kind: 'cri',
    text: s.slice(m[0].length),
    stream: '',
    wallTime: m[1],
    partial: m[3] === 'P',
    channel: m[2] as string,
  };
}
