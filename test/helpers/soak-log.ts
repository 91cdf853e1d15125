/** Hours of schedtrace at a 100 ms period, 8 Ps, a restart every hour and bursts that make findings. */
export function* soakLines(hours: number): Generator<string> {
  const perHour = 36_000;
  let seed = 1;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let h = 0; h < hours; h++) {
    for (let i = 0; i < perHour; i++) {
      const burst = i % 3000 >= 2990;
      const q = Array.from({ length: 8 }, (_, p) => (burst && p === i % 8 ? 256 : Math.floor(rnd() * 6)));
      const global = burst ? 500 + (i % 3000) * 10 : Math.floor(rnd() * 3);
      const idle = burst ? 2 : Math.floor(rnd() * 2);
      yield `SCHED ${i * 100}ms: gomaxprocs=8 idleprocs=${idle} threads=${12 + (i % 7)} spinningthreads=${i % 2} needspinning=0 idlethreads=3 runqueue=${global} [ ${q.join(' ')} ] schedticks=[ ${q.map((_, p) => i * 3 + p).join(' ')} ]`;
      if (i % 500 === 0) yield `app: handled ${i} requests`;
    }
  }
}
