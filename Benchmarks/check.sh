#!/usr/bin/env bash
# Compares a release run of the benchmarks with the thresholds in Benchmarks/Thresholds (p90 of wall clock and
# peak memory, 10 % tolerance). Fails on a regression; a run much faster than the thresholds only asks for an update.
set -uo pipefail
cd "$(dirname "$0")"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
swift package benchmark thresholds check --path Thresholds "$@" 2>&1 | tee "$log" | grep -avE "ETA: |^\s*$"
if grep -aq "is WORSE than the defined thresholds" "$log"; then
  echo "bench-check: regression beyond the thresholds (see the tables above)"
  exit 1
fi
if grep -aq "is BETTER than the defined thresholds" "$log"; then
  echo "bench-check: faster or leaner than the thresholds; record the new figures with 'make bench-baseline'"
  exit 0
fi
grep -aq "is EQUAL to the defined thresholds" "$log" || { echo "bench-check: the benchmark run failed"; exit 1; }
echo "bench-check: within the thresholds"
