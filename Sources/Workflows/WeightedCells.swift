import Terrain

/// The cells a plan or a hilltop search weighs besides the residents', each with its weight in residents: `roadWeight`
/// per kilometre of `roads` on it (the road's length within the cell, as `roads.csv` counts it) and `facilityWeight` per
/// facility of `facilities` on it (on the terrain).
func weightedCells(
    roads: RoadReport?, roadWeight: Double, facilities: FacilityReport?, facilityWeight: Double, on grid: TerrainGrid
) throws(InputError) -> [Int: Double] {
    var weights: [Int: Double] = [:]
    for (cell, metres) in try roads?.metresPerCell(on: grid) ?? [:] { weights[cell, default: 0] += roadWeight * metres / 1_000 }
    for point in try facilities?.points(on: grid) ?? [] {
        if let cell = FacilityCoverage.cell(of: point.position, on: grid) { weights[cell, default: 0] += facilityWeight }
    }
    return weights
}
