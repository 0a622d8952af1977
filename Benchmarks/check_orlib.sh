#!/usr/bin/env bash
# Runs `mentor-match solve` on every OR-Library instance in ../shared/datasets/orlib and compares the
# printed objective with the published optimum in assignopt.txt. Skips (exit 0) if the folder is absent.
# Usage: bash Benchmarks/check_orlib.sh PATH/TO/mentor-match [--solver NAME]
set -euo pipefail
binary=$1; shift
folder="$(cd "$(dirname "$0")/.." && pwd)/../shared/datasets/orlib"
if [ ! -d "$folder" ]; then echo "check_orlib: $folder is absent, skipped"; exit 0; fi
passed=0; failed=0
while read -r name optimum; do
    case $name in assignp*) format=orlib-sparse ;; assign*) format=orlib ;; *) continue ;; esac
    # The largest instance solves in well under a second: 120 s means a hang, which fails the check.
    objective=$(timeout 120 "$binary" solve "$folder/$name.txt" --format "$format" --output json "$@" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["objective"])')
    if [ "$objective" = "$optimum" ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "check_orlib: $name gave $objective, published optimum $optimum" >&2; fi
done < "$folder/assignopt.txt"
echo "check_orlib: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
