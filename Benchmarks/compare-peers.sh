#!/usr/bin/env bash
# Runs PhuSong, gdal_viewshed and SPLAT! on the same site over N44W072 in one run and prints CPU seconds,
# PhuSong/peer ratios, IoU of the coverage masks and how far our ITM loss lies from SPLAT!'s. See "Comparing with
# peers" in the README.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${PHUSONG_DATA:-$root/../shared/data}"
hgt="$data/terrain/N44W072.hgt"
[ -f "$hgt" ] || { echo "compare-peers: needs $hgt (the shared data folder)"; exit 1; }

for tool in splat srtm2sdf splat-hd srtm2sdf-hd gdal_viewshed gdal_translate gdalwarp gdaltransform; do
  if ! command -v "$tool" >/dev/null; then
    [ "$(id -u)" = 0 ] || { echo "compare-peers: $tool missing; run as root to install splat and gdal-bin"; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq splat gdal-bin >/dev/null
    break
  fi
done
make -C "$root" --no-print-directory peers >/dev/null
(cd "$root" && swift build -c release --product phusong >/dev/null)
phusong="$root/.build/release/phusong"
python="$root/.venv/bin/python"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One site: 30 m mast at 900 MHz, 60 dBm EIRP, 2G threshold -95 dBm (loss <= 155 dB), receiver 1.5 m, 30 km.
lat=44.45 lon=-71.45 mast=30 radius_km=30
cat > "$work/site.geojson" <<JSON
{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [$lon, $lat]},
 "properties": {"id": "NH-1", "height_m": $mast, "frequency_mhz": 900, "eirp_dbm": 60, "technology": "2G"}}]}
JSON

# Each timed command runs $runs times (RUNS, default 3; SPLAT! HD's runs of 40–60 s once) and counts its median:
# single runs of a fraction of a second vary by a third on a shared machine.
runs="${RUNS:-3}"
cpu() { # cpu LABEL COMMAND…: runs the command $runs times, records the median user+system CPU seconds in $work/LABEL.cpu
  local label="$1"; shift
  rm -f "$work/$label.time"
  for _ in $(seq "$runs"); do
    /usr/bin/time -a -f "%U %S" -o "$work/$label.time" "$@" >"$work/$label.log" 2>&1
  done
  awk '{print $1 + $2}' "$work/$label.time" | sort -g | awk '{v[NR] = $1} END {printf "%.3f\n", v[int((NR + 1) / 2)]}' \
    > "$work/$label.cpu"
}

for res in native 30; do
  extra=(); [ "$res" = 30 ] && extra=(--resolution-m 30)
  # The metric grid for gdal_viewshed comes from an untimed run; the timed one writes only its own outputs.
  "$phusong" footprint --terrain "$hgt" --sites "$work/site.geojson" --out "$work/grid-$res" --model fspl \
    --radius-km "$radius_km" --write-terrain "${extra[@]}" >/dev/null
  cpu "los-$res" "$phusong" footprint --terrain "$hgt" --sites "$work/site.geojson" --out "$work/los-$res" \
    --model los --radius-km "$radius_km" "${extra[@]}"
  # The floor: the same whole command with free-space loss, which reads no terrain profile.
  cpu "floor-$res" "$phusong" footprint --terrain "$hgt" --sites "$work/site.geojson" --out "$work/floor-$res" \
    --model fspl --radius-km "$radius_km" "${extra[@]}"
  read -r ox oy < <("$python" "$root/Benchmarks/peers/observer.py" "$work/grid-$res/terrain.tif")
  cpu "viewshed-$res" gdal_viewshed -q -ox "$ox" -oy "$oy" -oz "$mast" -tz 1.5 -md "$((radius_km * 1000))" \
    -cc 0.75 -vv 1 -iv 0 -ov 0 "$work/grid-$res/terrain.tif" "$work/viewshed-$res.tif"
  cpu "itm-$res" "$phusong" footprint --terrain "$hgt" --sites "$work/site.geojson" --out "$work/itm-$res" \
    --model itm --radius-km "$radius_km" --climate 5 "${extra[@]}"
done

# splat_run LABEL SPLAT SRTM2SDF TILE RUNS: SPLAT! (or SPLAT! HD) on TILE, the median CPU seconds of RUNS runs in
# $work/LABEL.cpu.
splat_run() {
  local label="$1" splat="$2" srtm2sdf="$3" tile="$4" splat_runs="$5"
  mkdir -p "$work/$label/sdf"
  cp "$tile" "$work/$label/sdf/N44W072.hgt" && (cd "$work/$label/sdf" && "$srtm2sdf" N44W072.hgt >/dev/null 2>&1)
  printf 'NH-1\n%s\n%s\n%s meters\n' "$lat" "${lon#-}" "$mast" > "$work/$label/NH-1.qth"
  printf '15.000\n0.005\n301.000\n900.000\n5\n1\n0.50\n0.50\n' > "$work/$label/NH-1.lrp"
  local splat_args=(-t NH-1.qth -L 1.5 -metric -R "$radius_km" -olditm -d sdf -o map -ngs -N)
  # Timed: the coverage map alone, as PhuSong's run makes its own. Untimed: the same run writing every point's loss
  # as text (-ano, for the IoU and the loss differences), which costs SPLAT! a fifth to a third more at 3″.
  (cd "$work/$label" && runs="$splat_runs" cpu "$label" "$splat" "${splat_args[@]}")
  (cd "$work/$label" && "$splat" "${splat_args[@]}" -ano loss.txt >/dev/null 2>&1)
  # Untimed: our ITM alone on profiles to a sample of SPLAT!'s points, cut from the same tile (see compare.py).
  "$python" "$root/Benchmarks/peers/profiles.py" "$work/$label" "$tile"
  for sampling in nearest bilinear; do
    "$phusong" path --model itm --cases "$work/$label/cases.csv" --profiles "$work/$label/profiles-$sampling.csv" \
      > "$work/$label/itm-$sampling.csv"
  done
}
splat_run splat-native splat srtm2sdf "$hgt" "$runs"
# The 3″ ITM target's own measure, in the same hour as SPLAT!: the footprint kernel on one core, the benchmark
# itm_footprint_N44W072_3arcsec_30km_one_core (terrain already loaded, no outputs), its p50 wall clock in ms.
kernel=itm_footprint_N44W072_3arcsec_30km_one_core
"$root/Benchmarks/figures.sh" "$root" "$kernel" "$work/kernel.log" | awk '{print $2}' > "$work/kernel-native.ms"
[ -s "$work/kernel-native.ms" ] || { echo "compare-peers: the benchmark $kernel did not run:"; tail -n 15 "$work/kernel.log"; exit 1; }
# SPLAT! HD reads 1″ tiles: N44W072 resampled bilinearly onto the 1″ lattice, as PhuSong resamples it onto 30 m.
gdalwarp -q -r bilinear -te -72.000138888889 43.999861111111 -70.999861111111 45.000138888889 -ts 3601 3601 \
  -ot Int16 "$hgt" "$work/one-arcsec.tif"
gdal_translate -q -of SRTMHGT "$work/one-arcsec.tif" "$work/N44W072.hgt"
splat_run splat-30 splat-hd srtm2sdf-hd "$work/N44W072.hgt" 1

"$python" "$root/Benchmarks/peers/compare.py" "$work"
