import Planning
import Terrain
import TestSupport

/// The Bát Xát DEM's grid at 30 m over the Lào Cai communes that reach it (the DEM is 54 % void).
func batXatGrid(for layer: AdminLayer) throws -> TerrainGrid {
    try DEMSource.open(SharedData.path("terrain/batxat_copernicus_glo30.tif")).metricGrid(
        around: [GeoPoint(latitude: 22.52, longitude: 103.85)], radius: 1_000, region: layer.bounds,
        resolution: 30, policy: VoidPolicy(maxVoidFraction: 0.7)
    ).grid
}
