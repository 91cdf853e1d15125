#!/usr/bin/env bash
# Capture a set of blind samples: the sample programs at settings no other capture has, on releases
# chosen with them, to score a change that was made before they existed. Writes
# samples/<set>/goX.Y/*.log and samples/<set>/manifest.json.
#   replay-blind  the replay's calibration level (README's replay section)
#   wakep-blind   the dumps' reading of wakep's spinning slot (README's fidelity section)
#   drain-blind   the replay's thread starts read from a drain (README's replay section)
#
# Usage (from anywhere, on an otherwise idle machine):
#   scripts/capture-blind.sh replay-blind|wakep-blind|drain-blind
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SET="${1:?usage: scripts/capture-blind.sh replay-blind|wakep-blind|drain-blind}"
DEST="$ROOT/samples/$SET"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
GOENVS=(GOENV=off GOFLAGS= GO111MODULE=)

# SCENARIOS rows: file|program|args|GODEBUG|GOMAXPROCS|note; the programs are in $PROGRAMS.
PROGRAMS="$ROOT/samples/workloads"
case "$SET" in
replay-blind)
  TOOLCHAINS=(go1.22.12 go1.25.5)
  SCENARIOS='gosched-p8-50ms|gosched|-g 16 -d 2s|schedtrace=50|8|16 CPU-bound Gs calling runtime.Gosched in a loop, 8 Ps
syscalls-p6-50ms|syscalls|-n 40 -d 2s|schedtrace=50|6|40 Gs blocking in nanosleep and reads of /dev/urandom, 6 Ps
pingpong-p8-10ms|pingpong|-pairs 32 -d 1500ms|schedtrace=10|8|32 channel ping-pong pairs, 8 Ps
netpoll-p6-50ms|netpoll|-c 64 -d 2s|schedtrace=50|6|HTTP server on loopback with 64 client Gs, 6 Ps
overflow-p6-20ms|overflow|-g 20000 -w 100000 -waves 4|schedtrace=20|6|one G spawns 20000 CPU-bound Gs per wave, 6 Ps
gcheavy-gctrace-p12-50ms|gcheavy|-n 24 -d 1s|schedtrace=50,gctrace=1|12|24 allocation-heavy Gs, 12 Ps, gctrace beside schedtrace
oversub-p6-20ms|oversub|-g 64 -d 1s|schedtrace=20|6|64 CPU-bound Gs that never yield, 6 Ps'
  ;;
wakep-blind)
  TOOLCHAINS=(go1.21.13 go1.24.11)
  SCENARIOS='pingpong-p6-10ms|pingpong|-pairs 32 -d 1500ms|schedtrace=10|6|32 channel ping-pong pairs, 6 Ps
pingpong-p12-10ms|pingpong|-pairs 32 -d 1500ms|schedtrace=10|12|32 channel ping-pong pairs, 12 Ps'
  ;;
drain-blind)
  PROGRAMS="$ROOT/samples/labelled/workloads"
  TOOLCHAINS=(go1.23.12 go1.26.8)
  SCENARIOS='hubwake-spread-p80-100ms|hubwake|-mode spread -workers 70 -work 10ms -nap 500ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|80|hubwake: every P but one spins, a hub readies 70 workers that wake by their own timers, 80 Ps
hubwake-wake-p104-100ms|hubwake|-mode wake -workers 95 -work 10ms -ramp 60ms -settle 1s -d 5s|schedtrace=100|104|hubwake: every P but one spins, a hub readies 95 workers by closing a channel, 104 Ps'
  ;;
*)
  echo "capture-blind: no set $SET (replay-blind, wakep-blind, drain-blind)" >&2
  exit 2
  ;;
esac

entries=()
for tc in "${TOOLCHAINS[@]}"; do
  ver="${tc#go}"
  minor="go$(echo "$ver" | cut -d. -f1-2)"
  mkdir -p "$DEST/$minor" "$WORK/$tc"
  gover="$(cd "$PROGRAMS" && env "${GOENVS[@]}" GOTOOLCHAIN="$tc" go version)"
  while IFS='|' read -r file prog args godebug procs note; do
    bin="$WORK/$tc/$prog"
    [ -x "$bin" ] || (cd "$PROGRAMS" && env "${GOENVS[@]}" GOTOOLCHAIN="$tc" go build -trimpath -o "$bin" "./$prog/main.go")
    for run in a b; do
      out="$DEST/$minor/$file-$run.log"
      # shellcheck disable=SC2086
      set +e
      GOMAXPROCS="$procs" GODEBUG="$godebug" "$bin" $args 2> "$out" > /dev/null
      status=$?
      set -e
      echo "$minor/$file-$run.log: exit $status, $(wc -l < "$out") lines"
      entries+=("{\"file\":\"$minor/$file-$run.log\",\"go\":\"$gover\",\"goVersion\":\"$ver\",\"program\":\"$prog\",\"args\":\"$args\",\"godebug\":\"$godebug\",\"gomaxprocs\":$procs,\"cores\":$(nproc),\"capturedAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"lines\":$(wc -l < "$out"),\"bytes\":$(wc -c < "$out"),\"note\":\"$note\",\"exitStatus\":$status}")
    done
  done <<< "$SCENARIOS"
done
(IFS=,; echo "[${entries[*]}]") | node -e 'process.stdout.write(JSON.stringify(JSON.parse(require("fs").readFileSync(0,"utf8")),null,2)+"\n")' > "$DEST/manifest.json"
