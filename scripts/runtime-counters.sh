#!/usr/bin/env bash
# Build a Go program against a copy of the Go runtime patched with counters, to check the model's
# mechanisms against what the runtime itself does (README: "Checked against the runtime's own
# counters"). The patches (runtime-counters/go<release>.patch) add fields to every schedtrace
# line, cumulative since the start:
#   x.newm_retake_spin_other   threads created (newm) by sysmon's retake / for a spinning M / else
#   x.exitsyscall_fast_oldp_idlep_nop   syscall exits (Go 1.26): P kept / old P taken back from the
#                              M it went to / an idle P / none (exitsyscallNoP: the G is queued)
#   x.exitsyscall_oldp_nop     the same in Go 1.19, which always releases the P: the old P
#                              reacquired (exitsyscallfast) / none (exitsyscall0)
#   x.retakes                  Ps sysmon took from syscalls (handoffp in retake)
#   x.sysmon_short_n_us        sysmon sleeps under 1 ms: count / total µs past the request
#   x.sysmon_long_n_us         the same for sleeps of 1 ms and more
#   x.wake_n_us, x.spin_wake_n_us   wake-ups of a parked M (startm → notewakeup → running) /
#                                    of one started spinning: count / total µs
#   x.sweep_yields             the background sweeper's yields (Go 1.26: goschedIfBusy, every 10
#                              spans with no idle P; Go 1.19: Gosched after every span), each a
#                              trip through the global queue
#   x.preempts                 goroutines preempted (gopreempt_m)
#   x.globrunqput_one_batch    goroutines put on the global queue one at a time / in batches
#   x.stop_last_hist, x.stop_other_hist   a stop-the-world's Ms from gcstopm's stopwait-- to stopm's
#                              mput, in µs bins <25, <50, <100 … <25600, more: the M that stops last
#                              (it wakes the stopping M first) / the others
# Go 1.19 only: x.goscheds (every Gosched), x.assist_yields (gcAssistAlloc's Gosched when preempted).
# Go 1.26 only:
#   x.spin_ok_n_us, x.spin_fail_n_us   spinning spells that found work / gave up: count / total µs
#   x.spin_newm                      spinning Ms started as new threads
#   x.wake_hist, x.sysmon_short_hist, x.spin_wake_hist  the same latencies in those bins
#   x.drop_mput_hist           findRunnable's dropped P to stopm's mput, in those bins
#   x.stw_newm                 startTheWorldWithSema's new threads (no idle M for a P with work)
#   x.assist_park_ready        mark assists parked in the assist queue (gcParkAssist) / readied by a
#                              background worker's credit (gcFlushBgCredit); also in the Go 1.19 patch
#   x.exec_user_sys_inherit    execute: fresh time slices for a user G / for a runtime G (mark workers,
#                              the sweeper) / runnext Gs inheriting the slice (no schedtick)
#   x.worker_ded_frac_idle_n_us   mark workers' runs (gcBgMarkWorker, one gcDrain each) in dedicated /
#                              fractional / idle mode: count / total µs for each
#   x.bgsweep_spans            spans the background sweeper swept (bgsweep's sweepone loop)
#
# Usage: scripts/runtime-counters.sh GO PROGRAM_DIR OUT
#   GO: `local` (the go on PATH) or the path to a go binary; its release must have a patch here
#   (go1.26.8: the installed toolchain; go1.19.8: Debian's golang-1.19-go).
# Then run OUT with GODEBUG=schedtrace=N as usual.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -ne 3 ]]; then
  echo "usage: $0 GO PROGRAM_DIR OUT" >&2
  exit 2
fi
gobin="$1"
[[ "$gobin" == local ]] && gobin="$(command -v go)"
program="$(cd "$2" && pwd)"
out="$(realpath -m "$3")"
release="$(GOTOOLCHAIN=local "$gobin" env GOVERSION)"
patchfile="$ROOT/scripts/runtime-counters/$release.patch"
if [[ ! -f "$patchfile" ]]; then
  echo "no counters patch for $release (have: $(cd "$ROOT/scripts/runtime-counters" && ls))" >&2
  exit 2
fi
goroot="$(GOTOOLCHAIN=local "$gobin" env GOROOT)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/runtime-counters.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cp -rL "$goroot" "$tmp/go"
chmod -R u+w "$tmp/go"
(cd "$tmp/go" && patch -s -p1 <"$patchfile")
(cd "$program" && GOROOT="$tmp/go" GOTOOLCHAIN=local GOFLAGS= "$tmp/go/bin/go" build -o "$out" .)
echo "built $out against $release with runtime counters"
