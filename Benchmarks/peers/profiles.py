"""Terrain profiles from the site to a seeded sample of SPLAT!'s points, cut from the tile SPLAT! read, for
`phusong path --cases --profiles`: what our ITM gives on the same posts SPLAT! uses (the nearest post, as SPLAT!
samples) and on bilinear heights (as PhuSong samples), so that the model and the terrain sampling are compared apart.
    profiles.py LABEL_DIR TILE  ->  LABEL_DIR/cases.csv (SPLAT!'s loss in the A__db column), profiles-nearest.csv,
                                    profiles-bilinear.csv"""
import math
import os
import sys

import numpy as np

from splat import SITE_LAT, SITE_LON, points

SAMPLE = 3000
folder, tile = sys.argv[1], sys.argv[2]
size = int(round(math.sqrt(os.path.getsize(tile) / 2)))  # 1201 (3″) or 3601 (1″) posts a side
posts = np.fromfile(tile, dtype=">i2").reshape(size, size).astype(float)
per_degree = size - 1
south, west = math.floor(SITE_LAT), math.floor(SITE_LON)


def post_coordinates(lat, lon):
    """Fractional row (from the north edge) and column of the posts."""
    return (south + 1 - lat) * per_degree, (lon - west) * per_degree


def nearest(lat, lon):
    row, column = post_coordinates(lat, lon)
    return posts[np.rint(row).astype(int), np.rint(column).astype(int)]


def bilinear(lat, lon):
    row, column = post_coordinates(lat, lon)
    r, c = np.floor(row).astype(int), np.floor(column).astype(int)
    fr, fc = row - r, column - c
    return ((posts[r, c] * (1 - fc) + posts[r, c + 1] * fc) * (1 - fr)
            + (posts[r + 1, c] * (1 - fc) + posts[r + 1, c + 1] * fc) * fr)


def great_circle_points(lat, lon, count):
    """count + 1 points evenly spaced on the great circle from the site to (lat, lon)."""
    a = np.radians([SITE_LAT, SITE_LON])
    b = np.radians([lat, lon])
    ends = np.array([[math.cos(p[0]) * math.cos(p[1]), math.cos(p[0]) * math.sin(p[1]), math.sin(p[0])] for p in (a, b)])
    angle = math.acos(min(1.0, float(ends[0] @ ends[1])))
    fraction = np.linspace(0, 1, count + 1)[:, None]
    xyz = (np.sin((1 - fraction) * angle) * ends[0] + np.sin(fraction * angle) * ends[1]) / math.sin(angle)
    return np.degrees(np.arctan2(xyz[:, 2], np.hypot(xyz[:, 0], xyz[:, 1]))), np.degrees(np.arctan2(xyz[:, 1], xyz[:, 0]))


lat, lon, loss, distance = points(os.path.join(folder, "loss.txt"))
chosen = np.random.default_rng(2026).choice(np.flatnonzero(distance >= 1_000), SAMPLE, replace=False)
samplings = {"nearest": nearest, "bilinear": bilinear}
files = {name: open(os.path.join(folder, f"profiles-{name}.csv"), "w") for name in samplings}
with open(os.path.join(folder, "cases.csv"), "w") as cases:
    # The compare-peers site: 30 m mast, 1.5 m receiver, ground 15 / 0.005 S/m, N0 301, 900 MHz, vertical,
    # climate 5, 50 % time, location and situation, mdvar 12 (as SPLAT!'s point_to_point).
    cases.write("h_tx__meter,h_rx__meter,epsilon,sigma,N_0,f__mhz,pol,climate,time,location,situation,mdvar,A__db\n")
    for index in chosen:
        # As SPLAT! walks a radial: as many samples as posts along the diagonal, evenly spaced on the great circle.
        count = max(2, round(math.hypot((lat[index] - SITE_LAT) * per_degree, (lon[index] - SITE_LON) * per_degree)))
        path_lat, path_lon = great_circle_points(lat[index], lon[index], count)
        for name, height in samplings.items():
            heights = ",".join(f"{value:.2f}" for value in height(path_lat, path_lon))
            files[name].write(f"{count},{distance[index] / count:.4f},{heights}\n")
        cases.write(f"30,1.5,15,0.005,301,900,1,5,50,50,50,12,{loss[index]:.2f}\n")
for file in files.values():
    file.close()
