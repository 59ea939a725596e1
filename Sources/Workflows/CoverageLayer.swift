import Foundation
import Geometry
import Planning
import Terrain

extension FeatureTable {
    /// An empty `coverage` layer of `coverage.gpkg` on `grid`'s CRS: covered areas, each of a kind and technology.
    static func coverage(on grid: TerrainGrid) -> FeatureTable {
        FeatureTable(
            name: "coverage", crs: grid.crs, columns: ["kind", "technology", "area_km2", "synthetic_terrain"],
            textColumns: ["kind", "technology", "synthetic_terrain"]
        )
    }

    /// Adds an area to a `coverage` layer: its `kind` ("coverage", "union", "sunset_loss") and `technology`.
    mutating func appendArea(_ shape: MultiPolygon, kind: String, technology: String, syntheticTerrain: Bool) {
        append([kind, technology, String(format: "%.4f", shape.area / 1e6), syntheticTerrain ? "yes" : "no"], shape: .polygons(shape))
    }
}
