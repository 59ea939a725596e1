#!/usr/bin/env bash
# The optimiser on every shared MCLP instance (../shared/data/mclp, HiGHS-proven optima in optima.csv), by default
# and with --no-exact: the answer against the optimum, the certified gap, status and seconds of `phusong optimize`.
#   Benchmarks/mclp.sh [extra optimize options…]   (e.g. --time-limit 30)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${PHUSONG_DATA:-$root/../shared/data}/mclp"
[ -f "$data/optima.csv" ] || { echo "mclp: needs $data/optima.csv (the shared data folder)"; exit 1; }
(cd "$root" && swift build -c release --product phusong >/dev/null)
printf '%-10s %-34s %-6s %-7s %12s %9s %8s %s\n' mode instance p budget "vs optimum" gap seconds status
for mode in default --no-exact; do
  tail -n +2 "$data/optima.csv" | tr -d '\r' | while IFS=, read -r name p budget optimum; do
    limits=(); [ -n "$p" ] && limits+=(--p "$p"); [ -n "$budget" ] && limits+=(--budget "$budget")
    [ "$mode" = default ] || limits+=("$mode")
    "$root/.build/release/phusong" optimize --instance "$data/$name.json.gz" "${limits[@]}" "$@" \
      | python3 -c '
import json, sys
mode, name, p, budget, optimum = sys.argv[1:6]
answer = json.load(sys.stdin)
print("%-10s %-34s %-6s %-7s %+11.4f%% %8.3f%% %8.2f %s" % (mode, name, p or "-", budget or "-",
      100 * (answer["objective"] / float(optimum) - 1), 100 * answer["gap"], answer["seconds"], answer["status"]))
' "$mode" "$name" "$p" "$budget" "$optimum"
  done
done
