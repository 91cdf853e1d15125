#!/usr/bin/env bash
# Capture the real GODEBUG=schedtrace sample logs in samples/go1.NN/ and write
# samples/manifest.json and samples/README.md.
#
# Usage (from the repo root, or via `npm run samples`):
#   scripts/capture-samples.sh                 # every toolchain, every scenario
#   scripts/capture-samples.sh go1.26          # only toolchains whose name starts with go1.26
#   scripts/capture-samples.sh go1.19 pingpong # ... and only scenarios whose file name contains "pingpong"
#
# Each program in samples/workloads/ is built with each toolchain (fetched through
# the Go module proxy with GOTOOLCHAIN=goX.Y.Z) into a temp dir, then run with the
# scenario's GODEBUG/GOMAXPROCS. Only stderr is captured; stdout goes to /dev/null.
# A toolchain that cannot be downloaded is skipped with a "SKIP" line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SAMPLES="$ROOT/samples"
FILTER="${1:-}"
SCEN_FILTER="${2:-}"
CORES="$(nproc)"
# Ignore the user's go env file (its GOFLAGS, e.g. -buildvcs, breaks Go <= 1.17)
# and any GOFLAGS; pick the toolchain explicitly per build.
GOENVS=(GOENV=off GOFLAGS= GO111MODULE=)

TOOLCHAINS=(go1.26.8 go1.25.5 go1.22.12 go1.20.14 go1.19.13 go1.16.15 go1.13.15 go1.10.8 go1.9.7 go1.7.6 go1.5.4)

# Scenario rows: file|program|args|GODEBUG|GOMAXPROCS ("default" = leave unset)|runs|note
# runs=2 means the program is run twice, the second run appended to the same log.
FIDELITY='overflow-p1-10ms-a|overflow|-g 5000 -w 100000 -waves 2|schedtrace=10|1|1|one G spawns 5000 CPU-bound Gs per wave; global queue grows in steps of 129
overflow-p1-10ms-b|overflow|-g 5000 -w 100000 -waves 2|schedtrace=10|1|1|repeat of -a with the same settings
oversub-p2-20ms-a|oversub|-g 64 -d 1s|schedtrace=20|2|1|64 CPU-bound Gs that never yield
oversub-p2-20ms-b|oversub|-g 64 -d 1s|schedtrace=20|2|1|repeat of -a with the same settings
oversub-p8-20ms-a|oversub|-g 64 -d 1s|schedtrace=20|8|1|64 CPU-bound Gs, 8 Ps on a 2-core machine
oversub-p8-20ms-b|oversub|-g 64 -d 1s|schedtrace=20|8|1|repeat of -a with the same settings
gosched-p4-50ms-a|gosched|-g 16 -d 2s|schedtrace=50|4|1|16 CPU-bound Gs calling runtime.Gosched in a loop
gosched-p4-50ms-b|gosched|-g 16 -d 2s|schedtrace=50|4|1|repeat of -a with the same settings
syscalls-p2-50ms-a|syscalls|-n 40 -d 2s|schedtrace=50|2|1|Gs blocking in nanosleep and reads of /dev/urandom
syscalls-p2-50ms-b|syscalls|-n 40 -d 2s|schedtrace=50|2|1|repeat of -a with the same settings
seed-p4-100ms-a|seed|-n 300000000|schedtrace=100|4|1|20 Gs sleep 1 s, then count to N
seed-p4-100ms-b|seed|-n 300000000|schedtrace=100|4|1|repeat of -a with the same settings
pingpong-p4-5ms-a|pingpong|-pairs 32 -d 1500ms|schedtrace=5|4|1|32 channel ping-pong pairs
pingpong-p4-5ms-b|pingpong|-pairs 32 -d 1500ms|schedtrace=5|4|1|repeat of -a with the same settings'

NETPOLL='netpoll-p2-detail-200ms|netpoll|-c 32 -d 1s|schedtrace=200,scheddetail=1|2|1|HTTP server on loopback, 32 client Gs; detailed P/M/G dumps'
CRASH='crash-50ms|crash|-after 300ms|schedtrace=50|default|1|panics after 300 ms: the runtime prints a detailed dump at the crash although scheddetail is unset; exit status 2'

