import Planning
import Terrain

/// Each operator's covered area, when the sites name their operators: per technology and any, km². Footprints are
/// unions of whole grid cells, so counting each operator's cells gives the areas of its footprints' GEOS unions.
enum OperatorAreas {
    /// Per operator of `names`, the area its covered cells (`coverage`, in the same order) make per technology it covers
    /// with and `any`, on `grid`.
    static func km2(coverage: [CoverageMasks], names: [String], grid: TerrainGrid) -> [String: [String: Double]] {
        let cellKm2 = grid.spacing * grid.spacing / 1e6
        var areas: [String: [String: Double]] = [:]
        for (name, masks) in zip(names, coverage) {
            areas[name] = Dictionary(uniqueKeysWithValues: CoverageMasks.keys.compactMap { key in
                let cells = masks.coveredCells(key)
                return cells > 0 || key == "any" ? (key, Double(cells) * cellKm2) : nil
            })
        }
        return areas
    }
}
