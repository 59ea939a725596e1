"""Reads the outputs of compare-peers.sh and prints the comparison table (CPU seconds, ratios, IoU)."""
import json
import math
import os
import subprocess
import sys

import numpy as np

work = sys.argv[1]


def raster(path):
    """A single-band raster as a float array with its geotransform, via gdal_translate to ENVI."""
    target = path + ".bin"
    subprocess.run(["gdal_translate", "-q", "-of", "ENVI", "-ot", "Float32", path, target], check=True)
    info = json.loads(subprocess.run(["gdalinfo", "-json", path], capture_output=True, text=True, check=True).stdout)
    width, height = info["size"]
    return np.fromfile(target, dtype="<f4").reshape(height, width), info["geoTransform"]


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


def itm_iou(res):
    """SPLAT!'s loss points within 30 km, covered when loss <= EIRP - threshold = 60 - (-95) = 155 dB, against our
    received power >= -95 dBm in the cells holding them."""
    with open(os.path.join(work, f"splat-{res}", "loss.txt")) as lines:
        body = "".join(line for line in lines if ";" not in line).replace("*", "")
    lat, west, _, _, loss = np.array(body.replace(",", " ").split(), dtype=float).reshape(-1, 5).T
    lon = -west
    d = 6_371_008.8 * np.arccos(np.minimum(1, np.sin(np.radians(lat)) * math.sin(math.radians(44.45))
        + np.cos(np.radians(lat)) * math.cos(math.radians(44.45)) * np.cos(np.radians(lon + 71.45))))
    near = d <= 29_900
    lat, lon, theirs = lat[near], lon[near], loss[near] <= 155
    ours_path = os.path.join(work, f"itm-{res}", "sites", "NH-1.tif")
    power, _ = raster(ours_path)
    # The cell holding each point: gdaltransform -i maps longitude/latitude to pixel/line of our raster.
    query = "".join(f"{x} {y}\n" for x, y in zip(lon, lat))
    pixels = subprocess.run(
        ["gdaltransform", "-i", "-t_srs", "EPSG:4326", ours_path], input=query, capture_output=True, text=True, check=True,
    ).stdout
    column, row, _ = np.floor(np.array(pixels.split(), dtype=float).reshape(-1, 3)).astype(int).T
    inside = (column >= 0) & (column < power.shape[1]) & (row >= 0) & (row < power.shape[0])
    ours = np.zeros(len(theirs), dtype=bool)
    ours[inside] = power[row[inside], column[inside]] >= -95  # NaN (no coverage) compares false
    return (ours & theirs).sum() / (ours | theirs).sum()


rows = []
for res in ["native", "30"]:
    iou, spacing = los_iou(res)
    ours, theirs = cpu(f"los-{res}"), cpu(f"viewshed-{res}")
    rows.append((f"LOS, 30 km, {spacing:.1f} m grid", "gdal_viewshed", ours, cpu(f"floor-{res}"), theirs, iou))
for res, case, peer in [("native", "ITM, 30 km, 3\u2033", "SPLAT! -olditm"), ("30", "ITM, 30 km, 30 m", "SPLAT! HD 1\u2033")]:
    rows.append((case, peer, cpu(f"itm-{res}"), cpu(f"floor-{res}"), cpu(f"splat-{res}"), itm_iou(res)))

print(f"{'case':<26} {'peer':<15} {'PhuSong CPU s':>13} {'fspl floor s':>12} {'peer CPU s':>10} {'ratio':>7} {'IoU':>6}")
for case, peer, ours, floor, theirs, iou in rows:
    print(f"{case:<26} {peer:<15} {ours:>13.2f} {floor:>12.2f} {theirs:>10.2f} {ours / theirs:>7.2f} {iou:>6.3f}")
print("PhuSong times are whole `phusong footprint` runs (terrain loading, all outputs); ratio < 1 means PhuSong is faster.")
print("fspl floor: the same run with free-space loss, which reads no profile: what the run costs besides its model.")
