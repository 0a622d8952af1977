#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer (a debug build: a release build
# loses the coverage instrumentation, so libFuzzer would fuzz blind) and runs each for N seconds
# (default 60) on a copy of its seed corpus, printing executions and crashes per target.
# Exits 1 if any target crashed; the crashing input is kept in Fuzz/crashes/.
#   bash Fuzz/run.sh 600                  # every target, ten minutes each
#   bash Fuzz/run.sh 30 roster-csv rules  # some targets
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(problem-json orlib npz roster-csv rules previous-matches)
# The coverage flags are explicit: SwiftPM's --sanitize fuzzer alone has been seen to build
# objects without them here, and libFuzzer then fuzzes blind (the check below catches that).
MENTORMATCH_FUZZ=1 swift build --scratch-path .build-fuzz --sanitize fuzzer --sanitize address --product mentor-match-fuzz \
    -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp 2>&1 | grep -E "error|warning: unre|Compiling mentor_match_fuzz|Build complete" || true
binary=.build-fuzz/debug/mentor-match-fuzz
[ -x "$binary" ] || { echo "fuzz build failed"; exit 1; }
mkdir -p Fuzz/crashes
failed=0
for target in "${targets[@]}"; do
    work=$(mktemp -d)
    cp Fuzz/corpus/"$target"/* "$work"/ 2>/dev/null || true
    log=$(mktemp)
    if LSAN_OPTIONS=suppressions=Fuzz/lsan-suppressions.txt MENTORMATCH_FUZZ_TARGET=$target "$binary" "$work" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 \
        -print_final_stats=1 -artifact_prefix=Fuzz/crashes/"$target"- > "$log" 2>&1; then status=clean; else status=CRASHED; failed=1; fi
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    if ! grep -q "inline 8-bit counters" "$log"; then status="BLIND (no coverage instrumentation)"; failed=1; fi
    echo "fuzz $target: $status, $runs executions in ${seconds}s, corpus $(ls "$work" | wc -l) inputs"
    [ "$status" = CRASHED ] && grep -E "ERROR|Fatal error|SUMMARY|artifact" "$log" | head -5
    rm -rf "$work" "$log"
done
exit $failed