RICH_EXTRA='seed-p4-1000ms|seed|-n 1500000000|schedtrace=1000|4|1|20 Gs sleep 1 s, then count to N
resize-20ms|resize|-step 300ms|schedtrace=20|default|1|32 CPU-bound Gs; the program sets GOMAXPROCS to 2,6,3,8,1,4 every 300 ms
gcheavy-p4-detail-100ms|gcheavy|-n 16 -d 1s|schedtrace=100,scheddetail=1|4|1|allocation-heavy Gs keep the GC busy; detailed dumps
gcheavy-p4-gctrace-50ms|gcheavy|-n 16 -d 1s|schedtrace=50,gctrace=1|4|1|schedtrace and gctrace lines interleaved on stderr
overflow-p32-20ms|overflow|-g 20000 -w 100000 -waves 4|schedtrace=20|32|1|busy many-P log: one G spawns 20000 CPU-bound Gs per wave on 32 Ps of a 2-core machine (report screenshots)
locked-p2-50ms|locked|-n 8 -d 2s|schedtrace=50|2|1|8 Gs locked to OS threads that sleep 1 ms and wake
idle-p8-250ms|idle|-d 3s|schedtrace=250|8|1|mostly idle: 4 ticker-driven Gs
restart-p2-100ms|seed|-n 100000000|schedtrace=100|2|2|simulated supervisor restart: the same program run twice, the second run appended to the same log'

# GC at four GOMAXPROCS values (gctrace beside schedtrace) and more Ps than the machine's cores.
MANY='gcheavy-gctrace-p2-50ms-a|gcheavy|-n 16 -d 1s|schedtrace=50,gctrace=1|2|1|allocation-heavy Gs; gctrace lines beside schedtrace
gcheavy-gctrace-p2-50ms-b|gcheavy|-n 16 -d 1s|schedtrace=50,gctrace=1|2|1|repeat of -a with the same settings
gcheavy-gctrace-p4-50ms-a|gcheavy|-n 16 -d 1s|schedtrace=50,gctrace=1|4|1|allocation-heavy Gs; gctrace lines beside schedtrace
gcheavy-gctrace-p4-50ms-b|gcheavy|-n 16 -d 1s|schedtrace=50,gctrace=1|4|1|repeat of -a with the same settings
gcheavy-gctrace-p8-50ms-a|gcheavy|-n 16 -d 1s|schedtrace=50,gctrace=1|8|1|allocation-heavy Gs, 8 Ps on a 2-core machine
gcheavy-gctrace-p8-50ms-b|gcheavy|-n 16 -d 1s|schedtrace=50,gctrace=1|8|1|repeat of -a with the same settings
gcheavy-gctrace-p16-50ms-a|gcheavy|-n 16 -d 1s|schedtrace=50,gctrace=1|16|1|allocation-heavy Gs, 16 Ps on a 2-core machine
gcheavy-gctrace-p16-50ms-b|gcheavy|-n 16 -d 1s|schedtrace=50,gctrace=1|16|1|repeat of -a with the same settings
oversub-p16-20ms-a|oversub|-g 64 -d 1s|schedtrace=20|16|1|64 CPU-bound Gs, 16 Ps on a 2-core machine
oversub-p16-20ms-b|oversub|-g 64 -d 1s|schedtrace=20|16|1|repeat of -a with the same settings
oversub-p32-20ms-a|oversub|-g 64 -d 1s|schedtrace=20|32|1|64 CPU-bound Gs, 32 Ps on a 2-core machine
oversub-p32-20ms-b|oversub|-g 64 -d 1s|schedtrace=20|32|1|repeat of -a with the same settings'

MINIMAL='overflow-p1-10ms|overflow|-g 5000 -w 100000 -waves 2|schedtrace=10|1|1|one G spawns 5000 CPU-bound Gs per wave; global queue grows in steps of 129
seed-p4-100ms|seed|-n 300000000|schedtrace=100|4|1|20 Gs sleep 1 s, then count to N
oversub-p2-20ms|oversub|-g 64 -d 1s|schedtrace=20|2|1|64 CPU-bound Gs that never yield'

