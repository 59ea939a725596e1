#!/usr/bin/env bash
# Benchmarks alternated between an earlier commit and the working tree, in the same hour: how to tell a regression
# from a slow spell of a shared machine, whose speed moves by up to 1.6× between processes minutes apart. Prints every
# run's figures, then each side's lowest over the rounds (a busy host only ever slows a run down, so the lowest is the
# nearest to the build's own cost) and their ratios, working tree / REV, on a line of their own: the medians of the
# iterations' wall clock and CPU time (a short case's p90 moves by a third within one process) and peak memory's p90:
#   ratio NAME wall-p50 RATIO cpu-p50 RATIO memory-p90 RATIO
#   Benchmarks/ab.sh REV NAMES [ROUNDS]    e.g. Benchmarks/ab.sh 70e6e7e p526_footprint_N44W072_30m_30km 3
# NAMES is one benchmark's name or several joined by '|'; all of them run in one plugin run per side and round. The
# order of the two sides alternates between rounds.
# REV is checked out in a worktree kept in Benchmarks/.build/ab-tree, so that the next comparison builds only what
# changed (`make clean` removes it).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: Benchmarks/ab.sh REV BENCHMARK_NAME[|NAME…] [ROUNDS]"; exit 2; }
root="$(cd "$(dirname "$0")/.." && pwd)"
rev="$1" names="$2" rounds="${3:-3}"
git -C "$root" rev-parse --verify --quiet "$rev^{commit}" >/dev/null || { echo "ab: $rev is not a commit here"; exit 2; }

tree="$root/Benchmarks/.build/ab-tree"
git -C "$root" worktree prune
if [ -e "$tree/.git" ]; then
  git -C "$tree" checkout --quiet --detach --force "$rev"
else
  mkdir -p "$(dirname "$tree")"
  git -C "$root" worktree add --detach --quiet --force "$tree" "$rev"
fi
# The benchmarks read ../shared/data beside their checkout.
[ -e "$root/../shared" ] && ln -sfn "$(cd "$root/../shared" && pwd)" "$(dirname "$tree")/shared"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run() { # run CHECKOUT: per benchmark, NAME and p50 wall, p90 wall, p50 CPU (ms) and p90 peak memory (MB)
  "$root/Benchmarks/figures.sh" "$1" "$names" "$work/run.log"
}

echo "ab: $names, $rev against the working tree, $rounds rounds (the first run of each side builds what changed)"
expected=$(echo "$names" | tr '|' '\n' | wc -l)
for round in $(seq "$rounds"); do
  # Odd rounds run REV first, even rounds the working tree first, so that neither side always runs second.
  sides="$rev working"; [ $((round % 2)) -eq 0 ] && sides="working $rev"
  for side in $sides; do
    checkout="$root"; [ "$side" = "$rev" ] && checkout="$tree"
    run "$checkout" > "$work/figures"
    if [ "$(wc -l < "$work/figures")" -ne "$expected" ]; then
      echo "ab: $(wc -l < "$work/figures") of the $expected benchmarks ran at $side:"; tail -n 15 "$work/run.log"; exit 1
    fi
    while read -r name wall50 wall90 cpu50 memory90; do
      echo "$round $side $name $wall50 $wall90 $cpu50 $memory90" >> "$work/results"
      echo "round $round  $side  $name  wall p50 $wall50 ms  p90 $wall90 ms  CPU p50 $cpu50 ms  memory p90 $memory90 MB"
    done < "$work/figures"
  done
done
# Each side's lowest figures per benchmark, in the order NAMES gives them, and the ratios working / REV of wall p50,
# CPU p50 and memory p90.
awk -v rev="$rev" -v rounds="$rounds" -v names="$names" '
  { for (c = 4; c <= 7; c++) if (!(($2, $3, c) in low) || $c < low[$2, $3, c]) low[$2, $3, c] = $c }
  function ratio(name, c) { return low[rev, name, c] > 0 ? low["working", name, c] / low[rev, name, c] : 1 }
  END {
    count = split(names, order, "|")
    for (n = 1; n <= count; n++) {
      name = order[n]
      for (s = 1; s <= 2; s++) {
        side = s == 1 ? rev : "working"
        printf "lowest of %d rounds  %s  %s  wall p50 %g ms  p90 %g ms  CPU p50 %g ms  memory p90 %g MB\n", rounds, side,
          name, low[side, name, 4], low[side, name, 5], low[side, name, 6], low[side, name, 7]
      }
      printf "ratio %s wall-p50 %.3f cpu-p50 %.3f memory-p90 %.3f\n", name, ratio(name, 4), ratio(name, 6), ratio(name, 7)
    }
  }' "$work/results"
