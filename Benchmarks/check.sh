#!/usr/bin/env bash
# Compares a release run of the benchmarks with the thresholds in Benchmarks/Thresholds (p90 of wall clock, CPU
# time and peak memory, 10 % tolerance). Fails on a regression; a run much faster than the thresholds only asks
# for an update. On a shared 2-core machine the same build can measure 20–45 % apart from one run to the next, so
# the benchmarks beyond their thresholds are run again, together, up to twice: they fail only if beyond them every time.
set -uo pipefail
cd "$(dirname "$0")"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

check() { # check [plugin arguments…]: one thresholds check into $log; the names beyond their thresholds on stdout
  swift package benchmark thresholds check --path Thresholds "$@" >"$log" 2>&1
  grep -avE "ETA: |^\s*$" "$log" >&2
  grep -ao "Deviations worse than threshold for [A-Za-z]*:[A-Za-z0-9_]*" "$log" | sed 's/.*for [A-Za-z]*://'
}

ran() { # whether the last check ran the benchmarks to a verdict, else says it did not
  grep -aqE "is (WORSE|BETTER|EQUAL)" "$log" || { echo "bench-check: the benchmark run failed"; return 1; }
}

worse=$(check "$@" | sort -u)
ran || exit 1
better=$(grep -ac "Deviations better than threshold" "$log")
for attempt in 2 3; do
  [ -z "$worse" ] && break
  echo "bench-check: beyond the thresholds in run $((attempt - 1)): $(echo $worse); running them again" >&2
  # One plugin run for them all: benchmark names are letters, digits and underscores.
  worse=$(echo $(check --filter "^($(echo $worse | tr ' ' '|'))\$" | sort -u))
  ran || exit 1
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
