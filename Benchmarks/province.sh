#!/usr/bin/env bash
# Province-scale run: SITES sites (default 1,424, the size of Cao Bằng's network) spread over the N44W072 tile,
# whole `phusong footprint` (footprints, per-site GeoTIFFs, GEOS union, total area) with ITM at 3″, 30 km.
# Prints wall and CPU seconds, peak memory and the union area. See "Province scale" in the README.
#   Benchmarks/province.sh [SITES] [MODEL]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${PHUSONG_DATA:-$root/../shared/data}"
hgt="$data/terrain/N44W072.hgt"
[ -f "$hgt" ] || { echo "province: needs $hgt (the shared data folder)"; exit 1; }
count="${1:-1424}" model="${2:-itm}"
(cd "$root" && swift build -c release --product phusong >/dev/null)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Sites on a Halton (2, 3) sequence over the tile: deterministic, evenly spread, no two on one cell.
# Masts 25–45 m; technologies and bands cycle 2G 900 MHz, 3G 2100 MHz, 4G 1800 MHz.
awk -v n="$count" 'function halton(i, b,   f, r) { f = 1; r = 0; while (i > 0) { f /= b; r += f * (i % b); i = int(i / b) } return r }
  BEGIN {
    print "id,lat,lon,height_m,technology,frequency_mhz,eirp_dbm"
    split("2G 3G 4G", tech, " "); split("900 2100 1800", band, " ")
    for (i = 1; i <= n; i++) {
      k = (i - 1) % 3 + 1
      printf "P%04d,%.5f,%.5f,%d,%s,%s,60\n", i, 44 + halton(i, 2), -72 + halton(i, 3), 25 + (i * 7) % 21, tech[k], band[k]
    }
  }' > "$work/sites.csv"

/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$root/.build/release/phusong" footprint --terrain "$hgt" \
  --sites "$work/sites.csv" --out "$work/out" --model "$model" --radius-km 30 \
  --max-void-fraction 0.8 > "$work/log"  # sites near the tile edge see past it: no data there
read -r wall user system peak_kb < "$work/time"
union=$(grep -o '"union_area_km2" : [0-9.]*' "$work/out/summary.json" | awk '{print $3}')
awk -v n="$count" -v m="$model" -v w="$wall" -v u="$user" -v s="$system" -v kb="$peak_kb" \
  -v cores="$(nproc)" -v area="$union" 'BEGIN {
    printf "province: %d sites, %s, 3″, 30 km, %d cores: %.1f s wall, %.1f s CPU, peak %.0f MiB, union %.1f km²\n",
      n, m, cores, w, u + s, kb / 1024, area }'
