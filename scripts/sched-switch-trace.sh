#!/usr/bin/env bash
# Records how the kernel hands one CPU out among a Go program's threads: builds a sample program
# with GO, runs it pinned to CPU 0 under `perf record` of the sched_switch and sched_wakeup
# tracepoints (with call stacks, so sysmon's thread and the cause of each wake-up can be told), and
# writes the trace reduced by scripts/sched-order.mjs (OUT.trace.gz), the program's schedtrace
# (OUT.log) and what was run (OUT.json). Needs perf and permission to trace (root, or
# kernel.perf_event_paranoid <= 1).
#
#   scripts/sched-switch-trace.sh GO OUT [PROGRAM [GOMAXPROCS [ARGS...]]]
#   scripts/sched-switch-trace.sh go samples/one-cpu/sched-switch/syscalls-go1.26
#   scripts/sched-switch-trace.sh /path/to/go1.19/bin/go samples/one-cpu/sched-switch/syscalls-go1.19
#
# PROGRAM is a folder of samples/workloads (default syscalls), GOMAXPROCS defaults to 2 and ARGS to
# `-n 40 -d 2s` (the one-CPU captures' settings). Then: node scripts/sched-order.mjs OUT.trace.gz
set -euo pipefail
GO="${1:?usage: scripts/sched-switch-trace.sh GO OUT [PROGRAM [GOMAXPROCS [ARGS...]]]}"
OUT="${2:?usage: scripts/sched-switch-trace.sh GO OUT [PROGRAM [GOMAXPROCS [ARGS...]]]}"
PROGRAM="${3:-syscalls}"
PROCS="${4:-2}"
shift $(($# < 4 ? $# : 4))
ARGS=("$@")
[ ${#ARGS[@]} -gt 0 ] || ARGS=(-n 40 -d 2s)
command -v perf >/dev/null || { echo "sched-switch-trace: perf is not installed" >&2; exit 2; }
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$ROOT/samples/workloads" && "$GO" build -o "$WORK/$PROGRAM" "./$PROGRAM")
mkdir -p "$(dirname "$OUT")"
GOMAXPROCS="$PROCS" GODEBUG=schedtrace=50 perf record -q -g -C 0 -o "$WORK/perf.data" \
  -e sched:sched_switch -e sched:sched_wakeup -- taskset -c 0 "$WORK/$PROGRAM" "${ARGS[@]}" 2>"$OUT.log"
perf script -i "$WORK/perf.data" 2>/dev/null >"$WORK/perf.txt"
node "$ROOT/scripts/sched-order.mjs" "$WORK/perf.txt" --comm "$PROGRAM" --reduce | gzip -9n >"$OUT.trace.gz"
cat >"$OUT.json" <<EOF
{
  "go": "$("$GO" version)",
  "kernel": "$(uname -sr)",
  "program": "$PROGRAM",
  "args": "${ARGS[*]}",
  "gomaxprocs": $PROCS,
  "godebug": "schedtrace=50",
  "cpus": "taskset -c 0 (one CPU of $(nproc --all))",
  "perf": "perf record -g -C 0 -e sched:sched_switch -e sched:sched_wakeup",
  "loadAverage": "$(cut -d" " -f1-3 /proc/loadavg)",
  "capturedAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}
EOF
node "$ROOT/scripts/sched-order.mjs" "$OUT.trace.gz" --comm "$PROGRAM"
