import type { Unwrapped } from './unwrapped.js';

// `kubectl logs --prefix`: `[pod/<pod>/<container>] <text>` (kubectl's log prefix is always a pod).
const PREFIX = /^\[(pod\/[^\s/\]]+\/[^\s/\]]+)\](?: |$)/;

export function unwrapKubectlPrefix(s: string): Unwrapped | null {
  if (!s.startsWith('[pod/')) return null;
  const m = PREFIX.exec(s);
  if (m === null) return null;
  return {
    kind: 'kubectl-prefix',
    text: s.slice(m[0].length),
    stream: m[1] as string,
    wallTime: undefined,
    partial: false,
    channel: '',
  };
}
