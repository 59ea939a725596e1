#!/usr/bin/env bash
# Compares a release run of the benchmarks with the thresholds in Benchmarks/Thresholds (p90 of wall clock, CPU
# time and peak memory, 10 % tolerance). Fails on a regression; a run much faster than the thresholds only asks
# for an update. On a shared 2-core machine the same build can measure 20–45 % apart from one run to the next, so
# a benchmark beyond its threshold is run again, up to twice: it fails only if it is beyond it every time.
set -uo pipefail
cd "$(dirname "$0")"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

check() { # check [plugin arguments…]: one thresholds check into $log; the names beyond their thresholds on stdout
  swift package benchmark thresholds check --path Thresholds "$@" >"$log" 2>&1
  grep -avE "ETA: |^\s*$" "$log" >&2
  grep -ao "Deviations worse than threshold for [A-Za-z]*:[A-Za-z0-9_]*" "$log" | sed 's/.*for [A-Za-z]*://'
}

worse=$(check "$@")
if ! grep -aqE "is (WORSE|BETTER|EQUAL)" "$log"; then
  echo "bench-check: the benchmark run failed"
  exit 1
fi
better=$(grep -ac "Deviations better than threshold" "$log")
for attempt in 2 3; do
  [ -z "$worse" ] && break
  echo "bench-check: beyond the thresholds in run $((attempt - 1)): $(echo $worse); running them again" >&2
  still=""
  for name in $worse; do
    [ -n "$(check --filter "^${name}\$")" ] && still="$still $name"
  done
  worse=$(echo $still)
done
if [ -n "$worse" ]; then
  echo "bench-check: regression beyond the thresholds in three runs: $worse"
  echo "bench-check: is it this hour's? make bench-ab REV=<the commit of the threshold> BENCH=$(echo $worse | cut -d' ' -f1)"
  exit 1
fi
if [ "$better" -gt 0 ]; then
  echo "bench-check: within the thresholds; $better faster or leaner than them (record with 'make bench-baseline')"
  exit 0
fi
echo "bench-check: within the thresholds"