# A third capture of every fidelity setting (…-c): with three runs the run-to-run yardstick is the
# mean of three pairwise distances instead of one.
third_captures() {
  awk -F'|' -v OFS='|' '$1 ~ /-a$/ { sub(/-a$/, "-c", $1); $7 = "third capture with the settings of -a"; print }'
}

# Two repeats (…-b, …-c) of the fidelity settings captured once per release (netpoll detail, crash,
# and on Go 1.26 gcheavy detail, idle, locked, resize), so their yardstick is the release's own
# run-to-run variance.
repeats() {
  awk -F'|' -v OFS='|' '{ f = $1; for (i = 0; i < 2; i++) { $1 = f "-" (i ? "c" : "b"); $7 = "repeat of " f " with the same settings"; print } }'
}

# Go 1.26 settings captured once in RICH_EXTRA that the fidelity table scores.
ONCE_GO126="$(grep -E '^(gcheavy-p4-detail-100ms|idle-p8-250ms|locked-p2-50ms|resize-20ms)\|' <<<"$RICH_EXTRA")"
THIRD="$(third_captures <<<"$FIDELITY"$'\n'"$MANY")"

scenarios_for() {
  case "$1" in
    go1.26.*) printf '%s\n' "$FIDELITY" "$RICH_EXTRA" "$MANY" "$THIRD" "$NETPOLL" "$CRASH" \
                "$(repeats <<<"$NETPOLL"$'\n'"$CRASH"$'\n'"$ONCE_GO126")" ;;
    go1.19.*) printf '%s\n' "$FIDELITY" "$MANY" "$THIRD" "$NETPOLL" "$CRASH" "$(repeats <<<"$NETPOLL"$'\n'"$CRASH")" ;;
    *)        printf '%s\n' "$MINIMAL" "$NETPOLL" "$CRASH" ;;
  esac
}

TMP="$(mktemp -d "${TMPDIR:-/tmp}/gosched-samples.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
cp -r "$SAMPLES/workloads" "$TMP/src"
ENTRIES="$TMP/entries.tsv" # one manifest entry per line, tab-separated
: >"$ENTRIES"

