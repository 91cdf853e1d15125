#!/usr/bin/env bash
# Capture fidelity scenarios on one CPU: samples/one-cpu/go1.NN/*.log, three runs per setting of the
# sample programs in samples/workloads/, each run under `taskset -c 0` (the process may use one CPU of
# the machine, as a container pinned to one), and samples/one-cpu/manifest.json in the format
# `gosched fidelity --samples DIR` reads (its `cores` is 1, the CPUs of the set).
#
# Usage (from the repo root):
#   scripts/capture-one-cpu.sh                       # the Go on PATH and Go 1.19 (GO119, default `go1.19` on PATH)
#   TOOLCHAINS="/path/to/go" scripts/capture-one-cpu.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/samples/one-cpu"
TOOLCHAINS="${TOOLCHAINS:-go ${GO119:-go1.19}}"
PIN=(taskset -c 0)
CORES="$("${PIN[@]}" nproc)"
GOENVS=(GOENV=off GOFLAGS= GO111MODULE= GOTOOLCHAIN=local)

# name|program|args|GODEBUG|GOMAXPROCS|note
SCENARIOS='oversub-p4-20ms|oversub|-g 64 -d 1s|schedtrace=20|4|64 CPU-bound Gs that never yield, 4 Ps on one CPU
oversub-p16-20ms|oversub|-g 64 -d 1s|schedtrace=20|16|64 CPU-bound Gs that never yield, 16 Ps on one CPU
syscalls-p2-50ms|syscalls|-n 40 -d 2s|schedtrace=50|2|Gs blocking in nanosleep and reads of /dev/urandom, 2 Ps on one CPU
gcheavy-gctrace-p4-50ms|gcheavy|-n 16 -d 1s|schedtrace=50,gctrace=1|4|allocation-heavy Gs, gctrace beside schedtrace, 4 Ps on one CPU'

TMP="$(mktemp -d "${TMPDIR:-/tmp}/gosched-one-cpu.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
ENTRIES="$TMP/entries.tsv"
: >"$ENTRIES"
for tc in $TOOLCHAINS; do
  gov="$(env "${GOENVS[@]}" "$tc" version)"
  short="$(awk '{print $3}' <<<"$gov")"; short="${short#go}"; minor="$(cut -d. -f1,2 <<<"$short")"
  mkdir -p "$OUT/go$minor" "$TMP/bin/$minor"
  echo "== $gov -> samples/one-cpu/go$minor/"
  while IFS='|' read -r name prog args godebug procs note; do
    bin="$TMP/bin/$minor/$prog"
    [[ -x "$bin" ]] || (cd "$ROOT/samples/workloads" && env "${GOENVS[@]}" "$tc" build -trimpath -o "$bin" "./$prog/main.go")
    read -r -a argv <<<"$args"
    for run in a b c; do
      log="$OUT/go$minor/$name-$run.log"
      captured="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
      rc=0
      env -u GOTRACEBACK GODEBUG="$godebug" GOMAXPROCS="$procs" timeout 60 "${PIN[@]}" "$bin" "${argv[@]}" >/dev/null 2>"$log" || rc=$?
      printf '  %-36s lines=%-5s exit=%s\n' "$name-$run.log" "$(wc -l <"$log")" "$rc"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "go$minor/$name-$run.log" "$gov" "$short" "$prog" "$args" "$godebug" "$procs" "$CORES" "$captured" "$note" "$rc" >>"$ENTRIES"
    done
  done <<<"$SCENARIOS"
done

node - "$OUT" "$ENTRIES" <<'NODE'
const fs = require('fs'), path = require('path');
const [dir, entries] = process.argv.slice(2);
const m = fs.readFileSync(entries, 'utf8').split('\n').filter(Boolean).map((l) => {
  const [file, go, goVersion, program, args, godebug, procs, cores, capturedAt, note, rc] = l.split('\t');
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  return { file, go, goVersion, program, args, godebug, gomaxprocs: Number(procs), cores: Number(cores), capturedAt,
    lines: text.split('\n').length - 1, bytes: Buffer.byteLength(text), exitStatus: Number(rc), note: `${note} (taskset -c 0)` };
});
fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
console.log(`manifest: ${m.length} logs`);
NODE
[[ -e "$OUT/workloads" ]] || ln -s ../workloads "$OUT/workloads"
