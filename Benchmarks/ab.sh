#!/usr/bin/env bash
# One benchmark alternated between an earlier commit and the working tree, in the same hour: how to tell a regression
# from a slow spell of a shared machine, whose speed moves by a third within the hour. Prints every run's p50 and p90
# wall clock (ms) and, last, the medians of each side.
#   Benchmarks/ab.sh REV NAME [ROUNDS]    e.g. Benchmarks/ab.sh 70e6e7e p526_footprint_N44W072_30m_30km 3
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: Benchmarks/ab.sh REV BENCHMARK_NAME [ROUNDS]"; exit 2; }
root="$(cd "$(dirname "$0")/.." && pwd)"
rev="$1" name="$2" rounds="${3:-3}"
git -C "$root" rev-parse --verify --quiet "$rev^{commit}" >/dev/null || { echo "ab: $rev is not a commit here"; exit 2; }

work="$(mktemp -d)"
cleanup() { git -C "$root" worktree remove --force "$work/tree" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
git -C "$root" worktree add --detach --quiet "$work/tree" "$rev"
# The benchmarks read ../shared/data beside their checkout.
[ -e "$root/../shared" ] && ln -s "$(cd "$root/../shared" && pwd)" "$work/shared"

run() { # run CHECKOUT: the benchmark's p50 and p90 wall clock in ms, from the plugin's markdown table ($work/run.log)
  (cd "$1/Benchmarks" && swift package benchmark --filter "^$name\$" --format markdown >"$work/run.log" 2>&1) || true
  awk -F'|' '/Time \(wall clock\)/ { scale = $2 ~ /\(s\)/ ? 1000 : $2 ~ /\((μs|us)\)/ ? 0.001 : 1
                                     printf "%g %g\n", $5 * scale, $7 * scale }' "$work/run.log"
}

median() { # median SIDE COLUMN: the median of one side's column of $work/results
  awk -v side="$1" -v column="$2" '$3 == side { print $column }' "$work/results" | sort -n \
    | awk '{ value[NR] = $1 } END { print value[int((NR + 1) / 2)] }'
}

echo "ab: $name, $rev against the working tree, $rounds rounds (the first run of each side builds it)"
for round in $(seq "$rounds"); do
  for side in "$rev" working; do
    checkout="$root"; [ "$side" = "$rev" ] && checkout="$work/tree"
    read -r p50 p90 < <(run "$checkout") || { echo "ab: $name did not run at $side:"; tail -n 15 "$work/run.log"; exit 1; }
    echo "round $round  $side  p50 $p50 ms  p90 $p90 ms" | tee -a "$work/results"
  done
done
for side in "$rev" working; do
  echo "median of $rounds rounds  $side  p50 $(median "$side" 5) ms  p90 $(median "$side" 8) ms"
done
