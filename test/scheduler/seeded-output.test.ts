import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scheduler/simulate.js';
import { samplesDir } from '../helpers/samples.js';

/**
 * Speed work on the kernel and the runtime must not change what the model does: these SHA-1s of the
 * seeded schedtrace text (and the event counts) were taken from the build before the event queue
 * became an index heap. A change here is a change of behaviour, not of speed: the only ones since are
 * `locked` and `crash`, re-taken when due timers began to wait for their P's next schedule
 * (checkTimers, runtime/park.ts timerReady), and `syscalls`, re-taken when exitsyscall began to take
 * its old P back from the M in a syscall on it (runtime/syscall.ts) and the spec's read cost was
 * re-measured, and `gcheavy` at 4 Ps, re-taken when the allocators running as the mark phase ends
 * began to block on gcMarkDone's semaphore (runtime/mark-done-sema.ts), and `netpoll`, re-taken when
 * its spec became a cgo program (the extra M and the template thread in its dumps; same events),
 * and the runs with more busy Ps than `cpus` (oversub at 8 Ps, gcheavy at 4 and 16), re-taken when a
 * preempted goroutine began to yield only at its thread's next turn on a core (machine.ts turnGap),
 * and again (those and syscalls at 2 Ps on 2 cores) when a new thread began to wait for its first
 * run behind the runnable threads of its core (machine.ts newThreadWaitNs) and the time-paced GC
 * cycles began to come an exponential gap apart (gc.ts timePacedGapNs), and `syscalls` again when
 * retake began to take a P from a G that kept it through syscall after syscall for 10 ms on one
 * schedtick (sysretake) and the spec's nanosleep began to end anywhere in the timer slack, and the
 * runs with more busy threads than `cpus` (oversub, syscalls, gcheavy, gosched on 2 cores) when
 * sysmon's wake-up on busy cores began to come late one time in ten, as measured (lateWakeNs), and
 * `gcheavy` when mark termination's woken assists began to go to the terminating P's local ring
 * (gc.ts gcWakeAllAssists), its spec gained the background sweeper (sweep.ts), and a parked M woken
 * on busy cores other than by retake began to be late as sysmon is (procs.ts startm), and the runs
 * with more busy threads than `cpus` again when that lateness began to grow with the load, as the
 * counters measured it at 2-16 Ps (machine.ts LATE_WAKE_SHARE_MAX), and `gcheavy` and `netpoll` when
 * the M that stops last for a stop-the-world began to reach the idle list late some of the time on
 * busy cores (machine.ts preemptedWakerNs) and a thief began to sleep in runqgrab before taking a
 * running P's runnext (runq.ts STEAL_SLEEP), and `gcheavy` again when an M on its way to a P began to
 * arrive and stop within a wake-up once the world stops (stw.ts), not after the wait drawn on busy cores,
 * and `locked` when its first LockOSThread began to start the template thread (procs.ts
 * startTemplateThread: one more M line in its dumps; same events), and `locked` and `netpoll` when
 * the M asleep in netpoll(delay) began to wake for a timer on its millisecond grid, past it by the
 * timer slack (park.ts netpollWakeAt), and `locked`'s spec began to give the requested 1 ms sleep,
 * and `gcheavy` when the allocators queued at the end of the mark phase began to block on the
 * mark-done semaphore (gc.ts blockQueuedAllocators) and assists to park only in cycles with dedicated
 * workers (at 2 Ps, pinned since, none park), and `gcheavy` on Go 1.26 when a goroutine preempted for
 * a stop-the-world began to wait in its own P's runnext (park.ts goschedImpl, profile
 * stwPreemptToRunnext) and its spec's assists to park at 2 Ps too, once per 1.5 ms of CPU
 * (assistDrainQuantumMs), and `gcheavy` at 4 and 16 Ps when the assists parked as a cycle with
 * dedicated workers runs out of mark work began to end on the mark-done semaphore
 * (gc.ts parkedAssistsToMarkDone), and `gcheavy` at 4 and 16 Ps when an M that has dropped its P
 * began to reach the idle list late now and then on busy cores (machine.ts preemptedDropNs), and
 * the three `gcheavy` rows when its spec's credit flush went from every 0.5 ms to every 1.5 ms, as
 * the runtime's assist counts put it (x.assist_park_ready), and again when its mark phase went from
 * 12 ms to the 7.8 ms the committed captures' gctrace lines measure, and `gcheavy`'s detailed dumps
 * when a marking worker began to print as the runtime prints it, waiting (same events), and
 * `overflow`'s detailed dumps when gfput began to leave 31 dead Gs on the P's list, as the runtime
 * does (gfreecnt; same events).
 * [spec, go, GOMAXPROCS, cpus, scheddetail, events, sha1]
 */
const PINNED: [string, string, number, number | undefined, boolean, number, string][] = [
  ['overflow', '1.26', 1, undefined, false, 8421, '49dac40bf1c2d345b60c822dd0d83b71ea255714'],
  ['overflow', '1.19', 1, undefined, true, 8421, '1670ecfddb85e9bd03f58583757b5768872a308c'],
  ['oversub', '1.26', 8, 2, false, 202, 'cb93f0787f0bfb459639151eb190fe0d6ff49654'],
  ['syscalls', '1.19', 2, 2, true, 14623, 'a76be4f22234fc4bed9e1f5b362d9a9c6b083499'],
  ['syscalls', '1.26', 2, undefined, false, 55213, '1c93888ee6976d7cac751f3ee6f98a8a9268a22d'],
  ['gcheavy', '1.26', 4, 2, true, 6911, '7e8b104704bd6afe104ff20d773fda70777ea183'],
  ['gcheavy', '1.19', 16, 2, false, 49704, 'e6d50826ccfe2117430c57440acc0e7bfba633c7'],
  ['gcheavy', '1.26', 2, 2, false, 757, 'c958d0f732109417b1e5ad3a9a93b54e2ac7a098'],
  ['netpoll', '1.26', 2, undefined, true, 60173, 'f6f289798965208f17d78aefb0dee31ab309b69e'],
  ['pingpong', '1.19', 4, undefined, false, 1499920, '8012b444e85ae46f94c16f5229ab9388643b5895'],
  ['locked', '1.26', 2, undefined, true, 8777, '604d222f0455ee3470e7363b06f180a7233e6965'],
  ['resize', '1.26', 2, 2, false, 17317, '6d5644c03bd237405b4af7ad37db63dd4863f2b1'],
  ['crash', '1.19', 2, undefined, false, 219, '0039a55313173d7e1147e1195b98b3509b944931'],
  ['seed', '1.26', 4, undefined, false, 137, '79b93b8f23bd8e602a7464c68e652fe210a9d69e'],
  ['gosched', '1.19', 4, 2, false, 105364, '1c429e94da20bf5f4e137b68b3eea47c540979c2'],
];

describe('seeded simulate output is pinned', () => {
  it.each(PINNED)('%s go%s GOMAXPROCS=%i cpus=%s detail=%s', (w, go, gomaxprocs, cpus, detail, events, sha1) => {
    const workload = JSON.parse(readFileSync(join(samplesDir, 'workloads', `${w}.json`), 'utf8'));
    const h = createHash('sha1');
    const r = simulate(
      { workload, go, gomaxprocs, periodMs: 20, detail, seed: 11, durationMs: 300, ...(cpus ? { cpus } : {}) },
      (t) => h.update(`${t}\n`),
      false,
    );
    expect(r.events).toBe(events);
    expect(h.digest('hex')).toBe(sha1);
  });
});
