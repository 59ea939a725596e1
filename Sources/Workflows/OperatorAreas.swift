import Geometry
import Terrain

/// Each operator's covered area, when the sites name their operators: per technology and any, km². Footprints are
/// unions of whole grid cells, so counting each operator's cells gives the areas of its footprints' GEOS unions.
enum OperatorAreas {
    /// Per operator of `names`, its `footprints`' area per technology and `any`, on `grid`.
    static func km2(footprints: [SiteFootprint], names: [String], grid: TerrainGrid) -> [String: [String: Double]] {
        let technologies = Array(Set(footprints.map(\.site.technology))).sorted { $0.rawValue < $1.rawValue }
        let cellKm2 = grid.spacing * grid.spacing / 1e6
        // One byte per cell, a bit per technology, reused operator after operator.
        var bits = [UInt8](repeating: 0, count: grid.elevations.count)
        var areas: [String: [String: Double]] = [:]
        for name in names {
            for index in bits.indices { bits[index] = 0 }
            for footprint in footprints where footprint.site.networkOperator == name {
                let bit = UInt8(1) << technologies.firstIndex(of: footprint.site.technology)!
                for cell in footprint.cells.cellIndices(gridWidth: grid.width) { bits[cell] |= bit }
            }
            var counts = [Int](repeating: 0, count: technologies.count), any = 0
            for value in bits where value != 0 {
                any += 1
                for slot in technologies.indices where value & (1 << slot) != 0 { counts[slot] += 1 }
            }
            var byTechnology = ["any": Double(any) * cellKm2]
            for (technology, count) in zip(technologies, counts) where count > 0 { byTechnology[technology.rawValue] = Double(count) * cellKm2 }
            areas[name] = byTechnology
        }
        return areas
    }
}
