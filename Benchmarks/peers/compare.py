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


def itm_iou():
    # SPLAT's loss points (latitude, west longitude, azimuth, elevation, loss) within 30 km; covered when
    # loss <= EIRP - threshold = 60 - (-95) = 155 dB. Ours: received power >= -95 dBm at the same places.
    points = []
    with open(os.path.join(work, "splat", "loss.txt")) as lines:
        for line in lines:
            fields = line.split(";")[0].split(",")
            if len(fields) != 5:
                continue
            lat, west, loss = float(fields[0]), float(fields[1]), float(fields[4].strip().rstrip("*"))
            d = 6_371_008.8 * math.acos(min(1, math.sin(math.radians(lat)) * math.sin(math.radians(44.45))
                + math.cos(math.radians(lat)) * math.cos(math.radians(44.45)) * math.cos(math.radians(-west + 71.45))))
            if d <= 29_900:
                points.append((lat, -west, loss <= 155))
    query = "\n".join(f"{lon} {lat}" for lat, lon, _ in points) + "\n"
    values = subprocess.run(
        ["gdallocationinfo", "-valonly", "-wgs84", os.path.join(work, "itm", "sites", "NH-1.tif")],
        input=query, capture_output=True, text=True, check=True,
    ).stdout.split("\n")
    ours = [v.strip() not in ("", "nan") and float(v) >= -95 for v in values[: len(points)]]
    theirs = [covered for _, _, covered in points]
    both = sum(a and b for a, b in zip(ours, theirs))
    either = sum(a or b for a, b in zip(ours, theirs))
    return both / either, len(points)


rows = []
for res in ["native", "30"]:
    iou, spacing = los_iou(res)
    ours, theirs = cpu(f"los-{res}"), cpu(f"viewshed-{res}")
    rows.append((f"LOS, 30 km, {spacing:.1f} m grid", "gdal_viewshed", ours, cpu(f"floor-{res}"), theirs, iou))
iou, count = itm_iou()
rows.append(("ITM, 30 km, 3\u2033", "SPLAT! -olditm", cpu("itm"), cpu("floor-native"), cpu("splat"), iou))

print(f"{'case':<26} {'peer':<15} {'PhuSong CPU s':>13} {'fspl floor s':>12} {'peer CPU s':>10} {'ratio':>7} {'IoU':>6}")
for case, peer, ours, floor, theirs, iou in rows:
    print(f"{case:<26} {peer:<15} {ours:>13.2f} {floor:>12.2f} {theirs:>10.2f} {ours / theirs:>7.2f} {iou:>6.3f}")
print("PhuSong times are whole `phusong footprint` runs (terrain loading, all outputs); ratio < 1 means PhuSong is faster.")
print("fspl floor: the same run with free-space loss, which reads no profile: what the run costs besides its model.")
