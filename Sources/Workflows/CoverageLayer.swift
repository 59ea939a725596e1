import Foundation
import Geometry
import Planning
import Terrain

extension FeatureTable {
    /// An empty `coverage` layer of `coverage.gpkg` on `grid`'s CRS: covered areas, each of a kind, technology and operator.
    static func coverage(on grid: TerrainGrid) -> FeatureTable {
        FeatureTable(
            name: "coverage", crs: grid.crs, columns: ["kind", "technology", "operator", "area_km2", "synthetic_terrain"],
            textColumns: ["kind", "technology", "operator", "synthetic_terrain"]
        )
    }

    /// Adds an area to a `coverage` layer: its `kind` ("coverage", "union", "sunset_loss", "operator_coverage"),
    /// `technology` and, for one operator's, its `networkOperator` (empty: every site's).
    mutating func appendArea(_ shape: MultiPolygon, kind: String, technology: String, networkOperator: String = "", syntheticTerrain: Bool) {
        append(
            [kind, technology, networkOperator, String(format: "%.4f", shape.area / 1e6), syntheticTerrain ? "yes" : "no"],
            shape: .polygons(shape)
        )
    }
}
