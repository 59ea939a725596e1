"""Reads the outputs of compare-peers.sh and prints the comparison table (CPU seconds, ratios, IoU) and how far
PhuSong's ITM loss lies from SPLAT!'s at SPLAT!'s points."""
import csv
import json
import os
import subprocess
import sys

import numpy as np

import splat

work = sys.argv[1]


def raster(path):
    """A single-band raster as a float array with its geotransform, via gdal_translate to ENVI."""
    target = path + ".bin"
    subprocess.run(["gdal_translate", "-q", "-of", "ENVI", "-ot", "Float32", path, target], check=True)
    info = json.loads(subprocess.run(["gdalinfo", "-json", path], capture_output=True, text=True, check=True).stdout)
    width, height = info["size"]
    return np.fromfile(target, dtype="<f4").reshape(height, width), info["geoTransform"]


def itm_on_profiles(res, sampling):
    """Our ITM (`phusong path --cases`) on profiles.py's profiles to a sample of SPLAT!'s points, minus SPLAT!'s loss
    there (the cases' A__db column)."""
    folder = os.path.join(work, f"splat-{res}")
    with open(os.path.join(folder, "cases.csv")) as cases, open(os.path.join(folder, f"itm-{sampling}.csv")) as ours:
        theirs = np.array([float(row["A__db"]) for row in csv.DictReader(cases)])
        return np.array([float(row["A__db"]) for row in csv.DictReader(ours)]) - theirs


def cpu(label):
    return float(open(os.path.join(work, label + ".cpu")).read())


def los_iou(res):
    ours, ours_gt = raster(os.path.join(work, f"los-{res}", "sites", "NH-1.tif"))
    theirs, theirs_gt = raster(os.path.join(work, f"viewshed-{res}.tif"))
    terrain, terrain_gt = raster(os.path.join(work, f"grid-{res}", "terrain.tif"))
    spacing = ours_gt[1]
    # Place both masks on the terrain grid.
    def place(mask, gt):
        full = np.zeros(terrain.shape, dtype=bool)
        column = round((gt[0] - terrain_gt[0]) / spacing)
        row = round((terrain_gt[3] - gt[3]) / spacing)
        full[row:row + mask.shape[0], column:column + mask.shape[1]] = mask
        return full
    a, b = place(~np.isnan(ours), ours_gt), place(theirs == 1, theirs_gt)
    rows, columns = np.indices(terrain.shape)
    centre = ((terrain.shape[0] - 1) // 2, (terrain.shape[1] - 1) // 2)
    inside = np.hypot(rows - centre[0], columns - centre[1]) * spacing <= 30_000
    inside &= ~np.isnan(terrain)
    a, b = a & inside, b & inside
    return (a & b).sum() / (a | b).sum(), spacing


def itm_against_splat(res):
    """SPLAT!'s loss points within 30 km against our loss (EIRP 60 dBm - received power; an omni antenna and no
    receiver gain) in the cells holding them: the IoU of the coverage masks, covered where loss <= EIRP - threshold
    = 60 - (-95) = 155 dB, and the differences in dB (PhuSong - SPLAT!) where both have a value."""
    lat, lon, theirs, _ = splat.points(os.path.join(work, f"splat-{res}", "loss.txt"))
    ours_path = os.path.join(work, f"itm-{res}", "sites", "NH-1.tif")
    power, _ = raster(ours_path)
    # The cell holding each point: gdaltransform -i maps longitude/latitude to pixel/line of our raster.
    query = "".join(f"{x} {y}\n" for x, y in zip(lon, lat))
    pixels = subprocess.run(
        ["gdaltransform", "-i", "-t_srs", "EPSG:4326", ours_path], input=query, capture_output=True, text=True, check=True,
    ).stdout
    column, row, _ = np.floor(np.array(pixels.split(), dtype=float).reshape(-1, 3)).astype(int).T
    inside = (column >= 0) & (column < power.shape[1]) & (row >= 0) & (row < power.shape[0])
    ours = np.full(len(theirs), np.nan)
    ours[inside] = 60 - power[row[inside], column[inside]]  # NaN where we have no value
    covered_ours, covered_theirs = ours <= 155, theirs <= 155  # NaN compares false
    iou = (covered_ours & covered_theirs).sum() / (covered_ours | covered_theirs).sum()
    difference = (ours - theirs)[~np.isnan(ours)]
    return iou, difference


rows, differences = [], []
for res in ["native", "30"]:
    iou, spacing = los_iou(res)
    ours, theirs = cpu(f"los-{res}"), cpu(f"viewshed-{res}")
    rows.append((f"LOS, 30 km, {spacing:.1f} m grid", "gdal_viewshed", ours, cpu(f"floor-{res}"), theirs, iou))
for res, case, peer in [("native", "ITM, 30 km, 3\u2033", "SPLAT! -olditm"), ("30", "ITM, 30 km, 30 m", "SPLAT! HD 1\u2033")]:
    iou, difference = itm_against_splat(res)
    rows.append((case, peer, cpu(f"itm-{res}"), cpu(f"floor-{res}"), cpu(f"splat-{res}"), iou))
    differences.append((case, "footprint cells at SPLAT!'s points", difference))
    for sampling, posts in [("nearest", "nearest post, as SPLAT!"), ("bilinear", "bilinear, as PhuSong")]:
        differences.append((case, f"ITM on profiles: {posts}", itm_on_profiles(res, sampling)))

print(f"{'case':<26} {'peer':<15} {'PhuSong CPU s':>13} {'fspl floor s':>12} {'peer CPU s':>10} {'ratio':>7} {'IoU':>6}")
for case, peer, ours, floor, theirs, iou in rows:
    print(f"{case:<26} {peer:<15} {ours:>13.2f} {floor:>12.2f} {theirs:>10.2f} {ours / theirs:>7.2f} {iou:>6.3f}")
print("PhuSong times are whole `phusong footprint` runs (terrain loading, all outputs); ratio < 1 means PhuSong is faster.")
print("fspl floor: the same run with free-space loss, which reads no profile: what the run costs besides its model.")
kernel_ms, splat_ms = float(open(os.path.join(work, "kernel-native.ms")).read()), cpu("splat-native") * 1000
print(f"ITM, 30 km, 3\u2033, the footprint kernel on one core (benchmark p50): {kernel_ms:.0f} ms; SPLAT! {splat_ms / kernel_ms:.1f}"
      f" times as long (target: 20, i.e. {splat_ms / 20:.0f} ms).")
print()
print("ITM loss against SPLAT!'s, dB (PhuSong - SPLAT!): the footprint's cells at all of SPLAT!'s points within 30 km,")
print("then our ITM alone on great-circle profiles cut from the tile SPLAT! read, to a sample of its points:")
print(f"{'case':<18} {'PhuSong side':<41} {'points':>7} {'median':>7} {'median |d|':>10} {'95th pct |d|':>12}")
for case, side, difference in differences:
    size = np.abs(difference)
    print(f"{case:<18} {side:<41} {len(difference):>7} {np.median(difference):>7.2f} {np.median(size):>10.2f}"
          f" {np.percentile(size, 95):>12.2f}")
