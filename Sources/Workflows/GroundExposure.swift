import Foundation
import Propagation
import Terrain

/// The most a person standing on the ground around a mast is exposed to: the ratio on a lattice of the grid's cells
/// within the radius, from the ground up to the person's height every half metre, with the ground's reflection. Cells
/// without terrain (voids, beyond the DEM) are not assessed.
struct GroundExposure {
    var maximumRatio = 0.0, distanceM = 0.0, azimuth = 0.0, overLimitM2 = 0.0
    /// The share of the lattice's cells within the radius that have terrain, %.
    var assessedPercent = 0.0

    init(_ field: ExposureField, on grid: TerrainGrid, around centre: MapPoint, _ request: EMFRequest) {
        let heights = Array(stride(from: 0, to: request.personHeightM, by: 0.5)) + [request.personHeightM]
        let cellArea = grid.spacing * grid.spacing
        var (cells, assessed) = (0, 0)
        for row in 0..<grid.height {
            for column in 0..<grid.width {
                let point = grid.center(column: column, row: row), ground = Double(grid[column, row])
                let east = point.x - centre.x, north = point.y - centre.y, distance = (east * east + north * north).squareRoot()
                guard distance <= request.radiusM else { continue }
                cells += 1
                guard !ground.isNaN else { continue }
                assessed += 1
                let ratio = heights.map { field.ratio(x: point.x, y: point.y, z: ground + $0) }.max()! * ExposureField.groundReflection
                if ratio >= 1 { overLimitM2 += cellArea }
                guard ratio > maximumRatio else { continue }
                maximumRatio = ratio
                distanceM = distance
                azimuth = Bearing.withinTurn(degrees: atan2(east, north) * 180 / .pi - field.gridNorth)
            }
        }
        assessedPercent = 100 * Double(assessed) / Double(cells)
    }
}
