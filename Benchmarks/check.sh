#!/usr/bin/env bash
# Compares a release run of the benchmarks with the thresholds in Benchmarks/Thresholds (p90 of wall clock, CPU
# time and peak memory, 10 % tolerance). On a shared 2-core machine the same build measures up to 1.9× apart between
# hours, so a benchmark beyond its thresholds twice running is then alternated, in the same hour, with the build of
# the commit that recorded its thresholds (Benchmarks/ab.sh, AB_ROUNDS rounds, 3 by default): it fails only if the
# working tree is more than 10 % slower or larger than that build, and again so in a second alternation (each process
# runs in a fast or a slow mode of this host's, about 1.3× apart, and three rounds can draw only slow ones on one side).
# A run faster than the thresholds only asks for an update.
set -uo pipefail
cd "$(dirname "$0")"
log="$(mktemp)" ab="$(mktemp)"
trap 'rm -f "$log" "$ab"' EXIT

check() { # check [plugin arguments…]: one thresholds check into $log; TARGET:NAME of those beyond their thresholds
  swift package benchmark thresholds check --path Thresholds "$@" >"$log" 2>&1
  grep -avE "ETA: |^\s*$" "$log" >&2
  grep -ao "Deviations worse than threshold for [A-Za-z]*:[A-Za-z0-9_]*" "$log" | sed 's/.*for //' | sort -u
}

ran() { # whether the last check ran the benchmarks to a verdict, else says it did not
  grep -aqE "is (WORSE|BETTER|EQUAL)" "$log" || { echo "bench-check: the benchmark run failed"; return 1; }
}

names() { # names TARGET:NAME…: the benchmark names alone, joined by '|' as a filter alternation wants them
  echo "$@" | tr ' ' '\n' | sed 's/.*://' | paste -sd '|'
}

worse=$(check "$@")
ran || exit 1
better=$(grep -ac "Deviations better than threshold" "$log")
if [ -n "$worse" ]; then
  echo "bench-check: beyond the thresholds: $(names $worse); running them again" >&2
  worse=$(check --filter "^($(names $worse))\$")
  ran || exit 1
fi
if [ -z "$worse" ]; then
  if [ "$better" -gt 0 ]; then
    echo "bench-check: within the thresholds; $better faster or leaner than them (record with 'make bench-baseline')"
  else
    echo "bench-check: within the thresholds"
  fi
  exit 0
fi

alternate() { # alternate COMMIT NAME…: alternates the benchmarks with COMMIT's build; the names more than 10 % beyond it
  ./ab.sh "$1" "$(names "${@:2}")" "${AB_ROUNDS:-3}" | tee "$ab" >&2
  grep -q '^ratio ' "$ab" || { echo "bench-check: the comparison with $1 did not run" >&2; return 1; }
  awk '$1 == "ratio" && (NF != 8 || $4 > 1.10 || $6 > 1.10 || $8 > 1.10) { print $2 }' "$ab"
}

# Beyond them twice: against the build that recorded each threshold, alternated in this hour.
regressed=() unknown=()
declare -A by_commit=()
for entry in $worse; do
  file="Thresholds/${entry/:/.}.p90.json"
  commit=$(git log -1 --format=%h -- "$file")
  if [ -z "$commit" ] || [ -n "$(git status --porcelain -- "$file")" ]; then
    unknown+=("${entry#*:}")
  else
    by_commit[$commit]+=" $entry"
  fi
done
for commit in "${!by_commit[@]}"; do
  echo "bench-check: beyond the thresholds twice: $(names ${by_commit[$commit]}); alternating with $commit," \
    "which recorded them" >&2
  beyond=$(alternate "$commit" ${by_commit[$commit]}) || exit 1
  [ -z "$beyond" ] && continue
  echo "bench-check: more than 10 % beyond $commit's build: $(names $beyond); alternating again" >&2
  beyond=$(alternate "$commit" $beyond) || exit 1
  regressed+=($beyond)
done
if [ ${#unknown[@]} -gt 0 ]; then
  echo "bench-check: beyond thresholds that no commit recorded (commit them with the change that earned them): ${unknown[*]}"
fi
if [ ${#regressed[@]} -gt 0 ]; then
  echo "bench-check: regression, more than 10 % beyond the build that recorded the thresholds in two alternations" \
    "with it: ${regressed[*]} (ratios above)"
fi
[ ${#unknown[@]} -eq 0 ] && [ ${#regressed[@]} -eq 0 ] || exit 1
echo "bench-check: beyond the thresholds on this host now, but within 10 % of the builds that recorded them, alternated" \
  "with them in the same hour: a slow spell of the host, not a regression"
