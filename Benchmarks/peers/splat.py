"""SPLAT!'s loss points (-ano output) around the compare-peers site."""
import math

import numpy as np

SITE_LAT, SITE_LON = 44.45, -71.45
EARTH_RADIUS = 6_371_008.8  # metres, mean


def great_circle(lat, lon):
    """Great-circle distances (m) from the site to points in degrees."""
    cosine = (np.sin(np.radians(lat)) * math.sin(math.radians(SITE_LAT))
              + np.cos(np.radians(lat)) * math.cos(math.radians(SITE_LAT)) * np.cos(np.radians(lon - SITE_LON)))
    return EARTH_RADIUS * np.arccos(np.minimum(1, cosine))


def points(path, within=29_900):
    """Latitude, longitude (east positive), loss (dB) and distance (m) of SPLAT!'s points within `within` metres."""
    with open(path) as lines:
        body = "".join(line for line in lines if ";" not in line).replace("*", "")
    lat, west, _, _, loss = np.array(body.replace(",", " ").split(), dtype=float).reshape(-1, 5).T
    lon = -west
    distance = great_circle(lat, lon)
    near = distance <= within
    return lat[near], lon[near], loss[near], distance[near]
