#!/usr/bin/env bash
# Capture the labelled corpus: samples/labelled/<folder>/<scenario>.log, from the programs in
# samples/labelled/workloads/. Writes samples/labelled/manifest.json; the sidecars
# (<scenario>.labels.json) are written by hand from each program's design, before the capture,
# and are never touched here.
#
# TOOLCHAINS lists the Go releases to capture with: `local` (the go on PATH), a path to a go
# binary, or a release name such as go1.22.12 (fetched from the module proxy through GOTOOLCHAIN).
# Each goes to go<major.minor>/ unless DEST names the folder. SET picks the scenarios: `base`
# (GOMAXPROCS 2 to 16), `scale` (32 to 56 Ps), `detail` (scheddetail, stored gzipped) or `all`;
# by default `local` takes all and the others base only, scale scenarios of `local` going to scale/.
# SET=novel takes the new programs of the novel split instead (hashpool ... steadyfit, never tuned
# on), with GOMAXPROCS chosen per release: NOVEL_GO121 for Go 1.21, NOVEL_GO123 for Go 1.23 (and
# NOVEL_GO121 for any other release). SET=phases takes the phases split's (batchphases, bursty,
# halfbusy), SET=phases2 its second round's (mapreduce, periodic, steadyhalf), SET=phases3 its
# third's (frames, and batchphases at 6 Ps); SET=leaks the goroutine-leak split's (aggleak,
# condleak, selectleak, and controls steadypool, slowwaiters); SET=phases4 the fourth phases round's
# (stencil, etl, and controls serialmost, halfbusy at 6 Ps); SET=period the period split's (the
# conditions that last seconds, dumped a second apart, as production captures are); SET=mixed the
# mixed split's (two conditions in one log, one costing more by design: oldthreads, crashsat);
# SET=scale128 the corpus's conditions and controls at 96 and 128 Ps; SET=scale128detail those
# with scheddetail at 128 Ps; SET=scale128b the bursts at their short periods at 128 Ps; SET=p1
# the conditions and controls at GOMAXPROCS=1; SET=scale128other the scale128 and scale128detail
# scenarios together, for another release (their labels copied before capture); SET=p1other the
# p1 scenarios, likewise. SET=pinned the pinned split's: the corpus's conditions and controls at 2 to 8 Ps
# on one CPU (CPUSET=0: `taskset -c 0`, as a container whose CPU quota is below GOMAXPROCS).
#
# SET=pinned64 the pinned scenarios at 64 Ps (with CPUSET=0, one CPU). SET=throttled the pinned scenarios
# again, to run with CPU_QUOTA=0.5. SET=pinned64other and SET=throttledother: the same two, for another
# release (their labels copied before capture).
# SET=revisit the revisit split's programs (memlimit, cgosleep, yielder, pipeline).
# SET=novel3 the novel3 split's programs (httpsvc, broadcast, rwconfig, ctxleak, logfmt, mapcrash,
# heartbeat: shapes of real services the corpus lacked, never tuned on), with GOMAXPROCS chosen per
# release: NOVEL3_GO126 for Go 1.26, NOVEL3_GO124 for Go 1.24 (and NOVEL3_GO126 for any other).
# SET=novel4 the novel4 split's programs (rpcsat, feedwave, lrucache, stackcrash, and controls
# backpress, shardcache: never tuned on), with GOMAXPROCS chosen per release: NOVEL4_GO126 for
# Go 1.26, NOVEL4_GO119 for Go 1.19 (and NOVEL4_GO126 for any other).
# SET=novel5 the novel5 split's programs (bulkindex, sleepleak, symtable, fatalloop, routersat, and
# the control tickerfleet: never tuned on), with GOMAXPROCS chosen per release: NOVEL5_GO125 for
# Go 1.25, NOVEL5_GO120 for Go 1.20 (and NOVEL5_GO125 for any other).
# SET=novel6 the novel6 split's programs (oomloop, quitdump, transportleak, fsyncwal, hashsat, and
# the control pubsub: never tuned on), with GOMAXPROCS chosen per release: NOVEL6_GO126 for Go 1.26,
# NOVEL6_GO122 for Go 1.22 (and NOVEL6_GO126 for any other).
# SET=novel7 the novel7 split's programs (nocaseleak, nilchanleak, httpburst, autoscale, freemem, and
# the control fillps: never tuned on), with GOMAXPROCS chosen per release: NOVEL7_GO124 for Go 1.24,
# NOVEL7_GO121 for Go 1.21 (and NOVEL7_GO124 for any other).
# SET=novel8 the novel8 split's programs (jsonsat, sendleak, reloadlock, sleepsys, and the control
# idlesvc: production-sized, 8 to 64 Ps dumped 0.5 to 1 s apart, never tuned on), with GOMAXPROCS
# chosen per release: NOVEL8_GO126 for Go 1.26, NOVEL8_GO123 for Go 1.23 (and NOVEL8_GO126 for any other).
# SET=novel9 the novel9 split's programs (tenantsync, chatwave, afterleak, and the control
# backoffsleep: written to try the rules changed on novel5 to novel7, never tuned on), with
# GOMAXPROCS chosen per release: NOVEL9_GO125 for Go 1.25, NOVEL9_GO119 for Go 1.19 (and NOVEL9_GO125 for any other).
# SET=novel10 the novel10 split's program (hubwake: one P's ring long beside 95 or 127 spinning Ps,
# woken or spawned by one hub, and its control whose workers wake by their own timers; 96 and 128 Ps,
# where imbalance may be reported), with GOMAXPROCS chosen per release: NOVEL10_GO126 for Go 1.26,
# NOVEL10_GO122 for Go 1.22 (and NOVEL10_GO126 for any other).
# SET=novel11 the novel11 split: hubwake again, its spinners started one every 60 ms (-ramp) so that
# each has its P before the hub's round, with GOMAXPROCS chosen per release: NOVEL11_GO125 for Go
# 1.25, NOVEL11_GO121 for Go 1.21 (and NOVEL11_GO125 for any other).
# SET=novel12 the novel12 split's programs (timerstorm, yieldpoll, wgleak, and the controls
# allocburst, plusone), with GOMAXPROCS chosen per release: NOVEL12_GO126 for Go 1.26, NOVEL12_GO122
# for Go 1.22 (and NOVEL12_GO126 for any other).
# SET=novel13 the novel13 split's program (sleepwave), NOVEL13_GO126 for Go 1.26, NOVEL13_GO124 for Go 1.24.
# SET=novel14 the novel14 split's programs (tickstorm, chanfanin, jitterstorm, closeall), NOVEL14_GO125 for
# Go 1.25, NOVEL14_GO121 for Go 1.21 (and NOVEL14_GO125 for any other).
# SET=novel15 the timer storm on Go 1.23 (NOVEL15_GO123) and the sleep wave on Go 1.20 (NOVEL15_GO120).
# SET=novel16 the waves again for the replay (timer storm, broadcast by close, sleep wave) and the new
# beatwave, NOVEL16_GO125 for Go 1.25, NOVEL16_GO122 for Go 1.22 (and NOVEL16_GO125 for any other).
# SET=novel17 the new statsloop (runtime.ReadMemStats back to back beside one computing goroutine per
# P: the world stopped for much of the run) and its controls, NOVEL17_GO126 for Go 1.26, NOVEL17_GO121
# for Go 1.21 (and NOVEL17_GO126 for any other).
# SET=novel18 statsloop again, summary lines only, at 3 and 6 Ps (Go 1.24.11, Go 1.25.5) and 16 Ps with
# its once-a-second control (Go 1.20.14), to try blind the stopped world read from summary counts:
# NOVEL18_GO124, NOVEL18_GO125, NOVEL18_GO120 (and NOVEL18_GO125 for any other).
# SET=novel19 the new pileup (handlers piling up in chan send behind slow writers, then draining, or
# stranded with -stuck) and execwait (goroutines waiting for child processes), NOVEL19_GO126 for Go 1.26,
# NOVEL19_GO122 for Go 1.22 (and NOVEL19_GO126 for any other).
# SET=novel20 the base scenarios at the periods the corpus lacked: dumps 1 ms apart (NOVEL20_GO126 for Go
# 1.26, NOVEL20_GO120 for Go 1.20) and 10 s apart (NOVEL20_GO124 for Go 1.24; NOVEL20_GO126 for any other).
# SET=novel21 pile-ups that drain, of other reasons and programs than novel19's (limiter: handlers behind a
# semaphore, chan send; slowbackend: callers in select through a slowdown, and with -hang a leak;
# poolgrow: a worker pool scaled up and shut down, chan receive), NOVEL21_GO126 for Go 1.26, NOVEL21_GO121
# for Go 1.21 (and NOVEL21_GO126 for any other).
# SET=novel22 the novel19 and novel21 programs on two more releases and other settings: NOVEL22_GO125 for
# Go 1.25, NOVEL22_GO123 for Go 1.23 (and NOVEL22_GO125 for any other).
# SET=novel23 the new stackloop (runtime.Stack of every goroutine, or runtime.GC, back to back beside one
# computing goroutine per P; metrics.Read, which stops nothing, as the control): stops of the world that
# are not ReadMemStats', to score gc-stop on logs no rule was written on. NOVEL23_GO125 for Go 1.25,
# NOVEL23_GO123 for Go 1.23 (and NOVEL23_GO125 for any other).
# SET=novel24 spawn bursts with scheddetail dumped 200 and 500 ms apart, where the spills are caught at no
# ring, and the fan-out control: NOVEL24_GO124 for Go 1.24, NOVEL24_GO122 for Go 1.22 (and NOVEL24_GO124
# for any other).
# SET=novel25 hubwake at GOMAXPROCS the imbalance rule was not written on (88 and 104 Ps; 64 as the
# control, where the rule reports nothing), NOVEL25_GO124 for Go 1.24, NOVEL25_GO122 for Go 1.22 (and
# NOVEL25_GO124 for any other).
# SET=stdbench the stdbench split: benchmarks of the Go distribution's own packages (runtime, sync,
# compress/flate, encoding/json), code nobody here wrote, run from their test binaries. A program
# named `std:PKG` is built with `go test -c PKG` from the toolchain's own source tree.
# SET=stdbench2 such benchmarks at 32 to 64 Ps, dumped 100 ms apart.
# SET=ecobench the ecobench split: benchmarks of widely used third-party modules (ants, fasthttp, bbolt,
# zap), fetched through the module proxy. A program named `mod:MODULE@VERSION` (or
# `mod:MODULE@VERSION:SUBDIR` for a package below the module's root) is built with `go test -c` in a
# scratch module that requires it (`go get -t`), and runs in the package's folder of the module cache.
# ECOBENCH_GO125 for Go 1.25 (an older fasthttp, whose newest needs Go 1.26), ECOBENCH_GO126 otherwise.
# SET=ecobench2 such benchmarks at production's P counts (48 and 64) and a 250 ms period, labelled with
# what ecobench taught: ECOBENCH2_GO124 for Go 1.24 (older bbolt, x/sync and fasthttp), ECOBENCH2_GO126 otherwise.
# SET=ecobench3 more such benchmarks at 2 to 24 Ps, labelled with the ranking rule written on ecobench2 as a
# prediction: ECOBENCH3_GO123 for Go 1.23 (older x/sync and fasthttp), ECOBENCH3_GO125 otherwise.
# SET=ecobench4 such benchmarks at production's cadence: 32 to 56 Ps dumped a second apart for 10 s or more,
# ECOBENCH4_GO122 for Go 1.22 (older bbolt, x/sync and fasthttp), ECOBENCH4_GO126 otherwise.
# SET=ecobench5 benchmarks of five modules the corpus had not run (zerolog, fastcache, xsync, conc), one
# set for every release from Go 1.24 on (ECOBENCH5), also a blind test of the replay's calibration change.
# SET=ecobench6 such benchmarks with scheddetail (stored gzipped), one set for Go 1.26 and 1.27 (ECOBENCH6).
#
# CPUSET, when set, runs every program under `taskset -c CPUSET`; the manifest's `cores` is then the
# number of CPUs in that set. CPU_QUOTA (a fraction of one CPU, such as 0.5), when set, runs every
# program in a cgroup of its own whose CPU bandwidth is that quota per 100 ms period (cgroup v1
# cpu.cfs_quota_us or v2 cpu.max; needs write access to the cgroup tree), as a container CPU limit
# throttles; the manifest records it as `cpuQuota`. NEIGHBOURS=N, when set, keeps N busy loops of
# another process running beside every program (a noisy neighbour on a shared node: the kernel shares
# the cores between its threads and the program's, which no quota or pinning does); the manifest
# records it as `neighbours`.
#
# Usage (from the repo root, or `npm run corpus:capture`):
#   scripts/capture-labelled.sh                                  # local and Go 1.19, every scenario
#   GO119=/path/to/go1.19/bin/go scripts/capture-labelled.sh
#   scripts/capture-labelled.sh spawnburst                       # only scenarios whose name contains this
#   TOOLCHAINS=go1.22.12 SET=all scripts/capture-labelled.sh     # a fetched release, into go1.22/
#   TOOLCHAINS=/path/to/go1.19/bin/go DEST=tune-go1.19 SET=all scripts/capture-labelled.sh netburst
#   TOOLCHAINS=go1.24.11 SET=detail scripts/capture-labelled.sh                # scheddetail, into go1.24/
#   TOOLCHAINS=go1.21.13 DEST=novel-go1.21 SET=novel scripts/capture-labelled.sh  # the novel split
#   TOOLCHAINS=go1.23.12 DEST=novel-go1.23 SET=novel scripts/capture-labelled.sh
#   TOOLCHAINS=go1.21.13 SET=all scripts/capture-labelled.sh                  # the base121 split, into go1.21/
#   TOOLCHAINS=go1.22.12 DEST=novel-go1.22 SET=novel scripts/capture-labelled.sh  # novel122 (Go 1.21's settings)
#   TOOLCHAINS=go1.18.10 SET=all scripts/capture-labelled.sh                  # the base118 split, into go1.18/
#   TOOLCHAINS=go1.17.13 SET=all scripts/capture-labelled.sh                  # the base117 split, into go1.17/
#   TOOLCHAINS=go1.16.15 SET=all scripts/capture-labelled.sh                  # the base116 split, into go1.16/
#   TOOLCHAINS=go1.14.15 SET=all scripts/capture-labelled.sh                  # the base114 split, into go1.14/
#   TOOLCHAINS=go1.13.15 SET=all scripts/capture-labelled.sh                  # the base113 split, into go1.13/
#   TOOLCHAINS=go1.11.13 SET=all scripts/capture-labelled.sh                  # the base111 split, into go1.11/
#   TOOLCHAINS=go1.27.3 SET=all scripts/capture-labelled.sh                   # the base127 split, into go1.27/
#   TOOLCHAINS=go1.27.3 DEST=novel3-go1.27 SET=novel3 scripts/capture-labelled.sh  # novel3-127 (Go 1.26's settings)
#   TOOLCHAINS=go1.27.3 DEST=novel8-go1.27 SET=novel8 scripts/capture-labelled.sh  # novel8-127 (Go 1.26's settings)
#   TOOLCHAINS=go1.18.10 DEST=novel-go1.18 SET=novel scripts/capture-labelled.sh  # novel118 (Go 1.21's settings)
#   TOOLCHAINS=go1.18.10 DEST=novel3-go1.18 SET=novel3 scripts/capture-labelled.sh  # novel3-118 (Go 1.26's settings)
#   TOOLCHAINS=go1.23.12 SET=all scripts/capture-labelled.sh                  # the base123 split, into go1.23/
#   TOOLCHAINS=go1.25.5 DEST=novel-go1.25 SET=novel scripts/capture-labelled.sh   # novel125 (Go 1.21's settings)
#   TOOLCHAINS=local DEST=phases-go1.26 SET=phases scripts/capture-labelled.sh  # the phases split
#   TOOLCHAINS=local DEST=novel3-go1.26 SET=novel3 scripts/capture-labelled.sh      # the novel3 split
#   TOOLCHAINS=go1.24.11 DEST=novel3-go1.24 SET=novel3 scripts/capture-labelled.sh
#   TOOLCHAINS=local DEST=novel4-go1.26 SET=novel4 scripts/capture-labelled.sh      # the novel4 split
#   TOOLCHAINS="$GO119" DEST=novel4-go1.19 SET=novel4 scripts/capture-labelled.sh
#   TOOLCHAINS=go1.25.5 DEST=novel5-go1.25 SET=novel5 scripts/capture-labelled.sh        # the novel5 split
#   TOOLCHAINS=go1.20.14 DEST=novel5-go1.20 SET=novel5 scripts/capture-labelled.sh
#   TOOLCHAINS=local DEST=novel6-go1.26 SET=novel6 scripts/capture-labelled.sh            # the novel6 split
#   TOOLCHAINS=go1.22.12 DEST=novel6-go1.22 SET=novel6 scripts/capture-labelled.sh
#   TOOLCHAINS=go1.24.11 DEST=novel7-go1.24 SET=novel7 scripts/capture-labelled.sh        # the novel7 split
#   TOOLCHAINS=go1.21.13 DEST=novel7-go1.21 SET=novel7 scripts/capture-labelled.sh
#   TOOLCHAINS=local DEST=novel8-go1.26 SET=novel8 scripts/capture-labelled.sh            # the novel8 split
#   TOOLCHAINS=go1.23.12 DEST=novel8-go1.23 SET=novel8 scripts/capture-labelled.sh
#   TOOLCHAINS=go1.25.5 DEST=novel9-go1.25 SET=novel9 scripts/capture-labelled.sh         # the novel9 split
#   TOOLCHAINS="$GO119" DEST=novel9-go1.19 SET=novel9 scripts/capture-labelled.sh
#   TOOLCHAINS=local DEST=novel10-go1.26 SET=novel10 scripts/capture-labelled.sh          # the novel10 split
#   TOOLCHAINS=go1.22.12 DEST=novel10-go1.22 SET=novel10 scripts/capture-labelled.sh
#   TOOLCHAINS=go1.25.5 DEST=novel11-go1.25 SET=novel11 scripts/capture-labelled.sh         # the novel11 split
#   TOOLCHAINS=go1.21.13 DEST=novel11-go1.21 SET=novel11 scripts/capture-labelled.sh
#   TOOLCHAINS=local DEST=novel12-go1.26 SET=novel12 scripts/capture-labelled.sh          # the novel12 split
#   TOOLCHAINS=go1.22.12 DEST=novel12-go1.22 SET=novel12 scripts/capture-labelled.sh
#   TOOLCHAINS=local DEST=novel13-go1.26 SET=novel13 scripts/capture-labelled.sh          # the novel13 split
#   TOOLCHAINS=go1.24.11 DEST=novel13-go1.24 SET=novel13 scripts/capture-labelled.sh
#   TOOLCHAINS=go1.25.5 DEST=novel14-go1.25 SET=novel14 scripts/capture-labelled.sh           # the novel14 split
#   TOOLCHAINS=go1.21.13 DEST=novel14-go1.21 SET=novel14 scripts/capture-labelled.sh
#   TOOLCHAINS=local DEST=stdbench-go1.26 SET=stdbench scripts/capture-labelled.sh        # the stdbench split
#   TOOLCHAINS=go1.22.12 DEST=stdbench-go1.22 SET=stdbench scripts/capture-labelled.sh
#   TOOLCHAINS=go1.25.5 DEST=stdbench2-go1.25 SET=stdbench2 scripts/capture-labelled.sh     # the stdbench2 split
#   TOOLCHAINS=go1.24.11 DEST=stdbench2-go1.24 SET=stdbench2 scripts/capture-labelled.sh
#   TOOLCHAINS=local DEST=ecobench-go1.26 SET=ecobench scripts/capture-labelled.sh        # the ecobench split
#   TOOLCHAINS=go1.25.5 DEST=ecobench-go1.25 SET=ecobench scripts/capture-labelled.sh
#   TOOLCHAINS=local DEST=ecobench2-go1.26 SET=ecobench2 scripts/capture-labelled.sh      # the ecobench2 split
#   TOOLCHAINS=go1.24.11 DEST=ecobench2-go1.24 SET=ecobench2 scripts/capture-labelled.sh
#   TOOLCHAINS=go1.25.5 DEST=ecobench3-go1.25 SET=ecobench3 scripts/capture-labelled.sh      # the ecobench3 split
#   TOOLCHAINS=go1.23.12 DEST=ecobench3-go1.23 SET=ecobench3 scripts/capture-labelled.sh
#   TOOLCHAINS=local DEST=ecobench4-go1.26 SET=ecobench4 scripts/capture-labelled.sh       # the ecobench4 split
#   TOOLCHAINS=go1.22.12 DEST=ecobench4-go1.22 SET=ecobench4 scripts/capture-labelled.sh
#   TOOLCHAINS=local DEST=ecobench5-go1.26 SET=ecobench5 scripts/capture-labelled.sh       # the ecobench5 split
#   TOOLCHAINS=go1.24.11 DEST=ecobench5-go1.24 SET=ecobench5 scripts/capture-labelled.sh
#   TOOLCHAINS=local DEST=ecobench6-go1.26 SET=ecobench6 scripts/capture-labelled.sh       # the ecobench6 split
#   TOOLCHAINS=go1.27.3 DEST=ecobench6-go1.27 SET=ecobench6 scripts/capture-labelled.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DIR="$ROOT/samples/labelled"
SCEN_FILTER="${1:-}"
# Go 1.19 in module mode cannot build when its GOROOT lies in the module cache (where GOTOOLCHAIN
# puts it): point GO119 at a copy elsewhere, or at Debian's golang-1.19-go (its bin/go). By default
# a `go1.19` command on PATH.
GO119="${GO119:-go1.19}"
CPUSET="${CPUSET:-}"
PIN=()
[[ -n "$CPUSET" ]] && PIN=(taskset -c "$CPUSET")
CORES="$("${PIN[@]}" nproc)"
CPU_QUOTA="${CPU_QUOTA:-}"
QUOTA_CG=""
if [[ -n "$CPU_QUOTA" ]]; then
  quota_us="$(awk -v q="$CPU_QUOTA" 'BEGIN { printf "%d", q * 100000 }')"
  if [[ -d /sys/fs/cgroup/cpu && -f /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]]; then
    QUOTA_CG="/sys/fs/cgroup/cpu/gosched-capture-$$"
    mkdir "$QUOTA_CG"
    echo 100000 >"$QUOTA_CG/cpu.cfs_period_us"
    echo "$quota_us" >"$QUOTA_CG/cpu.cfs_quota_us"
  else
    QUOTA_CG="/sys/fs/cgroup/gosched-capture-$$"
    mkdir "$QUOTA_CG"
    echo "$quota_us 100000" >"$QUOTA_CG/cpu.max"
  fi
  # The program joins the cgroup before it starts: its threads inherit it.
  PIN=(sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$QUOTA_CG" "${PIN[@]}")
fi
GOENVS=(GOENV=off GOFLAGS= GO111MODULE=)
TOOLCHAINS="${TOOLCHAINS:-local $GO119}"
SET="${SET:-}"
DEST="${DEST:-}"

# name|program|args|GODEBUG|GOMAXPROCS|runs[|gz: stored as name.log.gz]
SCENARIOS='saturate-p4-50ms|saturate|-per-p 4 -d 2s|schedtrace=50|4|1
saturate-p8-50ms|saturate|-per-p 4 -d 2s|schedtrace=50|8|1
busyfit-p2-50ms|busyfit|-d 2s|schedtrace=50|2|1
spawnburst-p4-5ms|spawnburst|-g 3000 -w 20000 -every 500ms -bursts 3|schedtrace=5|4|1
fanout-p4-10ms|fanout|-g 120 -w 1000000 -every 400ms -n 4|schedtrace=10|4|1
gcalloc-p8-gctrace-50ms|gcalloc|-d 2s|schedtrace=50,gctrace=1|8|1
gcalloc-p16-gctrace-50ms|gcalloc|-d 2s|schedtrace=50,gctrace=1|16|1
lockpool-p4-detail-100ms|lockpool|-n 32 -d 2s|schedtrace=100,scheddetail=1|4|1
lockhot-p4-detail-100ms|lockhot|-n 64 -d 1500ms|schedtrace=100,scheddetail=1|4|1
syscalls-p4-50ms|syscalls|-n 48 -d 2s|schedtrace=50|4|1
netburst-p4-5ms|netburst|-c 400 -every 250ms -waves 6 -w 100000|schedtrace=5|4|1
resize-p4-20ms|resize|-step 400ms -seq 2,6,3,8|schedtrace=20|4|1
panicker-p2-50ms|panicker|-after 600ms|schedtrace=50|2|2
idle-p4-100ms|idle|-d 2s|schedtrace=100|4|1'

# Production-sized P counts (the Go on PATH only), in scale/: scored as a third split.
SCALE='gcalloc-p48-gctrace-50ms|gcalloc|-d 2s|schedtrace=50,gctrace=1|48|1
saturate-p56-50ms|saturate|-per-p 4 -d 2s|schedtrace=50|56|1
saturate-p56-100ms-6s|saturate|-per-p 4 -d 6s|schedtrace=100|56|1
saturate-p48-100ms-6s|saturate|-per-p 4 -d 6s|schedtrace=100|48|1
gcalloc-p56-gctrace-100ms|gcalloc|-d 3s|schedtrace=100,gctrace=1|56|1
netburst-p32-5ms|netburst|-c 400 -every 250ms -waves 6 -w 100000|schedtrace=5|32|1
spawnburst-p32-5ms|spawnburst|-g 3000 -w 20000 -every 500ms -bursts 3|schedtrace=5|32|1
fanout-p32-10ms|fanout|-g 120 -w 1000000 -every 400ms -n 4|schedtrace=10|32|1'

# G lines with status and wait reason (IO wait): a few MB a log as text, so stored gzipped.
DETAIL='netburst-p4-detail-10ms|netburst|-c 400 -every 250ms -waves 6 -w 100000|schedtrace=10,scheddetail=1|4|1|gz
netburst-p16-detail-10ms|netburst|-c 400 -every 250ms -waves 6 -w 100000|schedtrace=10,scheddetail=1|16|1|gz
fanout-p4-detail-10ms|fanout|-g 120 -w 1000000 -every 400ms -n 4|schedtrace=10,scheddetail=1|4|1|gz
fanout-p16-detail-10ms|fanout|-g 120 -w 1000000 -every 400ms -n 4|schedtrace=10,scheddetail=1|16|1|gz'

# The novel split: programs written after the rules (one condition each, or none for the controls),
# labelled from their design before capture, for releases the other splits never used. The same
# programs on both releases, at different GOMAXPROCS; scheddetail captures stored gzipped.
NOVEL_GO121='hashpool-p6-100ms|hashpool|-per-p 6 -d 3s|schedtrace=100|6|1
jsonchurn-p12-gctrace-50ms|jsonchurn|-d 3s|schedtrace=50,gctrace=1|12|1
forkjoin-p3-5ms|forkjoin|-chunks 2048 -chunk 512 -every 500ms -waves 4|schedtrace=5|3|1
pipereader-p6-50ms|pipereader|-n 40 -d 2s|schedtrace=50|6|1
cachelock-p12-detail-100ms|cachelock|-n 64 -ops 128 -d 1500ms|schedtrace=100,scheddetail=1|12|1|gz
reload-p12-20ms|reload|-every 400ms -seq 3,1,5,2|schedtrace=20|12|1
deadlock-p3-50ms|deadlock|-light 500ms|schedtrace=50|3|2
udpwaves-p6-detail-10ms|udpwaves|-n 300 -every 250ms -waves 6 -w 100us|schedtrace=10,scheddetail=1|6|1|gz
tickersvc-p48-100ms|tickersvc|-d 2s|schedtrace=100|48|1
steadyfit-p3-50ms|steadyfit|-d 2s|schedtrace=50|3|1'
NOVEL_GO123='hashpool-p24-100ms|hashpool|-per-p 6 -d 3s|schedtrace=100|24|1
jsonchurn-p6-gctrace-50ms|jsonchurn|-d 3s|schedtrace=50,gctrace=1|6|1
forkjoin-p12-5ms|forkjoin|-chunks 2048 -chunk 512 -every 500ms -waves 4|schedtrace=5|12|1
pipereader-p3-20ms|pipereader|-n 40 -d 2s|schedtrace=20|3|1
cachelock-p6-detail-100ms|cachelock|-n 64 -ops 128 -d 1500ms|schedtrace=100,scheddetail=1|6|1|gz
reload-p24-10ms|reload|-every 400ms -seq 3,1,5,2|schedtrace=10|24|1
deadlock-p6-50ms|deadlock|-light 500ms|schedtrace=50|6|2
udpwaves-p24-detail-10ms|udpwaves|-n 300 -every 250ms -waves 6 -w 100us|schedtrace=10,scheddetail=1|24|1|gz
tickersvc-p12-50ms|tickersvc|-d 2s|schedtrace=50|12|1
steadyfit-p6-50ms|steadyfit|-d 2s|schedtrace=50|6|1'

# The phases split: CPU-bound work in phases (saturation's gaps) and two controls, written and
# labelled after the saturation rule learned to go on through single dumps without the backlog,
# captured and scored once.
PHASES='batchphases-p4-50ms|batchphases|-per-p 4 -work 150 -serial 300 -d 2s|schedtrace=50|4|1
batchphases-p8-50ms|batchphases|-per-p 4 -work 150 -serial 300 -d 2s|schedtrace=50|8|1
bursty-p4-50ms|bursty|-per-p 2 -work 20 -every 200ms -d 2s|schedtrace=50|4|1
halfbusy-p4-50ms|halfbusy|-per-p 4 -busy 120ms -idle 120ms -d 2s|schedtrace=50|4|1'
# A second round of it, other programs and settings, written after the phases split was scored.
PHASES2='mapreduce-p3-50ms|mapreduce|-per-p 3 -map 100 -reduce 250 -d 2s|schedtrace=50|3|1
mapreduce-p6-50ms|mapreduce|-per-p 3 -map 100 -reduce 250 -d 2s|schedtrace=50|6|1
periodic-p4-50ms|periodic|-per-p 4 -busy 200ms -every 500ms -d 2500ms|schedtrace=50|4|1
steadyhalf-p4-50ms|steadyhalf|-d 2s|schedtrace=50|4|1'
# A third round, written after the second was scored and the rule changed on it (half of the dumps).
PHASES3='frames-p4-50ms|frames|-per-p 4 -tile 80 -wait 20ms -d 2s|schedtrace=50|4|1
frames-p6-50ms|frames|-per-p 4 -tile 80 -wait 20ms -d 2s|schedtrace=50|6|1
frameslight-p4-50ms|frames|-per-p 2 -tile 20 -wait 80ms -d 2s|schedtrace=50|4|1
batchphases-p6-50ms|batchphases|-per-p 4 -work 150 -serial 300 -d 2s|schedtrace=50|6|1'
# A fourth round of phases, written and labelled after saturation learned to go on through two
# dumps in a row in which a P still ran (a serial step), captured and scored once.
PHASES4='stencil-p4-50ms|stencil|-d 2500ms|schedtrace=50|4|1
stencil-p6-50ms|stencil|-d 2500ms|schedtrace=50|6|1
etl-p4-50ms|etl|-d 2500ms|schedtrace=50|4|1
etl-p6-50ms|etl|-d 2500ms|schedtrace=50|6|1
serialmost-p4-50ms|serialmost|-d 2500ms|schedtrace=50|4|1
halfbusy-p6-50ms|halfbusy|-per-p 4 -busy 120ms -idle 120ms -d 2s|schedtrace=50|6|1'
# Goroutine leaks (scheddetail), written and labelled after goroutine-leak was added, captured and
# scored once: three leaks with other wait reasons, and two controls whose parked count holds.
LEAKS='aggleak-p4-detail-200ms|aggleak|-d 3s|schedtrace=200,scheddetail=1|4|1|gz
condleak-p8-detail-200ms|condleak|-d 3s|schedtrace=200,scheddetail=1|8|1|gz
selectleak-p4-detail-200ms|selectleak|-d 3s|schedtrace=200,scheddetail=1|4|1|gz
steadypool-p4-detail-200ms|steadypool|-d 3s|schedtrace=200,scheddetail=1|4|1|gz
slowwaiters-p8-detail-200ms|slowwaiters|-d 3s|schedtrace=200,scheddetail=1|8|1|gz'
# The period split: conditions that last seconds, dumped a second apart (the period production
# captures use), for 8 to 10 s; labelled from the designs above before capture, scored once.
PERIOD='saturate-p8-1000ms|saturate|-per-p 4 -d 8s|schedtrace=1000|8|1
saturate-p48-1000ms|saturate|-per-p 4 -d 8s|schedtrace=1000|48|1
busyfit-p2-1000ms|busyfit|-d 8s|schedtrace=1000|2|1
gcalloc-p16-gctrace-1000ms|gcalloc|-d 8s|schedtrace=1000,gctrace=1|16|1
gcalloc-p48-gctrace-1000ms|gcalloc|-d 8s|schedtrace=1000,gctrace=1|48|1
syscalls-p4-1000ms|syscalls|-n 48 -d 8s|schedtrace=1000|4|1
lockhot-p4-detail-1000ms|lockhot|-n 64 -d 8s|schedtrace=1000,scheddetail=1|4|1|gz
lockpool-p4-detail-1000ms|lockpool|-n 32 -d 8s|schedtrace=1000,scheddetail=1|4|1|gz
resize-p4-1000ms|resize|-step 2s -seq 2,6,3,8|schedtrace=1000|4|1
panicker-p2-1000ms|panicker|-after 3500ms|schedtrace=1000|2|2
idle-p4-1000ms|idle|-d 8s|schedtrace=1000|4|1
aggleak-p4-detail-1000ms|aggleak|-d 10s|schedtrace=1000,scheddetail=1|4|1|gz
condleak-p8-detail-1000ms|condleak|-d 10s|schedtrace=1000,scheddetail=1|8|1|gz
steadypool-p4-detail-1000ms|steadypool|-d 10s|schedtrace=1000,scheddetail=1|4|1|gz'
# The mixed split: two conditions in one log, one of which costs more by design (the headline
# the labels expect), a second between dumps; labelled before capture, scored once.
MIXED='oldthreads-p8-1000ms|oldthreads|-n 200 -burst 1500ms -d 8s|schedtrace=1000|8|1
oldthreads-p16-1000ms|oldthreads|-n 200 -burst 1500ms -d 8s|schedtrace=1000|16|1
crashsat-p8-1000ms|crashsat|-after 5500ms|schedtrace=1000|8|2
crashsat-p16-1000ms|crashsat|-after 5500ms|schedtrace=1000|16|2'
# The scale128 split: the corpus's conditions and controls at 96 and 128 Ps (2 CPUs), past the 64 Ps
# above which imbalance is reported; labelled before capture, scored once.
SCALE128='saturate-p96-1000ms|saturate|-per-p 4 -d 8s|schedtrace=1000|96|1
saturate-p128-1000ms|saturate|-per-p 4 -d 8s|schedtrace=1000|128|1
busyfit-p128-1000ms|busyfit|-d 8s|schedtrace=1000|128|1
gcalloc-p128-gctrace-1000ms|gcalloc|-d 8s|schedtrace=1000,gctrace=1|128|1
idle-p128-1000ms|idle|-d 8s|schedtrace=1000|128|1
fanout-p128-100ms|fanout|-g 120 -w 1000000 -every 400ms -n 4|schedtrace=100|128|1
syscalls-p128-1000ms|syscalls|-n 300 -d 8s|schedtrace=1000|128|1'
# The scale128detail split: scheddetail conditions and controls at 128 Ps, labelled before capture.
SCALE128DETAIL='saturate-p128-detail-1000ms|saturate|-per-p 4 -d 8s|schedtrace=1000,scheddetail=1|128|1|gz
lockhot-p128-detail-1000ms|lockhot|-n 64 -d 8s|schedtrace=1000,scheddetail=1|128|1|gz
aggleak-p128-detail-1000ms|aggleak|-d 10s|schedtrace=1000,scheddetail=1|128|1|gz
steadypool-p128-detail-1000ms|steadypool|-d 10s|schedtrace=1000,scheddetail=1|128|1|gz
lockpool-p128-detail-1000ms|lockpool|-n 32 -d 8s|schedtrace=1000,scheddetail=1|128|1|gz'
# The scale128b split: the bursts (spawn overflow, netpoll waves) and a fan-out control at their
# short periods, and a sync.Cond leak, at 128 Ps; labelled before capture.
SCALE128B='spawnburst-p128-5ms|spawnburst|-g 3000 -w 20000 -every 500ms -bursts 3|schedtrace=5|128|1
netburst-p128-detail-10ms|netburst|-c 400 -every 250ms -waves 6 -w 100000|schedtrace=10,scheddetail=1|128|1|gz
fanout-p128-10ms|fanout|-g 120 -w 1000000 -every 400ms -n 4|schedtrace=10|128|1
condleak-p128-detail-1000ms|condleak|-d 10s|schedtrace=1000,scheddetail=1|128|1|gz'
# The p1 split: the corpus's conditions and controls at GOMAXPROCS=1; labelled before capture.
P1='saturate-p1-50ms|saturate|-per-p 4 -d 2s|schedtrace=50|1|1
busyfit-p1-50ms|busyfit|-d 2s|schedtrace=50|1|1
gcalloc-p1-gctrace-50ms|gcalloc|-d 2s|schedtrace=50,gctrace=1|1|1
lockhot-p1-detail-100ms|lockhot|-n 64 -d 1500ms|schedtrace=100,scheddetail=1|1|1|gz
syscalls-p1-50ms|syscalls|-n 48 -d 2s|schedtrace=50|1|1
idle-p1-100ms|idle|-d 2s|schedtrace=100|1|1
spawnburst-p1-5ms|spawnburst|-g 3000 -w 20000 -every 500ms -bursts 3|schedtrace=5|1|1
panicker-p1-50ms|panicker|-after 600ms|schedtrace=50|1|2'

# The pinned split: the corpus's conditions and controls with more Ps than CPUs (run with CPUSET=0, one
# CPU, as a container whose CPU quota is below its GOMAXPROCS); labelled before capture.
PINNED='saturate-p4-50ms|saturate|-per-p 4 -d 2s|schedtrace=50|4|1
saturate-p8-1000ms|saturate|-per-p 4 -d 8s|schedtrace=1000|8|1
busyfit-p4-50ms|busyfit|-d 2s|schedtrace=50|4|1
gcalloc-p4-gctrace-50ms|gcalloc|-d 2s|schedtrace=50,gctrace=1|4|1
lockhot-p4-detail-100ms|lockhot|-n 64 -d 1500ms|schedtrace=100,scheddetail=1|4|1|gz
lockpool-p4-detail-100ms|lockpool|-n 32 -d 2s|schedtrace=100,scheddetail=1|4|1|gz
syscalls-p4-50ms|syscalls|-n 48 -d 2s|schedtrace=50|4|1
spawnburst-p4-5ms|spawnburst|-g 3000 -w 20000 -every 500ms -bursts 3|schedtrace=5|4|1
fanout-p4-10ms|fanout|-g 120 -w 1000000 -every 400ms -n 4|schedtrace=10|4|1
netburst-p4-detail-10ms|netburst|-c 400 -every 250ms -waves 6 -w 100000|schedtrace=10,scheddetail=1|4|1|gz
resize-p4-20ms|resize|-step 400ms -seq 2,6,3,8|schedtrace=20|4|1
panicker-p2-50ms|panicker|-after 600ms|schedtrace=50|2|2
idle-p4-100ms|idle|-d 2s|schedtrace=100|4|1'

# The pinned64 split: the pinned scenarios at 64 Ps on one CPU (run with CPUSET=0): a pod limited to one
# CPU on a 64-core node, with GOMAXPROCS left at the node's cores (Go before 1.25, or set by hand).
PINNED64='saturate-p64-50ms|saturate|-per-p 4 -d 2s|schedtrace=50|64|1
saturate-p64-1000ms|saturate|-per-p 4 -d 8s|schedtrace=1000|64|1
busyfit-p64-50ms|busyfit|-d 2s|schedtrace=50|64|1
gcalloc-p64-gctrace-50ms|gcalloc|-d 2s|schedtrace=50,gctrace=1|64|1
lockhot-p64-detail-100ms|lockhot|-n 64 -d 1500ms|schedtrace=100,scheddetail=1|64|1|gz
lockpool-p64-detail-100ms|lockpool|-n 32 -d 2s|schedtrace=100,scheddetail=1|64|1|gz
syscalls-p64-50ms|syscalls|-n 300 -d 2s|schedtrace=50|64|1
spawnburst-p64-5ms|spawnburst|-g 3000 -w 20000 -every 500ms -bursts 3|schedtrace=5|64|1
fanout-p64-10ms|fanout|-g 120 -w 1000000 -every 400ms -n 4|schedtrace=10|64|1
netburst-p64-detail-10ms|netburst|-c 400 -every 250ms -waves 6 -w 100000|schedtrace=10,scheddetail=1|64|1|gz
resize-p64-20ms|resize|-step 400ms -seq 2,6,3,8|schedtrace=20|64|1
panicker-p64-50ms|panicker|-after 600ms|schedtrace=50|64|2
idle-p64-100ms|idle|-d 2s|schedtrace=100|64|1'

# The throttled split: the pinned scenarios on both CPUs but under a CPU quota of half a CPU per 100 ms
# (run with CPU_QUOTA=0.5): a container with a 500m CPU limit, throttled by CFS bandwidth control.
THROTTLED="$PINNED"

# The revisit split: four conditions samples/programs/ already shows under the same names (a
# memory-limit GC spiral, cgo calls that block, goroutines that yield with runtime.Gosched, and a
# channel pipeline as a control), written anew here with other settings, labelled before capture.
REVISIT='memlimit-p4-gctrace-50ms|memlimit|-live 64 -headroom 4 -d 2s|schedtrace=50,gctrace=1|4|1
memlimit-p8-gctrace-50ms|memlimit|-live 64 -headroom 4 -d 2s|schedtrace=50,gctrace=1|8|1
cgosleep-p4-50ms|cgosleep|-n 48 -d 2s|schedtrace=50|4|1
cgosleep-p16-100ms|cgosleep|-n 48 -d 2s|schedtrace=100|16|1
yielder-p4-50ms|yielder|-per-p 4 -d 2s|schedtrace=50|4|1
yielder-p8-1000ms|yielder|-per-p 4 -d 8s|schedtrace=1000|8|1
pipeline-p4-detail-100ms|pipeline|-w 32 -d 2s|schedtrace=100,scheddetail=1|4|1|gz
pipeline-p8-50ms|pipeline|-w 32 -d 2s|schedtrace=50|8|1'

# The novel3 split: seven more programs written after every rule above, each with the shape of a real
# service (an in-process HTTP server and its keep-alive clients, light and overloaded; an epoch
# notifier closing a channel that 2000 subscribers wait on; a config behind an RWMutex whose writer
# holds it across a slow call; watchers of contexts never cancelled; a log formatter; a map written
# without its lock; a connection manager's heartbeats), labelled from their design before capture,
# scored once. The same programs on both releases, at different GOMAXPROCS; scheddetail gzipped.
NOVEL3_GO126='httplight-p8-50ms|httpsvc|-clients 16 -think 20ms -w 100000 -d 2500ms|schedtrace=50|8|1
httpsat-p6-50ms|httpsvc|-clients 96 -think 0s -w 500000 -d 2500ms|schedtrace=50|6|1
broadcast-p4-10ms|broadcast|-subs 2000 -every 500ms -waves 4 -w 40000|schedtrace=10|4|1
rwconfig-p4-detail-100ms|rwconfig|-readers 64 -hold 40ms -gap 5ms -d 2s|schedtrace=100,scheddetail=1|4|1|gz
ctxleak-p4-detail-100ms|ctxleak|-every 4ms -fail 2 -d 3s|schedtrace=100,scheddetail=1|4|1|gz
logfmt-p16-gctrace-50ms|logfmt|-d 2500ms|schedtrace=50,gctrace=1|16|1
mapcrash-p3-50ms|mapcrash|-after 600ms|schedtrace=50|3|2
heartbeat-p6-detail-50ms|heartbeat|-conns 300 -every 1ms -d 2s|schedtrace=50,scheddetail=1|6|1|gz'
NOVEL3_GO124='httplight-p48-100ms|httpsvc|-clients 16 -think 20ms -w 100000 -d 2500ms|schedtrace=100|48|1
httpsat-p12-50ms|httpsvc|-clients 96 -think 0s -w 500000 -d 2500ms|schedtrace=50|12|1
broadcast-p16-10ms|broadcast|-subs 2000 -every 500ms -waves 4 -w 40000|schedtrace=10|16|1
rwconfig-p12-detail-100ms|rwconfig|-readers 64 -hold 40ms -gap 5ms -d 2s|schedtrace=100,scheddetail=1|12|1|gz
ctxleak-p8-detail-100ms|ctxleak|-every 4ms -fail 2 -d 3s|schedtrace=100,scheddetail=1|8|1|gz
logfmt-p8-gctrace-100ms|logfmt|-d 2500ms|schedtrace=100,gctrace=1|8|1
mapcrash-p6-50ms|mapcrash|-after 600ms|schedtrace=50|6|2
heartbeat-p24-detail-100ms|heartbeat|-conns 300 -every 1ms -d 2s|schedtrace=100,scheddetail=1|24|1|gz'

# The novel4 split: six more programs written after the injection-burst fold inside saturation
# (an RPC-like TCP server overloaded by closed-loop clients; a market-data feed whose ticks make 400
# subscriber sockets readable together; an LRU cache under GOGC=10; a recursive config resolver that
# overflows a lowered stack limit; and two controls, a log shipper held back by a bounded channel and
# a sharded cache of idle clients), labelled from their design before capture, scored once. The same
# programs on Go 1.26 and Debian's Go 1.19, at different GOMAXPROCS; scheddetail gzipped.
NOVEL4_GO126='rpcsat-p4-50ms|rpcsat|-clients 64 -w 500000 -d 2500ms|schedtrace=50|4|1
feedwave-p6-detail-10ms|feedwave|-subs 400 -shards 4 -every 250ms -ticks 8 -w 150000|schedtrace=10,scheddetail=1|6|1|gz
lrucache-p12-gctrace-50ms|lrucache|-g 2 -entries 20000 -gogc 10 -d 2500ms|schedtrace=50,gctrace=1|12|1
stackcrash-p4-50ms|stackcrash|-n 8 -after 600ms|schedtrace=50|4|2
backpress-p8-detail-100ms|backpress|-producers 32 -queue 64 -batch 64 -upload 5ms -d 2500ms|schedtrace=100,scheddetail=1|8|1|gz
shardcache-p32-gctrace-100ms|shardcache|-clients 64 -think 2ms -d 2500ms|schedtrace=100,gctrace=1|32|1'
NOVEL4_GO119='rpcsat-p16-100ms|rpcsat|-clients 64 -w 500000 -d 2500ms|schedtrace=100|16|1
feedwave-p12-detail-10ms|feedwave|-subs 400 -shards 4 -every 250ms -ticks 8 -w 150000|schedtrace=10,scheddetail=1|12|1|gz
lrucache-p3-gctrace-100ms|lrucache|-g 2 -entries 20000 -gogc 10 -d 2500ms|schedtrace=100,gctrace=1|3|1
stackcrash-p8-50ms|stackcrash|-n 8 -after 600ms|schedtrace=50|8|2
backpress-p5-detail-50ms|backpress|-producers 32 -queue 64 -batch 64 -upload 5ms -d 2500ms|schedtrace=50,scheddetail=1|5|1|gz
shardcache-p64-gctrace-100ms|shardcache|-clients 64 -think 2ms -d 2500ms|schedtrace=100,gctrace=1|64|1'
# The novel5 split: six more programs written after the novel4 round (a bulk indexer spawning a
# goroutine per document; a session server whose forgotten refreshers leak in time.Sleep; a
# symbol table's pointer-heavy heap marked over and over under GOGC=50; a service exiting with
# log.Fatalf, no panic, three times; a regexp router with more workers than Ps; and a control, a fleet
# of heartbeat tickers at spread phases), labelled from their design before capture, scored once. The
# same programs on Go 1.25 and Go 1.20, at different GOMAXPROCS; scheddetail gzipped.
NOVEL5_GO125='bulkindex-p4-10ms|bulkindex|-docs 4000 -batches 5 -every 400ms -w 4000|schedtrace=10|4|1
tickerfleet-p16-detail-100ms|tickerfleet|-devices 400 -every 50ms -d 2500ms|schedtrace=100,scheddetail=1|16|1|gz
sleepleak-p4-detail-100ms|sleepleak|-every 3ms -life 30ms -forget 3 -refresh 20ms -d 3s|schedtrace=100,scheddetail=1|4|1|gz
symtable-p8-gctrace-100ms|symtable|-symbols 1500000 -g 4 -gogc 50 -d 2500ms|schedtrace=100,gctrace=1|8|1
fatalloop-p2-50ms|fatalloop|-after 500ms|schedtrace=50|2|3
routersat-p6-50ms|routersat|-workers 48 -routes 40 -d 2500ms|schedtrace=50|6|1'
NOVEL5_GO120='bulkindex-p8-10ms|bulkindex|-docs 4000 -batches 5 -every 400ms -w 4000|schedtrace=10|8|1
tickerfleet-p6-detail-50ms|tickerfleet|-devices 400 -every 50ms -d 2500ms|schedtrace=50,scheddetail=1|6|1|gz
sleepleak-p12-detail-100ms|sleepleak|-every 3ms -life 30ms -forget 3 -refresh 20ms -d 3s|schedtrace=100,scheddetail=1|12|1|gz
symtable-p16-gctrace-100ms|symtable|-symbols 1500000 -g 4 -gogc 50 -d 2500ms|schedtrace=100,gctrace=1|16|1
fatalloop-p4-100ms|fatalloop|-after 500ms|schedtrace=100|4|3
routersat-p12-100ms|routersat|-workers 48 -routes 40 -d 2500ms|schedtrace=100|12|1'
# The novel6 split: six more programs written after the novel5 round (a cache killed by SIGKILL at
# its memory limit, as the OOM killer does, three times; a job server whose watchdog sends itself
# SIGQUIT when a job hangs, twice; an HTTP client making a transport per request, whose idle
# connections leak; a write-ahead log of 64 writers fsyncing; SHA-256 hashing with four times as
# many goroutines as Ps, at 32 and 64 Ps; and a control, a pub/sub hub of 2000 waiting subscribers),
# labelled from their design before capture, scored once. The same programs on Go 1.26 and Go 1.22,
# at different GOMAXPROCS; scheddetail gzipped.
NOVEL6_GO126='oomloop-p4-50ms|oomloop|-grow 131072 -limit 67108864|schedtrace=50|4|3
quitdump-p6-50ms|quitdump|-after 600ms|schedtrace=50|6|2
transportleak-p8-detail-100ms|transportleak|-every 5ms -d 3s|schedtrace=100,scheddetail=1|8|1|gz
fsyncwal-p8-100ms|fsyncwal|-writers 64 -d 2500ms|schedtrace=100|8|1
pubsub-p16-detail-100ms|pubsub|-subs 2000 -fanout 50 -every 20ms -d 2500ms|schedtrace=100,scheddetail=1|16|1|gz
hashsat-p64-500ms|hashsat|-workers 256 -d 4s|schedtrace=500|64|1'
NOVEL6_GO122='oomloop-p2-100ms|oomloop|-grow 131072 -limit 67108864|schedtrace=100|2|3
quitdump-p4-50ms|quitdump|-after 600ms|schedtrace=50|4|2
transportleak-p4-detail-100ms|transportleak|-every 5ms -d 3s|schedtrace=100,scheddetail=1|4|1|gz
fsyncwal-p16-50ms|fsyncwal|-writers 64 -d 2500ms|schedtrace=50|16|1
pubsub-p6-detail-50ms|pubsub|-subs 2000 -fanout 50 -every 20ms -d 2500ms|schedtrace=50,scheddetail=1|6|1|gz
hashsat-p32-250ms|hashsat|-workers 128 -d 4s|schedtrace=250|32|1'
# The novel7 split: six more programs written after the novel6 round (keep-alive goroutines blocked
# in select {}; waiters on nil channels; an HTTP API whose batching client fires on 300 keep-alive
# connections at once; an in-process autoscaler setting GOMAXPROCS three times; debug.FreeOSMemory
# every 10 ms over a 128 MB working set; and a control, batches of exactly GOMAXPROCS CPU-bound
# goroutines), labelled from their design before capture, scored once. The same programs on Go 1.24
# and Go 1.21, at different GOMAXPROCS; scheddetail gzipped.
NOVEL7_GO124='nocaseleak-p4-detail-100ms|nocaseleak|-every 4ms -d 3s|schedtrace=100,scheddetail=1|4|1|gz
nilchanleak-p8-detail-100ms|nilchanleak|-every 2ms -broken 3 -d 3s|schedtrace=100,scheddetail=1|8|1|gz
httpburst-p4-detail-20ms|httpburst|-conns 300 -every 300ms -waves 8 -w 100000|schedtrace=20,scheddetail=1|4|1|gz
autoscale-p4-50ms|autoscale|-every 600ms -steps 2,6,3|schedtrace=50|4|1
fillps-p4-50ms|fillps|-every 200ms -burn 40ms -batches 12|schedtrace=50|4|1
freemem-p4-gctrace-100ms|freemem|-every 10ms -d 2500ms|schedtrace=100,gctrace=1|4|1'
NOVEL7_GO121='nocaseleak-p12-detail-100ms|nocaseleak|-every 4ms -d 3s|schedtrace=100,scheddetail=1|12|1|gz
nilchanleak-p3-detail-50ms|nilchanleak|-every 2ms -broken 3 -d 3s|schedtrace=50,scheddetail=1|3|1|gz
httpburst-p8-detail-20ms|httpburst|-conns 300 -every 300ms -waves 8 -w 100000|schedtrace=20,scheddetail=1|8|1|gz
autoscale-p8-100ms|autoscale|-every 600ms -steps 2,6,3|schedtrace=100|8|1
fillps-p6-100ms|fillps|-every 200ms -burn 40ms -batches 12|schedtrace=100|6|1
freemem-p8-gctrace-50ms|freemem|-every 10ms -d 2500ms|schedtrace=50,gctrace=1|8|1'
# The novel8 split: five programs written after the novel7 round, at production sizes (16 to 64 Ps,
# dumps 0.5 to 1 s apart, 6 s): a JSON transcoding tier with four goroutines per P; a scatter-gather
# handler leaking its slower answers in chan send; a config cache whose reloads block its RWMutex
# readers; pollers blocking in nanosleep; and a control, an idle HTTP service. Labelled from their
# design before capture, scored once. The same programs on Go 1.26 and Go 1.23; scheddetail gzipped.
NOVEL8_GO126='jsonsat-p48-gctrace-1000ms|jsonsat|-workers 192 -d 6s|schedtrace=1000,gctrace=1|48|1
idlesvc-p64-1000ms|idlesvc|-d 6s|schedtrace=1000|64|1
sendleak-p16-detail-500ms|sendleak|-every 20ms -shards 4 -d 6s|schedtrace=500,scheddetail=1|16|1|gz
reloadlock-p32-detail-500ms|reloadlock|-readers 256 -reload 2ms -hold 1ms -d 6s|schedtrace=500,scheddetail=1|32|1|gz
sleepsys-p64-1000ms|sleepsys|-pollers 128 -wait 10ms -d 6s|schedtrace=1000|64|1'
NOVEL8_GO123='jsonsat-p56-gctrace-1000ms|jsonsat|-workers 224 -d 6s|schedtrace=1000,gctrace=1|56|1
idlesvc-p48-1000ms|idlesvc|-d 6s|schedtrace=1000|48|1
sendleak-p8-detail-500ms|sendleak|-every 20ms -shards 4 -d 6s|schedtrace=500,scheddetail=1|8|1|gz
reloadlock-p16-detail-500ms|reloadlock|-readers 256 -reload 2ms -hold 1ms -d 6s|schedtrace=500,scheddetail=1|16|1|gz
sleepsys-p48-1000ms|sleepsys|-pollers 128 -wait 10ms -d 6s|schedtrace=1000|48|1'
# The novel9 split: four programs written to try, blind, the rules changed on novel5 to novel7 (a
# sleep-loop leak of a new shape; a control whose sleepers level off; a broadcast wave whose woken
# readers share a lock; a select leak behind time.After), labelled from their design before capture,
# scored once. The same programs on Go 1.25 and Debian's Go 1.19; all scheddetail, gzipped.
NOVEL9_GO125='tenantsync-p6-detail-100ms|tenantsync|-tenants 20 -reload 100ms -every 50ms -d 3s|schedtrace=100,scheddetail=1|6|1|gz
backoffsleep-p4-detail-100ms|backoffsleep|-every 4ms -backoff 400ms -d 3s|schedtrace=100,scheddetail=1|4|1|gz
chatwave-p4-detail-20ms|chatwave|-conns 400 -every 250ms -waves 10|schedtrace=20,scheddetail=1|4|1|gz
afterleak-p8-detail-100ms|afterleak|-every 3ms -lost 2 -d 3s|schedtrace=100,scheddetail=1|8|1|gz'
NOVEL9_GO119='tenantsync-p3-detail-100ms|tenantsync|-tenants 20 -reload 100ms -every 50ms -d 3s|schedtrace=100,scheddetail=1|3|1|gz
backoffsleep-p8-detail-100ms|backoffsleep|-every 4ms -backoff 400ms -d 3s|schedtrace=100,scheddetail=1|8|1|gz
chatwave-p8-detail-20ms|chatwave|-conns 400 -every 250ms -waves 10|schedtrace=20,scheddetail=1|8|1|gz
afterleak-p4-detail-50ms|afterleak|-every 3ms -lost 2 -d 3s|schedtrace=50,scheddetail=1|4|1|gz'

# The novel10 split: the imbalance rule, never reported on a labelled log, tried blind. Every P but
# one runs a spinning goroutine; a hub readies (closechan) or starts (newproc) a round of workers on
# its own P, whose ring nothing steals from while no P is idle; the control's workers wake by their
# own timers, spread over the Ps. Labelled from the design before capture, scored once.
NOVEL10_GO126='hubwake-wake-p128-50ms|hubwake|-mode wake -workers 110 -work 10ms -d 4s|schedtrace=50|128|1
hubwake-spawn-p96-50ms|hubwake|-mode spawn -workers 90 -work 10ms -d 4s|schedtrace=50|96|1
hubwake-spread-p128-50ms|hubwake|-mode spread -workers 110 -work 10ms -nap 500ms -d 4s|schedtrace=50|128|1'
NOVEL10_GO122='hubwake-wake-p96-50ms|hubwake|-mode wake -workers 90 -work 10ms -d 4s|schedtrace=50|96|1
hubwake-spawn-p128-50ms|hubwake|-mode spawn -workers 110 -work 10ms -d 4s|schedtrace=50|128|1
hubwake-spread-p96-50ms|hubwake|-mode spread -workers 90 -work 10ms -nap 500ms -d 4s|schedtrace=50|96|1'

# The novel11 split: novel10's program with its design corrected for what novel10 showed, started
# on 2 CPUs all at once the spinners waited seconds for their Ps (each new M waiting for a core):
# here they start one every 60 ms, and the hub's one round begins a second after the last. Labelled
# from that design before capture, scored once.
NOVEL11_GO125='hubwake-wake-p128-100ms|hubwake|-mode wake -workers 100 -work 10ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|128|1
hubwake-spawn-p96-100ms|hubwake|-mode spawn -workers 85 -work 10ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|96|1
hubwake-spread-p112-100ms|hubwake|-mode spread -workers 90 -work 10ms -nap 500ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|112|1'
NOVEL11_GO121='hubwake-wake-p96-100ms|hubwake|-mode wake -workers 85 -work 10ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|96|1
hubwake-spawn-p128-100ms|hubwake|-mode spawn -workers 100 -work 10ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|128|1
hubwake-spread-p96-100ms|hubwake|-mode spread -workers 85 -work 10ms -nap 500ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|96|1'

# The novel12 split: five programs of shapes the corpus lacked, written after the release rounds (a
# session cache whose 20,000 time.AfterFunc timers expire at once, in 5 waves; workers busy-waiting
# with runtime.Gosched, eight per P; a handler leaking in sync.WaitGroup.Wait; and two controls, a
# report generator allocating in bursts and GOMAXPROCS+1 CPU-bound goroutines), labelled from their
# design before capture, scored once. The same programs on Go 1.26 and Go 1.22.
NOVEL12_GO126='timerstorm-p8-10ms|timerstorm|-timers 20000 -every 400ms -waves 5|schedtrace=10|8|1
yieldpoll-p4-50ms|yieldpoll|-workers 32 -d 2500ms|schedtrace=50|4|1
wgleak-p6-detail-100ms|wgleak|-every 3ms -broken 4 -d 3s|schedtrace=100,scheddetail=1|6|1|gz
allocburst-p4-gctrace-50ms|allocburst|-live 8 -burst 64 -every 500ms -bursts 5|schedtrace=50,gctrace=1|4|1
plusone-p8-50ms|plusone|-d 2500ms|schedtrace=50|8|1'
NOVEL12_GO122='timerstorm-p4-10ms|timerstorm|-timers 20000 -every 400ms -waves 5|schedtrace=10|4|1
yieldpoll-p12-100ms|yieldpoll|-workers 96 -d 2500ms|schedtrace=100|12|1
wgleak-p3-detail-50ms|wgleak|-every 3ms -broken 4 -d 3s|schedtrace=50,scheddetail=1|3|1|gz
allocburst-p8-gctrace-100ms|allocburst|-live 8 -burst 64 -every 500ms -bursts 5|schedtrace=100,gctrace=1|8|1
plusone-p4-50ms|plusone|-d 2500ms|schedtrace=50|4|1'

# The novel13 split: one program written to try, blind, the spinner-at-work reading of local-overflow
# (written on novel12's timer storm): 20,000 goroutines sleeping until a shared deadline, 5 waves.
# Labelled from the design before capture, scored once. Go 1.26 at 8 Ps and Go 1.24 at 4.
NOVEL13_GO126='sleepwave-p8-10ms|sleepwave|-g 20000 -every 400ms -waves 5|schedtrace=10|8|1'
NOVEL13_GO124='sleepwave-p4-10ms|sleepwave|-g 20000 -every 400ms -waves 5|schedtrace=10|4|1'

# The novel14 split: four programs written after novel13 (a fleet of 5,000 tickers at spread phases,
# a fan-in of 2,000 producers behind one unbuffered channel, timerstorm with its deadlines jittered:
# three controls; and a broadcast by close to 30,000 subscribers), labelled from their design before
# capture, scored once. Go 1.25 and Go 1.21, other GOMAXPROCS on each.
NOVEL14_GO125='tickstorm-p8-50ms|tickstorm|-g 5000 -every 50ms -d 2500ms|schedtrace=50|8|1
chanfanin-p4-detail-100ms|chanfanin|-g 2000 -cost 20us -d 3s|schedtrace=100,scheddetail=1|4|1|gz
jitterstorm-p4-10ms|jitterstorm|-timers 20000 -every 400ms -waves 5 -spread 200ms|schedtrace=10|4|1
closeall-p8-10ms|closeall|-g 30000 -every 400ms -epochs 5|schedtrace=10|8|1'
NOVEL14_GO121='tickstorm-p4-50ms|tickstorm|-g 5000 -every 50ms -d 2500ms|schedtrace=50|4|1
chanfanin-p6-detail-100ms|chanfanin|-g 2000 -cost 20us -d 3s|schedtrace=100,scheddetail=1|6|1|gz
jitterstorm-p8-10ms|jitterstorm|-timers 20000 -every 400ms -waves 5 -spread 200ms|schedtrace=10|8|1
closeall-p4-10ms|closeall|-g 30000 -every 400ms -epochs 5|schedtrace=10|4|1'

# The novel15 split: the timer storm and the sleep wave again, on releases and settings they were not
# captured at (Go 1.23 at 16 Ps, Go 1.20 at 6), to try blind the spinner-at-work reading as revised
# on novel13 (one dump beside a whole spill). Labels copied before capture, scored once.
NOVEL15_GO123='timerstorm-p16-20ms|timerstorm|-timers 20000 -every 400ms -waves 5|schedtrace=20|16|1'
NOVEL15_GO120='sleepwave-p6-10ms|sleepwave|-g 20000 -every 400ms -waves 5|schedtrace=10|6|1'

# The novel16 split: waves on releases and settings they were not captured at, and a new program
# (beatwave: spawn batches beside yielding heartbeats), to try blind the replay's backlog stays
# (d81c4a7), written on the waves of novel12 to novel15. Labels written before capture, scored once.
NOVEL16_GO125='timerstorm-p6-10ms|timerstorm|-timers 20000 -every 400ms -waves 5|schedtrace=10|6|1
closeall-p6-10ms|closeall|-g 30000 -every 400ms -epochs 5|schedtrace=10|6|1
beatwave-p6-10ms|beatwave|-g 60000 -every 400ms -batches 5|schedtrace=10|6|1'
NOVEL16_GO122='sleepwave-p12-10ms|sleepwave|-g 20000 -every 400ms -waves 5|schedtrace=10|12|1
beatwave-p8-10ms|beatwave|-g 60000 -every 400ms -batches 5|schedtrace=10|8|1'

# The novel17 split: stop-the-world that is not the GC's, a kind no labelled log held (gc-stop). A
# metrics middleware's ReadMemStats on every call, back to back, beside one computing goroutine per P;
# with scheddetail (the only lines that print gcwaiting and stopwait) and without, and the control
# that reads once a second. Labels written before capture, scored once.
NOVEL17_GO126='statsloop-p4-detail-100ms|statsloop|-readers 1 -d 3s|schedtrace=100,scheddetail=1|4|1|gz
statsloop-p4-100ms|statsloop|-readers 1 -d 3s|schedtrace=100|4|1
statsloop-quiet-p4-detail-100ms|statsloop|-readers 0 -pause 1s -d 3s|schedtrace=100,scheddetail=1|4|1|gz'
NOVEL17_GO121='statsloop-p8-detail-50ms|statsloop|-readers 1 -d 3s|schedtrace=50,scheddetail=1|8|1|gz
statsloop-p8-50ms|statsloop|-readers 1 -d 3s|schedtrace=50|8|1
statsloop-quiet-p8-detail-50ms|statsloop|-readers 0 -pause 1s -d 3s|schedtrace=50,scheddetail=1|8|1|gz'

# The novel18 split: the stopped world read from summary counts (trace/stopped-world.ts, written on
# novel17), tried blind on releases and GOMAXPROCS it was not written on: 3 Ps (the fewest at which a
# stop can leave two Ps unheld), 6 Ps with dumps 200 ms apart, 16 Ps, and the control at 16 Ps.
# Labels written before capture, scored once.
NOVEL18_GO124='statsloop-p3-100ms|statsloop|-readers 1 -d 3s|schedtrace=100|3|1'
NOVEL18_GO125='statsloop-p6-200ms|statsloop|-readers 1 -d 6s|schedtrace=200|6|1'
NOVEL18_GO120='statsloop-p16-50ms|statsloop|-readers 1 -d 3s|schedtrace=50|16|1
statsloop-quiet-p16-50ms|statsloop|-readers 0 -pause 1s -d 3s|schedtrace=50|16|1'

# The novel23 split: gc-stop had been scored only on the splits it was written on (novel17, novel18:
# ReadMemStats). Other causes of a stopped world: a debug endpoint printing every goroutine's stack
# (runtime.Stack(buf, true), the world stopped for the whole print, 500 parked goroutines to print), a
# runtime.GC() loop (two stops a cycle), with and without gctrace; controls: metrics.Read back to back
# (no stop) and the stack dump once a second. Labels written before capture, scored once.
NOVEL23_GO125='stackloop-stack-p8-100ms|stackloop|-mode stack -parked 500 -d 4s|schedtrace=100|8|1
stackloop-metrics-p8-100ms|stackloop|-mode metrics -parked 500 -d 4s|schedtrace=100|8|1
stackloop-gc-p6-gctrace-100ms|stackloop|-mode gc -d 4s|schedtrace=100,gctrace=1|6|1
stackloop-stack-p16-detail-200ms|stackloop|-mode stack -parked 500 -d 4s|schedtrace=200,scheddetail=1|16|1|gz'
NOVEL23_GO123='stackloop-stack-p4-detail-100ms|stackloop|-mode stack -parked 500 -d 3s|schedtrace=100,scheddetail=1|4|1|gz
stackloop-gc-p6-100ms|stackloop|-mode gc -d 4s|schedtrace=100|6|1
stackloop-rare-p4-100ms|stackloop|-mode stack -pause 1s -parked 500 -d 4s|schedtrace=100|4|1
stackloop-metrics-p12-100ms|stackloop|-mode metrics -d 4s|schedtrace=100|12|1'

# The novel24 split: the blind test of local-overflow's bound with the poller excluded (written on
# ecobench6's bbolt logs): a spill of fewer goroutines than the poller could deliver in the interval,
# dumped long after the spawner's ring drained, in a program whose G lines show no IO wait. The spawn
# burst with heavy children (about 100 us each, 2,000 or 4,000 a burst: 100 to 200 ms of backlog on 2
# CPUs), scheddetail 200 and 500 ms apart; the fan-out of 120 (no spill) as the control. Labels written
# before capture, scored once.
NOVEL24_GO124='spawnburst-p4-detail-200ms|spawnburst|-g 2000 -w 100000 -every 300ms -bursts 6|schedtrace=200,scheddetail=1|4|1|gz
fanout-p8-detail-200ms|fanout|-g 120 -w 1000000 -every 400ms -n 5|schedtrace=200,scheddetail=1|8|1|gz'
NOVEL24_GO122='spawnburst-p8-detail-500ms|spawnburst|-g 4000 -w 100000 -every 500ms -bursts 6|schedtrace=500,scheddetail=1|8|1|gz
fanout-p4-detail-500ms|fanout|-g 120 -w 1000000 -every 400ms -n 5|schedtrace=500,scheddetail=1|4|1|gz'

# The novel25 split: imbalance had been scored only on the splits its ranking was changed on (novel10,
# novel11: hubwake at 96 to 128 Ps). The same program at 88 and 104 Ps on two more releases, its
# spinners ramped in as novel11's, and at 64 Ps, where no imbalance is reported (a ring of 64 is one
# waiting goroutine per P). Labels written before capture, scored once.
NOVEL25_GO124='hubwake-wake-p88-100ms|hubwake|-mode wake -workers 75 -work 10ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|88|1
hubwake-spawn-p104-100ms|hubwake|-mode spawn -workers 90 -work 10ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|104|1
hubwake-spread-p88-100ms|hubwake|-mode spread -workers 75 -work 10ms -nap 500ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|88|1
hubwake-wake-p64-100ms|hubwake|-mode wake -workers 56 -work 10ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|64|1'
NOVEL25_GO122='hubwake-wake-p104-100ms|hubwake|-mode wake -workers 90 -work 10ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|104|1
hubwake-spawn-p88-100ms|hubwake|-mode spawn -workers 75 -work 10ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|88|1
hubwake-spread-p104-100ms|hubwake|-mode spread -workers 90 -work 10ms -nap 500ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|104|1
hubwake-wake-p64-100ms|hubwake|-mode wake -workers 56 -work 10ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|64|1'

# The novel19 split: a pile-up in chan send that drains (no leak) beside one stranded for good (a
# leak), with scheddetail, the only lines that print wait reasons; and threads blocked waiting for
# child processes, summary lines only, with its 2-worker control. Labels written before capture, scored
# once.
NOVEL19_GO126='pileup-p4-detail-200ms|pileup|-rate 1000 -writers 2 -cost 4ms -burst 3s -d 7s|schedtrace=200,scheddetail=1|4|1|gz
pileup-stuck-p4-detail-200ms|pileup|-rate 1000 -writers 2 -cost 4ms -burst 3s -stuck -d 6s|schedtrace=200,scheddetail=1|4|1|gz
execwait-p4-100ms|execwait|-workers 24 -child 200ms -d 4s|schedtrace=100|4|1
execwait-few-p4-100ms|execwait|-workers 2 -child 200ms -d 4s|schedtrace=100|4|1'
NOVEL19_GO122='pileup-p8-detail-200ms|pileup|-rate 2000 -writers 4 -cost 4ms -burst 3s -d 7s|schedtrace=200,scheddetail=1|8|1|gz
execwait-p6-100ms|execwait|-workers 32 -child 200ms -d 4s|schedtrace=100|6|1'

# The novel20 split: the base scenarios at periods no labelled log had, 1 ms (schedtrace=1: as often as
# sysmon wakes) and 10 s (a production log kept small; runs of 55 s, under the 60 s timeout). Labels
# copied from the base and period splits with their windows stretched, written before capture, scored once.
NOVEL20_GO126='saturate-p4-1ms|saturate|-per-p 4 -d 2s|schedtrace=1|4|1
spawnburst-p4-1ms|spawnburst|-g 3000 -w 20000 -every 500ms -bursts 3|schedtrace=1|4|1
syscalls-p4-1ms|syscalls|-n 48 -d 2s|schedtrace=1|4|1
idle-p4-1ms|idle|-d 2s|schedtrace=1|4|1'
NOVEL20_GO120='saturate-p8-1ms|saturate|-per-p 4 -d 2s|schedtrace=1|8|1
spawnburst-p4-1ms|spawnburst|-g 3000 -w 20000 -every 500ms -bursts 3|schedtrace=1|4|1'
NOVEL20_GO124='saturate-p8-10000ms|saturate|-per-p 4 -d 55s|schedtrace=10000|8|1
gcalloc-p16-gctrace-10000ms|gcalloc|-d 55s|schedtrace=10000,gctrace=1|16|1
syscalls-p4-10000ms|syscalls|-n 48 -d 55s|schedtrace=10000|4|1
idle-p4-10000ms|idle|-d 55s|schedtrace=10000|4|1
condleak-p8-detail-10000ms|condleak|-d 55s|schedtrace=10000,scheddetail=1|8|1|gz
panicker-p2-10000ms|panicker|-after 25s|schedtrace=10000|2|2'

# The novel21 split: the drained pile-up words (written on novel19) tried blind on other reasons and
# programs, and a leak in select beside them; scheddetail 200 ms apart. Labels written before capture.
NOVEL21_GO126='limiter-p4-detail-200ms|limiter|-rate 1000 -slots 8 -hold 20ms -burst 2s -d 6s|schedtrace=200,scheddetail=1|4|1|gz
slowbackend-p4-detail-200ms|slowbackend|-every 2ms -slowAt 1s -slowFor 2s -slow 2s -d 6s|schedtrace=200,scheddetail=1|4|1|gz
slowbackend-hang-p4-detail-200ms|slowbackend|-every 2ms -slowAt 1s -hang -d 6s|schedtrace=200,scheddetail=1|4|1|gz
poolgrow-p4-detail-200ms|poolgrow|-step 100 -every 200ms -max 1000 -stopAt 4s -d 5s|schedtrace=200,scheddetail=1|4|1|gz'
NOVEL21_GO121='limiter-p6-detail-200ms|limiter|-rate 1500 -slots 12 -hold 20ms -burst 2s -d 6s|schedtrace=200,scheddetail=1|6|1|gz
slowbackend-p6-detail-200ms|slowbackend|-every 1ms -slowAt 1s -slowFor 2s -slow 2s -d 6s|schedtrace=200,scheddetail=1|6|1|gz
slowbackend-hang-p6-detail-200ms|slowbackend|-every 1ms -slowAt 1s -hang -d 6s|schedtrace=200,scheddetail=1|6|1|gz
poolgrow-p6-detail-200ms|poolgrow|-step 150 -every 200ms -max 1500 -stopAt 4s -d 5s|schedtrace=200,scheddetail=1|6|1|gz'

# The novel22 split: the novel19 and novel21 programs at 2, 3 and 12 Ps on Go 1.25.5 and 1.23.12, with dumps
# 200 ms, 500 ms and a second apart (a pile-up rising over fewer than four dumps is not named). Labels
# written before capture, scored once.
NOVEL22_GO125='pileup-p2-detail-200ms|pileup|-rate 1000 -writers 2 -cost 4ms -burst 3s -d 7s|schedtrace=200,scheddetail=1|2|1|gz
limiter-p12-detail-500ms|limiter|-rate 2000 -slots 16 -hold 20ms -burst 3s -d 9s|schedtrace=500,scheddetail=1|12|1|gz'
NOVEL22_GO123='slowbackend-p3-detail-1000ms|slowbackend|-every 2ms -slowAt 1s -slowFor 2s -slow 2s -d 7s|schedtrace=1000,scheddetail=1|3|1|gz
slowbackend-hang-p3-detail-1000ms|slowbackend|-every 2ms -slowAt 1s -hang -d 7s|schedtrace=1000,scheddetail=1|3|1|gz
execwait-p2-100ms|execwait|-workers 16 -child 200ms -d 4s|schedtrace=100|2|1'

# The stdbench split: the standard library's own benchmarks, GOMAXPROCS from the environment (so the
# testing package changes nothing itself), only stderr kept as for every program. Labels written from
# each benchmark's source before capture, scored once.
STDBENCH='spawnsingle-p4-20ms|std:runtime|-test.run=^$ -test.bench=^BenchmarkCreateGoroutinesSingle$ -test.benchtime=3s|schedtrace=20|4|1
pingponghog-p4-20ms|std:runtime|-test.run=^$ -test.bench=^BenchmarkPingPongHog$ -test.benchtime=2s|schedtrace=20|4|1
stackgrowth-p8-50ms|std:runtime|-test.run=^$ -test.bench=^BenchmarkStackGrowth$ -test.benchtime=3s|schedtrace=50|8|1
flate-p4-50ms|std:compress/flate|-test.run=^$ -test.bench=^BenchmarkEncode$/^Newton$ -test.benchtime=300ms|schedtrace=50|4|1
mutex-p8-50ms|std:sync|-test.run=^$ -test.bench=^BenchmarkMutex$ -test.benchtime=3s|schedtrace=50|8|1
jsondecode-p8-gctrace-100ms|std:encoding/json|-test.run=^$ -test.bench=^BenchmarkCodeDecoder$ -test.benchtime=3s|schedtrace=100,gctrace=1|8|1'
# The stdbench2 split: standard library benchmarks at production's P counts (32 to 64) and period (100 ms),
# one of them run by the testing package at three GOMAXPROCS values (-test.cpu).
STDBENCH2='spawnsingle-p48-100ms|std:runtime|-test.run=^$ -test.bench=^BenchmarkCreateGoroutinesSingle$ -test.benchtime=3s|schedtrace=100|48|1
pingponghog-p48-100ms|std:runtime|-test.run=^$ -test.bench=^BenchmarkPingPongHog$ -test.benchtime=2s|schedtrace=100|48|1
stackgrowth-p48-100ms|std:runtime|-test.run=^$ -test.bench=^BenchmarkStackGrowth$ -test.benchtime=3s|schedtrace=100|48|1
mutex-cpulist-p48-100ms|std:sync|-test.run=^$ -test.bench=^BenchmarkMutex$ -test.benchtime=1s -test.cpu=1,8,48|schedtrace=100|48|1
flate-p64-100ms|std:compress/flate|-test.run=^$ -test.bench=^BenchmarkEncode$/^Newton$ -test.benchtime=300ms|schedtrace=100|64|1
createparallel-p32-100ms|std:runtime|-test.run=^$ -test.bench=^BenchmarkCreateGoroutinesParallel$ -test.benchtime=3s|schedtrace=100|32|1'
# The ecobench split: third-party modules' own benchmarks at 8 to 48 Ps, dumped 100 ms apart, labelled
# from each benchmark's source before capture and scored once.
ECOBENCH_COMMON='ants-goroutines-p8-100ms|mod:github.com/panjf2000/ants/v2@v2.12.1|-test.run=^$ -test.bench=^BenchmarkGoroutines$ -test.benchtime=3x|schedtrace=100|8|1
ants-pool-p16-100ms|mod:github.com/panjf2000/ants/v2@v2.12.1|-test.run=^$ -test.bench=^BenchmarkAntsPool$ -test.benchtime=3x|schedtrace=100|16|1
ants-spinlock-p48-100ms|mod:github.com/panjf2000/ants/v2@v2.12.1:pkg/sync|-test.run=^$ -test.bench=^BenchmarkSpinLock$ -test.benchtime=3s|schedtrace=100|48|1
bbolt-batch-p8-100ms|mod:go.etcd.io/bbolt@v1.5.0|-test.run=^$ -test.bench=^BenchmarkDBBatchAutomatic$ -test.benchtime=3s|schedtrace=100|8|1
zap-10fields-p32-gctrace-100ms|mod:go.uber.org/zap@v1.28.0|-test.run=^$ -test.bench=^Benchmark10Fields$ -test.benchtime=3s|schedtrace=100,gctrace=1|32|1'
ECOBENCH_GO126="$ECOBENCH_COMMON
fasthttp-get10k-p8-100ms|mod:github.com/valyala/fasthttp@v1.79.0|-test.run=^$ -test.bench=^BenchmarkServerGet10ReqPerConn10KClients$ -test.benchtime=3s|schedtrace=100|8|1"
ECOBENCH_GO125="$ECOBENCH_COMMON
fasthttp-get10k-p8-100ms|mod:github.com/valyala/fasthttp@v1.72.0|-test.run=^$ -test.bench=^BenchmarkServerGet10ReqPerConn10KClients$ -test.benchtime=3s|schedtrace=100|8|1"
# The ecobench2 split: the same kind of benchmarks at 48 and 64 Ps, dumped 250 ms apart.
ecobench2() { # $1 bbolt, $2 x/sync, $3 fasthttp
  cat <<EOT
errgroup-go-p64-250ms|mod:golang.org/x/sync@$2:errgroup|-test.run=^\$ -test.bench=^BenchmarkGo\$ -test.benchtime=5s|schedtrace=250|64|1
nethttp-get10k-p48-250ms|mod:github.com/valyala/fasthttp@$3|-test.run=^\$ -test.bench=^BenchmarkNetHTTPServerGet10ReqPerConn10KClients\$ -test.benchtime=5s|schedtrace=250|48|1
antsparallel-p48-250ms|mod:github.com/panjf2000/ants/v2@v2.12.1|-test.run=^\$ -test.bench=^BenchmarkParallelAntsPoolThroughput\$ -test.benchtime=3s|schedtrace=250|48|1
bbolt-manual-p48-250ms|mod:go.etcd.io/bbolt@$1|-test.run=^\$ -test.bench=^BenchmarkDBBatchManual10x100\$ -test.benchtime=5s|schedtrace=250|48|1
zap-10fields-p64-gctrace-250ms|mod:go.uber.org/zap@v1.28.0|-test.run=^\$ -test.bench=^Benchmark10Fields\$ -test.benchtime=5s|schedtrace=250,gctrace=1|64|1
backoffspin-p64-250ms|mod:github.com/panjf2000/ants/v2@v2.12.1:pkg/sync|-test.run=^\$ -test.bench=^BenchmarkBackOffSpinLock\$ -test.benchtime=5s|schedtrace=250|64|1
EOT
}
ECOBENCH2_GO126="$(ecobench2 v1.5.0 v0.25.0 v1.79.0)"
ECOBENCH2_GO124="$(ecobench2 v1.4.3 v0.18.0 v1.68.0)"
# The ecobench3 split: more of them at 2 to 24 Ps, to try the ranking rule written on ecobench2 blind.
ecobench3() { # $1 x/sync, $2 fasthttp
  cat <<EOT
ants-multipool-p8-100ms|mod:github.com/panjf2000/ants/v2@v2.12.1|-test.run=^\$ -test.bench=^BenchmarkAntsMultiPool\$ -test.benchtime=3x|schedtrace=100|8|1
ants-channel-p4-50ms|mod:github.com/panjf2000/ants/v2@v2.12.1|-test.run=^\$ -test.bench=^BenchmarkChannel\$ -test.benchtime=3x|schedtrace=50|4|1
errgroup-go-p2-20ms|mod:golang.org/x/sync@$1:errgroup|-test.run=^\$ -test.bench=^BenchmarkGo\$ -test.benchtime=3s|schedtrace=20|2|1
errgroup-go-p24-500ms|mod:golang.org/x/sync@$1:errgroup|-test.run=^\$ -test.bench=^BenchmarkGo\$ -test.benchtime=8s|schedtrace=500|24|1
fasthttp-get1req10k-p16-100ms|mod:github.com/valyala/fasthttp@$2|-test.run=^\$ -test.bench=^BenchmarkServerGet1ReqPerConn10KClients\$ -test.benchtime=3s|schedtrace=100|16|1
syncmap-hits-p16-100ms|mod:golang.org/x/sync@$1:syncmap|-test.run=^\$ -test.bench=^BenchmarkLoadMostlyHits\$ -test.benchtime=3s|schedtrace=100|16|1
EOT
}
ECOBENCH3_GO125="$(ecobench3 v0.18.0 v1.72.0)"
ECOBENCH3_GO123="$(ecobench3 v0.16.0 v1.65.0)"
# The ecobench4 split: such benchmarks dumped a second apart, as production captures are.
ecobench4() { # $1 bbolt, $2 x/sync, $3 fasthttp
  cat <<EOT
nethttp-get10k-p56-gctrace-1000ms|mod:github.com/valyala/fasthttp@$3|-test.run=^\$ -test.bench=^BenchmarkNetHTTPServerGet10ReqPerConn10KClients\$ -test.benchtime=12s|schedtrace=1000,gctrace=1|56|1
zap-10fields-p48-gctrace-1000ms|mod:go.uber.org/zap@v1.28.0|-test.run=^\$ -test.bench=^Benchmark10Fields\$ -test.benchtime=10s|schedtrace=1000,gctrace=1|48|1
antspool-p56-1000ms|mod:github.com/panjf2000/ants/v2@v2.12.1|-test.run=^\$ -test.bench=^BenchmarkAntsPool\$ -test.benchtime=10x|schedtrace=1000|56|1
errgroup-go-p32-1000ms|mod:golang.org/x/sync@$2:errgroup|-test.run=^\$ -test.bench=^BenchmarkGo\$ -test.benchtime=10s|schedtrace=1000|32|1
syncmap-hits-p48-1000ms|mod:golang.org/x/sync@$2:syncmap|-test.run=^\$ -test.bench=^BenchmarkLoadMostlyHits\$ -test.benchtime=5s|schedtrace=1000|48|1
bbolt-batch-p32-1000ms|mod:go.etcd.io/bbolt@$1|-test.run=^\$ -test.bench=^BenchmarkDBBatchAutomatic\$ -test.benchtime=10s|schedtrace=1000|32|1
EOT
}
ECOBENCH4_GO126="$(ecobench4 v1.5.0 v0.25.0 v1.79.0)"
ECOBENCH4_GO122="$(ecobench4 v1.3.11 v0.10.0 v1.58.0)"
# The ecobench5 split: modules the corpus had not run, labelled from their benchmarks' source before capture.
ECOBENCH5='zerolog-diode-p8-100ms|mod:github.com/rs/zerolog@v1.35.1:diode|-test.run=^$ -test.bench=^Benchmark$ -test.benchtime=2s|schedtrace=100|8|1
zerolog-fields-p32-100ms|mod:github.com/rs/zerolog@v1.35.1|-test.run=^$ -test.bench=^BenchmarkLogFields$ -test.benchtime=3s|schedtrace=100|32|1
fastcache-setget-p16-100ms|mod:github.com/VictoriaMetrics/fastcache@v1.13.2|-test.run=^$ -test.bench=^BenchmarkCacheSetGet$ -test.benchtime=3s|schedtrace=100|16|1
xsync-mpmc-p16-50ms|mod:github.com/puzpuzpuz/xsync/v4@v4.5.0|-test.run=^$ -test.bench=^BenchmarkMPMCQueue$ -test.benchtime=3s|schedtrace=50|16|1
conc-foreach-p48-100ms|mod:github.com/sourcegraph/conc@v0.3.0:iter|-test.run=^$ -test.bench=^BenchmarkForEach$ -test.benchtime=300ms|schedtrace=100|48|1
conc-pool-p4-20ms|mod:github.com/sourcegraph/conc@v0.3.0:pool|-test.run=^$ -test.bench=^BenchmarkPool$ -test.benchtime=2s|schedtrace=20|4|1'
# The ecobench6 split: third-party benchmarks with scheddetail, on the newest releases.
ECOBENCH6='zap-10fields-p16-detail-gctrace-100ms|mod:go.uber.org/zap@v1.28.0|-test.run=^$ -test.bench=^Benchmark10Fields$ -test.benchtime=2s|schedtrace=100,scheddetail=1,gctrace=1|16|1|gz
zerolog-diode-p4-detail-100ms|mod:github.com/rs/zerolog@v1.35.1:diode|-test.run=^$ -test.bench=^Benchmark$ -test.benchtime=1s|schedtrace=100,scheddetail=1|4|1|gz
conc-pool-p4-detail-200ms|mod:github.com/sourcegraph/conc@v0.3.0:pool|-test.run=^$ -test.bench=^BenchmarkPool$ -test.benchtime=1s|schedtrace=200,scheddetail=1|4|1|gz
bbolt-batch-p8-detail-200ms|mod:go.etcd.io/bbolt@v1.5.0|-test.run=^$ -test.bench=^BenchmarkDBBatchAutomatic$ -test.benchtime=2s|schedtrace=200,scheddetail=1|8|1|gz
fastcache-setget-p8-detail-100ms|mod:github.com/VictoriaMetrics/fastcache@v1.13.2|-test.run=^$ -test.bench=^BenchmarkCacheSetGet$ -test.benchtime=2s|schedtrace=100,scheddetail=1|8|1|gz
syncmap-hits-p8-detail-100ms|mod:golang.org/x/sync@v0.25.0:syncmap|-test.run=^$ -test.bench=^BenchmarkLoadMostlyHits$ -test.benchtime=1s|schedtrace=100,scheddetail=1|8|1|gz'

# mod:MODULE@VERSION[:SUBDIR] -> MODULE[/SUBDIR] and VERSION.
mod_package() {
  local spec="${1#mod:}" sub=""
  [[ "$spec" == *:* ]] && sub="/${spec#*:}"
  echo "${spec%%@*}$sub"
}
mod_version() {
  local spec="${1#mod:}"
  spec="${spec#*@}"
  echo "${spec%%:*}"
}

TMP="$(mktemp -d "${TMPDIR:-/tmp}/gosched-labelled.XXXXXX")"
NEIGHBOURS="${NEIGHBOURS:-}"
NEIGHBOUR_PIDS=()
trap 'rm -rf "$TMP"; [[ -n "$QUOTA_CG" ]] && rmdir "$QUOTA_CG" 2>/dev/null; (( ${#NEIGHBOUR_PIDS[@]} )) && kill -KILL "${NEIGHBOUR_PIDS[@]}" 2>/dev/null; true' EXIT
for ((n = 0; n < ${NEIGHBOURS:-0}; n++)); do
  sh -c 'while :; do :; done' &
  NEIGHBOUR_PIDS+=("$!")
done
ENTRIES="$TMP/entries.tsv"
: >"$ENTRIES"

for tc in $TOOLCHAINS; do
  case "$tc" in
    local) gocmd=(env "${GOENVS[@]}" GOTOOLCHAIN=local go) ;;
    go1.*) gocmd=(env "${GOENVS[@]}" GOTOOLCHAIN="$tc" go) ;;
    *) gocmd=(env "${GOENVS[@]}" GOTOOLCHAIN=local "$tc") ;;
  esac
  if ! gov="$("${gocmd[@]}" version 2>/dev/null)"; then
    echo "SKIP $tc: not found"
    continue
  fi
  full="$(awk '{print $3}' <<<"$gov")"; short="${full#go}"; minor="$(cut -d. -f1,2 <<<"$short")"
  goroot="$("${gocmd[@]}" env GOROOT)"
  folder="${DEST:-go$minor}"
  mkdir -p "$TMP/bin/$minor"
  echo "== $gov -> samples/labelled/$folder/"
  case "${SET:-$([[ "$tc" == local ]] && echo default || echo base)}" in
    base) scen="$SCENARIOS" ;;
    scale) scen="$SCALE" ;;
    detail) scen="$DETAIL" ;;
    novel) nv="NOVEL_GO${minor/./}"; scen="${!nv:-$NOVEL_GO121}" ;;
    phases) scen="$PHASES" ;;
    phases2) scen="$PHASES2" ;;
    phases3) scen="$PHASES3" ;;
    leaks) scen="$LEAKS" ;;
    phases4) scen="$PHASES4" ;;
    period) scen="$PERIOD" ;;
    mixed) scen="$MIXED" ;;
    scale128) scen="$SCALE128" ;;
    scale128detail) scen="$SCALE128DETAIL" ;;
    scale128b) scen="$SCALE128B" ;;
    p1) scen="$P1" ;;
    scale128other) scen="$SCALE128"$'\n'"$SCALE128DETAIL" ;;
    p1other) scen="$P1" ;;
    pinned) scen="$PINNED" ;;
    revisit) scen="$REVISIT" ;;
    novel3) nv="NOVEL3_GO${minor/./}"; scen="${!nv:-$NOVEL3_GO126}" ;;
    novel4) nv="NOVEL4_GO${minor/./}"; scen="${!nv:-$NOVEL4_GO126}" ;;
    novel5) nv="NOVEL5_GO${minor/./}"; scen="${!nv:-$NOVEL5_GO125}" ;;
    novel6) nv="NOVEL6_GO${minor/./}"; scen="${!nv:-$NOVEL6_GO126}" ;;
    novel7) nv="NOVEL7_GO${minor/./}"; scen="${!nv:-$NOVEL7_GO124}" ;;
    novel8) nv="NOVEL8_GO${minor/./}"; scen="${!nv:-$NOVEL8_GO126}" ;;
    novel9) nv="NOVEL9_GO${minor/./}"; scen="${!nv:-$NOVEL9_GO125}" ;;
    novel10) nv="NOVEL10_GO${minor/./}"; scen="${!nv:-$NOVEL10_GO126}" ;;
    novel11) nv="NOVEL11_GO${minor/./}"; scen="${!nv:-$NOVEL11_GO125}" ;;
    novel12) nv="NOVEL12_GO${minor/./}"; scen="${!nv:-$NOVEL12_GO126}" ;;
    novel13) nv="NOVEL13_GO${minor/./}"; scen="${!nv:-$NOVEL13_GO126}" ;;
    novel14) nv="NOVEL14_GO${minor/./}"; scen="${!nv:-$NOVEL14_GO125}" ;;
    novel15) nv="NOVEL15_GO${minor/./}"; scen="${!nv:-$NOVEL15_GO123}" ;;
    novel16) nv="NOVEL16_GO${minor/./}"; scen="${!nv:-$NOVEL16_GO125}" ;;
    novel17) nv="NOVEL17_GO${minor/./}"; scen="${!nv:-$NOVEL17_GO126}" ;;
    novel18) nv="NOVEL18_GO${minor/./}"; scen="${!nv:-$NOVEL18_GO125}" ;;
    novel19) nv="NOVEL19_GO${minor/./}"; scen="${!nv:-$NOVEL19_GO126}" ;;
    novel20) nv="NOVEL20_GO${minor/./}"; scen="${!nv:-$NOVEL20_GO126}" ;;
    novel21) nv="NOVEL21_GO${minor/./}"; scen="${!nv:-$NOVEL21_GO126}" ;;
    novel22) nv="NOVEL22_GO${minor/./}"; scen="${!nv:-$NOVEL22_GO125}" ;;
    novel23) nv="NOVEL23_GO${minor/./}"; scen="${!nv:-$NOVEL23_GO125}" ;;
    novel24) nv="NOVEL24_GO${minor/./}"; scen="${!nv:-$NOVEL24_GO124}" ;;
    novel25) nv="NOVEL25_GO${minor/./}"; scen="${!nv:-$NOVEL25_GO124}" ;;
    stdbench) scen="$STDBENCH" ;;
    stdbench2) scen="$STDBENCH2" ;;
    ecobench) nv="ECOBENCH_GO${minor/./}"; scen="${!nv:-$ECOBENCH_GO126}" ;;
    ecobench2) nv="ECOBENCH2_GO${minor/./}"; scen="${!nv:-$ECOBENCH2_GO126}" ;;
    ecobench3) nv="ECOBENCH3_GO${minor/./}"; scen="${!nv:-$ECOBENCH3_GO125}" ;;
    ecobench4) nv="ECOBENCH4_GO${minor/./}"; scen="${!nv:-$ECOBENCH4_GO126}" ;;
    ecobench5) scen="$ECOBENCH5" ;;
    ecobench6) scen="$ECOBENCH6" ;;
    pinned64) scen="$PINNED64" ;;
    throttled) scen="$THROTTLED" ;;
    pinned64other) scen="$PINNED64" ;;
    throttledother) scen="$THROTTLED" ;;
    *) scen="$SCENARIOS"$'\n'"$SCALE"$'\n'"$DETAIL" ;;
  esac
  while IFS='|' read -r name prog args godebug procs runs store; do
    [[ -n "$SCEN_FILTER" && "$name" != *"$SCEN_FILTER"* ]] && continue
    outdir="$DIR/$folder"
    [[ -z "$DEST" && "$tc" == local ]] && grep -q "^$name|" <<<"$SCALE" && outdir="$DIR/scale"
    mkdir -p "$outdir"
    bin="$TMP/bin/$minor/${prog//[:\/]/_}"
    if [[ ! -x "$bin" ]]; then
      # -trimpath (Go >= 1.13) keeps the build folder out of crash tracebacks; before it, the log is rewritten below.
      trim=(); (( ${minor#1.} >= 13 )) && trim=(-trimpath)
      if [[ "$prog" == std:* ]]; then
        (cd "$TMP" && "${gocmd[@]}" test -c "${trim[@]}" -o "$bin" "${prog#std:}")
      elif [[ "$prog" == mod:* ]]; then
        scratch="$TMP/mod/${bin##*/}"
        mkdir -p "$scratch"
        (cd "$scratch" && "${gocmd[@]}" mod init capture >/dev/null 2>&1 &&
          "${gocmd[@]}" get -t "$(mod_package "$prog")@$(mod_version "$prog")" &&
          "${gocmd[@]}" test -c "${trim[@]}" -o "$bin" "$(mod_package "$prog")")
      else
        (cd "$DIR/workloads" && "${gocmd[@]}" build "${trim[@]}" -o "$bin" "./$prog")
      fi
    fi
    log="$outdir/$name.log"
    : >"$log"
    read -r -a argv <<<"$args"
    captured="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    rcs=""
    # A std:PKG or mod: test binary reads its testdata relative to the package's folder, as `go test` runs it.
    rundir="$ROOT"
    [[ "$prog" == std:* ]] && rundir="$goroot/src/${prog#std:}"
    [[ "$prog" == mod:* ]] && rundir="$(cd "$TMP/mod/${bin##*/}" && "${gocmd[@]}" list -f '{{.Dir}}' "$(mod_package "$prog")")"
    for ((r = 1; r <= runs; r++)); do
      rc=0
      (cd "$rundir" && env -u GOTRACEBACK GODEBUG="$godebug" GOMAXPROCS="$procs" timeout 60 "${PIN[@]}" "$bin" "${argv[@]}") >/dev/null 2>>"$log" || rc=$?
      rcs="${rcs:+$rcs,}$rc"
    done
    if (( ${minor#1.} < 13 )); then
      # Go < 1.13 has no -trimpath: tracebacks name the build folder and the toolchain's own.
      sed -i -e "s#$DIR/workloads/#./#g" -e "s#$goroot/#\$GOROOT/#g" "$log"
    fi
    printf '  %-30s lines=%-6s bytes=%-8s exit=%s\n' "$name.log" "$(wc -l <"$log")" "$(wc -c <"$log")" "$rcs"
    file="$name.log"
    if [[ "$store" == gz ]]; then
      rm -f "$log.gz"
      gzip -9n "$log"
      file="$file.gz"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${outdir#"$DIR"/}/$file" "$short" "$prog" "$args" "$godebug" "$procs" "$CORES" "$captured" "$rcs" "$CPU_QUOTA" "$NEIGHBOURS" >>"$ENTRIES"
  done <<<"$scen"
done

node - "$DIR" "$ENTRIES" <<'NODE'
const fs = require('fs'), path = require('path');
const [dir, entriesFile] = process.argv.slice(2);
const mf = path.join(dir, 'manifest.json');
let old = [];
try { old = JSON.parse(fs.readFileSync(mf, 'utf8')); } catch {}
const fresh = fs.readFileSync(entriesFile, 'utf8').split('\n').filter(Boolean).map((l) => {
  const [file, goVersion, program, args, godebug, procs, cores, capturedAt, exit, quota, neighbours] = l.split('\t');
  const bytes = fs.statSync(path.join(dir, file)).size;
  return { file, goVersion, program, args, godebug, gomaxprocs: Number(procs), cores: Number(cores), capturedAt, bytes,
    exitStatus: exit.includes(',') ? exit.split(',').map(Number) : Number(exit),
    ...(quota ? { cpuQuota: Number(quota) } : {}), ...(neighbours ? { neighbours: Number(neighbours) } : {}) };
});
const seen = new Set(fresh.map((e) => e.file));
const all = [...old.filter((e) => !seen.has(e.file)), ...fresh].sort((a, b) => a.file.localeCompare(b.file));
fs.writeFileSync(mf, JSON.stringify(all, null, 2) + '\n');
console.log(`manifest: ${all.length} logs`);
NODE
node "$ROOT/scripts/labelled-readme.mjs"