for tc in "${TOOLCHAINS[@]}"; do
  [[ -n "$FILTER" && "$tc" != "$FILTER"* ]] && continue
  if ! gov="$(env "${GOENVS[@]}" GOTOOLCHAIN="$tc" go version 2>"$TMP/err")"; then
    echo "SKIP $tc: toolchain cannot be downloaded or run: $(tail -1 "$TMP/err")"
    continue
  fi
  gov="$(tail -1 <<<"$gov")"
  # A toolchain without -trimpath prints its own GOROOT (here, in the module cache) in tracebacks: written as $GOROOT.
  goroot="$(env "${GOENVS[@]}" GOTOOLCHAIN="$tc" go env GOROOT)"
  short="${tc#go}"; minor="$(cut -d. -f1,2 <<<"$short")"
  outdir="$SAMPLES/go$minor"
  mkdir -p "$outdir" "$TMP/bin/$tc"
  echo "== $gov -> samples/go$minor/"
  while IFS='|' read -r file prog args godebug procs runs note; do
    [[ -z "$file" ]] && continue
    [[ -n "$SCEN_FILTER" && "$file" != *"$SCEN_FILTER"* ]] && continue
    bin="$TMP/bin/$tc/$prog"
    if [[ ! -x "$bin" ]]; then
      # Build as a single file so the same command works for Go 1.10 (GOPATH mode).
      # -trimpath (Go >= 1.13) keeps the temp dir out of crash tracebacks.
      trim=(); (( ${minor#1.} >= 13 )) && trim=(-trimpath)
      if ! (cd "$TMP/src" && env "${GOENVS[@]}" GOTOOLCHAIN="$tc" go build "${trim[@]}" -o "$bin" "./$prog/main.go") >"$TMP/err" 2>&1; then
        echo "  SKIP $file: $prog does not build with $tc: $(head -3 "$TMP/err" | tr '\n' ' ')"
        continue
      fi
    fi
    log="$outdir/$file.log"
    : >"$log"
    envs=(GODEBUG="$godebug")
    [[ "$procs" != default ]] && envs+=(GOMAXPROCS="$procs")
    read -r -a argv <<<"$args"
    captured="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    rcs=""
    for ((r = 1; r <= runs; r++)); do
      rc=0
      env -u GOMAXPROCS -u GODEBUG -u GOTRACEBACK "${envs[@]}" timeout 300 "$bin" "${argv[@]}" >/dev/null 2>>"$log" || rc=$?
      rcs="${rcs:+$rcs,}$rc"
      # Go < 1.13 has no -trimpath: keep the temporary build folder out of crash tracebacks.
      sed -i -e "s#$TMP/src/#./#g" -e "s#$goroot/#\$GOROOT/#g" "$log"
    done
    lines=$(wc -l <"$log"); bytes=$(wc -c <"$log")
    sched=$(grep -c '^SCHED ' "$log" || true)
    printf '  %-32s lines=%-5s bytes=%-7s SCHED=%-4s exit=%s\n' "$file.log" "$lines" "$bytes" "$sched" "$rcs"
    [[ "$sched" -gt 0 ]] || echo "  WARNING: $file.log has no SCHED lines"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
      "go$minor/$file.log" "$gov" "$short" "$prog" "$args" "$godebug" "$procs" "$CORES" "$captured" "$note" "$runs" "$rcs" >>"$ENTRIES"
  done < <(scenarios_for "$tc")
done

# The six Go 1.19.8 logs captured elsewhere (2-core linux/amd64): they stay as committed in
# samples/go1.19/shared-*.log and keep their rows in the manifest.
SHARED_NOTE='captured elsewhere, 2-core linux/amd64'
SHARED="seed-p4-1000ms|seed|-n 300000000|schedtrace=1000|4|$SHARED_NOTE
seed-p4-100ms|seed|-n 300000000|schedtrace=100|4|$SHARED_NOTE
overflow-p1-10ms|overflow|-g 5000 -w 100000 -waves 2|schedtrace=10|1|$SHARED_NOTE
netpoll-p2-detail|netpoll|-c 32 -d 2s|schedtrace=200,scheddetail=1|2|$SHARED_NOTE
resize-20ms|resize||schedtrace=20|default|$SHARED_NOTE (program had no flags: GOMAXPROCS 2,6,3,8,1,4 every 600 ms)
syscalls-p2-50ms|syscalls|-n 40 -d 3s|schedtrace=50|2|$SHARED_NOTE"
while IFS='|' read -r name prog args godebug procs note; do
  [[ -f "$SAMPLES/go1.19/shared-$name.log" ]] || continue
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "go1.19/shared-$name.log" "go version go1.19.8 linux/amd64" "1.19.8" "$prog" "$args" "$godebug" "$procs" "2" "" "$note" "1" "" >>"$ENTRIES"
done <<<"$SHARED"

# Envelope variants (containerd, docker json-file, journald, ...) of the real Go 1.26 logs.
if [[ -d "$SAMPLES/go1.26" ]]; then
  node "$ROOT/scripts/wrap-envelopes.mjs"
fi

# Merge into samples/manifest.json: entries for rewritten files are replaced,
# entries whose file no longer exists are dropped, the rest are kept.
node - "$SAMPLES" "$ENTRIES" <<'EOF'
const fs = require('fs'), path = require('path');
const [dir, entriesFile] = process.argv.slice(2);
const mf = path.join(dir, 'manifest.json');
let old = [];
try { old = JSON.parse(fs.readFileSync(mf, 'utf8')); } catch {}
const fresh = fs.readFileSync(entriesFile, 'utf8').split('\n').filter(Boolean).map((l) => {
  const [file, go, goVersion, program, args, godebug, procs, cores, capturedAt, note, runs, exit] = l.split('\t');
  const full = path.join(dir, file);
  const text = fs.readFileSync(full);
  const e = {
    file, go, goVersion, program, args, godebug,
    gomaxprocs: procs === 'default' ? 'default' : Number(procs),
    cores: Number(cores), capturedAt: capturedAt || null,
    lines: text.toString('latin1').split('\n').length - (text.at(-1) === 10 ? 1 : 0),
    bytes: text.length, note,
  };
  if (runs !== '1') e.runs = Number(runs);
  if (exit) e.exitStatus = exit.includes(',') ? exit.split(',').map(Number) : Number(exit);
  return e;
});
const seen = new Set(fresh.map((e) => e.file));
const kept = old.filter((e) => !seen.has(e.file) && fs.existsSync(path.join(dir, e.file)));
const verKey = (v) => v.split('.').map(Number).reduce((a, n) => a * 1000 + n, 0);
const all = [...kept, ...fresh].sort((a, b) => verKey(b.goVersion) - verKey(a.goVersion) || a.file.localeCompare(b.file));
fs.writeFileSync(mf, JSON.stringify(all, null, 2) + '\n');
console.log(`manifest: ${all.length} entries (${fresh.length} written this run)`);
EOF

# Regenerate samples/README.md from the manifest (and the envelope index).
node - "$SAMPLES" <<'EOF'
const fs = require('fs'), path = require('path');
const dir = process.argv[2];
const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
let env = [];
try { env = JSON.parse(fs.readFileSync(path.join(dir, 'envelopes', 'index.json'), 'utf8')); } catch {}
const esc = (s) => String(s).replace(/\|/g, '\\|');
const era = (v) => {
  const [, mi] = v.split('.').map(Number);
  if (mi <= 11) return '1.5–1.11 (`helpgc=`, `-1`)';
  if (mi <= 13) return '1.12–1.13 (no `timerslen`, `-1`)';
  if (mi <= 19) return '1.14–1.19 (`timerslen`, `-1`)';
  if (mi <= 24) return '1.20–1.24 (`needspinning`, `nil`)';
  return '1.25+ (`[ a b ] schedticks=[ … ]`)';
};
const out = [];
out.push('# Real `GODEBUG=schedtrace` sample logs', '');
out.push('Generated by `scripts/capture-samples.sh` (`npm run samples`) from `manifest.json`; do not edit by hand.', '');
out.push('Every `go1.NN/*.log` is the **unmodified stderr** of a program in `workloads/` built with that Go',
  'toolchain (stdout discarded). `GOMAXPROCS` "default" means the variable was unset. Files named',
  '`…-a.log`, `…-b.log` and `…-c.log` (or `….log`, `…-b.log` and `…-c.log`) are captures with identical settings (for fidelity checks).',
  '`restart-*` holds two runs of the same program appended to one file (a simulated supervisor restart).',
  '`crash-*` ends with the detailed dump the runtime prints when it dies, then the panic and traceback.',
  'Go 1.5 to 1.12 have no `-trimpath`, so in their tracebacks the temporary build folder is replaced by `./`,',
  'and the toolchain\'s own folder by `$GOROOT` (Go 1.5 prints its release default, `/usr/local/go`); nothing',
  'else is changed.', '');
const versions = [...new Set(m.map((e) => e.goVersion))];
out.push('## Logs', '');
out.push('| file | Go | format era | program + args | GODEBUG | GOMAXPROCS | cores | lines | note |', '|---|---|---|---|---|---|---|---|---|');
for (const e of m) {
  out.push(`| [${e.file}](${e.file}) | ${e.goVersion} | ${era(e.goVersion)} | \`${esc((e.program + ' ' + e.args).trim())}\` | \`${esc(e.godebug)}\` | ${e.gomaxprocs} | ${e.cores} | ${e.lines} | ${esc(e.note)} |`);
}
out.push('', `Go versions: ${versions.join(', ')}.`, '');
if (env.length) {
  out.push('## Envelopes', '');
  out.push('Real log content, envelope applied by `scripts/wrap-envelopes.mjs`: the SCHED/P/M/G text is copied',
    'from the real Go 1.26 logs above, but the timestamps, container/unit names, stream tags, partial-line',
    'splits, CRLF endings and the foreign lines in `mixed-foreign.log` were added by the script, not captured',
    'from a real container runtime.', '');
  out.push('| file | envelope | source log(s) | lines |', '|---|---|---|---|');
  for (const e of env) out.push(`| [envelopes/${e.file}](envelopes/${e.file}) | ${esc(e.envelope)} | ${e.sources.join(', ')} | ${e.lines ?? '(binary)'} |`);
  out.push('');
}
fs.writeFileSync(path.join(dir, 'README.md'), out.join('\n'));
console.log('README.md written');
EOF
echo "done: $(du -sh "$SAMPLES" | cut -f1) in samples/"
