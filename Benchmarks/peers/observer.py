"""Prints the map coordinates of the centre cell of a PhuSong terrain.tif (the site of a one-site run)."""
import json
import subprocess
import sys

info = json.loads(subprocess.run(["gdalinfo", "-json", sys.argv[1]], capture_output=True, text=True, check=True).stdout)
x0, dx, _, y0, _, dy = info["geoTransform"]
width, height = info["size"]
print(x0 + ((width - 1) // 2 + 0.5) * dx, y0 + ((height - 1) // 2 + 0.5) * dy)
