#!/usr/bin/env bash
# Runs the benchmarks NAMES (one name, or several joined by '|') of CHECKOUT's Benchmarks package in one plugin run and
# prints a line per benchmark: NAME, then the p50 and p90 of wall-clock time, the p50 of CPU time (ms) and the p90 of
# peak memory (MB). Used by ab.sh and compare-peers.sh; the plugin's own output goes to LOG.
#   Benchmarks/figures.sh CHECKOUT NAMES LOG
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: Benchmarks/figures.sh CHECKOUT NAME[|NAME…] LOG"; exit 2; }
checkout="$1" names="$2" log="$3"
(cd "$checkout/Benchmarks" && swift package benchmark --filter "^($names)\$" --format markdown >"$log" 2>&1) || true
awk -F'|' '
  function scale(label) {
    return label ~ /\(s\)/ ? 1000 : label ~ /\((μs|us)\)/ ? 0.001 : label ~ /\(ns\)/ ? 1e-6 \
         : label ~ /\(G\)/ ? 1000 : label ~ /\(K\)/ ? 0.001 : 1
  }
  /^### / { name = substr($0, 5) }
  /Time \(wall clock\)/ { wall50[name] = $5 * scale($2); wall90[name] = $7 * scale($2) }
  /Time \(total CPU\)/ { cpu50[name] = $5 * scale($2) }
  /Memory \(resident peak\)/ { memory90[name] = $7 * scale($2) }
  END { for (name in wall90) printf "%s %g %g %g %g\n", name, wall50[name], wall90[name], cpu50[name], memory90[name] }
' "$log"
