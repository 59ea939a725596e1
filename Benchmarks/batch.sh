#!/usr/bin/env bash
# `phusong batch` at scale: PROPOSALS proposals (default 100) of 15 sites each, drawn from a pool of POOL sites
# (default 300) on the N44W072 tile, ITM at 3″, 30 km. Prints the wall time of
#   cold     — an empty results folder,
#   re-run   — the same command again (every job finished: nothing to do),
#   rebuilt  — jobs/, journal and summary deleted, footprint cache kept (every job runs, no footprint computed),
# each as a share of the cold run, and checks that the rebuilt results are byte-identical to the cold ones.
#   Benchmarks/batch.sh [PROPOSALS] [POOL]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${PHUSONG_DATA:-$root/../shared/data}"
hgt="$data/terrain/N44W072.hgt"
[ -f "$hgt" ] || { echo "batch benchmark: needs $hgt (the shared data folder)"; exit 1; }
proposals="${1:-100}" pool="${2:-300}"
[ "$pool" -ge 15 ] || { echo "batch benchmark: the pool needs at least 15 sites"; exit 1; }
(cd "$root" && swift build -c release --product phusong >/dev/null)
phusong="$root/.build/release/phusong"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The pool on a Halton (2, 3) sequence over the tile's middle (30 km from every site stays on the tile);
# technologies and bands cycle 2G 900 MHz, 3G 2100 MHz, 4G 1800 MHz. Proposal k takes 15 pool sites by a
# fixed linear congruential draw, so proposals share sites as real ones do.
HGT="$hgt" awk -v n="$pool" -v m="$proposals" -v dir="$work" 'function halton(i, b,   f, r) { f = 1; r = 0; while (i > 0) { f /= b; r += f * (i % b); i = int(i / b) } return r }
  BEGIN {
    split("2G 3G 4G", tech, " "); split("900 2100 1800", band, " ")
    for (i = 1; i <= n; i++) {
      k = (i - 1) % 3 + 1
      row[i] = sprintf("P%04d,%.5f,%.5f,%d,%s,%s,60", i, 44.3 + 0.4 * halton(i, 2), -71.7 + 0.4 * halton(i, 3), 25 + (i * 7) % 21, band[k], tech[k])
    }
    manifest = dir "/manifest.yaml"
    print "name: batch benchmark (" m " proposals x 15 sites, N44W072, ITM 3\", 30 km)" > manifest
    print "output: results" > manifest
    print "scenarios:\n  tile: {terrain: \"" ENVIRON["HGT"] "\", model: itm, radius_km: 30, max_void_fraction: 0.8}\njobs:" > manifest
    state = 12345
    for (p = 1; p <= m; p++) {
      file = dir "/proposal" p ".csv"
      print "id,lat,lon,height_m,frequency_mhz,technology,eirp_dbm" > file
      delete taken
      for (s = 0; s < 15; ) {
        state = (state * 1103515245 + 12345) % 2147483648
        i = 1 + int(state / 2147483648 * n)
        if (i in taken) continue
        taken[i] = 1; s++
        print row[i] > file
      }
      close(file)
      printf "  - {id: proposal%03d, type: evaluate, scenario: tile, sites: proposal%d.csv}\n", p, p > manifest
    }
  }'

seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" > "$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
cold=$(seconds "$phusong" batch "$work/manifest.yaml")
rerun=$(seconds "$phusong" batch "$work/manifest.yaml")
cp -r "$work/results/jobs" "$work/cold-jobs"
rm -rf "$work/results/jobs" "$work/results/journal"*.jsonl "$work/results/batch."* "$work/results/index.html"
rebuilt=$(seconds "$phusong" batch "$work/manifest.yaml")
identical=$(diff -r -q "$work/cold-jobs" "$work/results/jobs" > /dev/null && echo "byte-identical" || echo "DIFFERENT")
unique=$(cat "$work"/proposal*.csv | grep -v '^id' | sort -u | wc -l)
awk -v c="$cold" -v r="$rerun" -v b="$rebuilt" -v m="$proposals" -v u="$unique" -v cores="$(nproc)" -v same="$identical" 'BEGIN {
  printf "batch: %d proposals x 15 sites (%d distinct), ITM 3\", 30 km, %d cores\n", m, u, cores
  printf "  cold     %8.1f s\n", c
  printf "  re-run   %8.2f s  (%.1f %% of cold: every job finished earlier)\n", r, 100 * r / c
  printf "  rebuilt  %8.1f s  (%.1f %% of cold: footprints from the cache; outputs %s)\n", b, 100 * b / c, same
}'
