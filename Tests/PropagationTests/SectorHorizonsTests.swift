import Foundation
@testable import Propagation
import Terrain
import Testing

/// Sector horizons must bound every crossing they cover: checked against the crossings themselves, enumerated here
/// on their own (Franklin's R3: every row and column line between observer and target, interpolated).
@Suite("Sector horizons bound the crossings of line-of-sight rays")
struct SectorHorizonsTests {
    @Test(
        "No crossing between the bounded distances rises above the bound; a void there makes it infinite",
        arguments: [(160.3, 140.7, 40.0), (7.0, 251.5, 25.0), (299.6, 12.2, 3.0)]
    )
    func boundsHold(column: Double, row: Double, mast: Double) {
        let grid = TiledLineOfSightTests.rough, curvature = EarthModel().curvature
        let eye = GridObserver(column: column, row: row, height: Double(grid[Int(column.rounded()), Int(row.rounded())]) + mast)
        let corners = [(0, 0), (grid.width - 1, 0), (0, grid.height - 1), (grid.width - 1, grid.height - 1)]
        let farthest = corners.map { hypot(Double($0.0) - column, Double($0.1) - row) }.max()!
        let horizons = grid.elevations.withUnsafeBufferPointer { elevations in
            SectorHorizons(
                elevations: elevations, gridWidth: grid.width, column: 0, row: 0, width: grid.width, height: grid.height,
                observer: eye, spacing: grid.spacing, curvature: curvature, radius: farthest * grid.spacing
            )
        }
        var checked = 0, finiteBounds = 0, violations = 0
        for targetRow in stride(from: 0, to: grid.height, by: 5) {
            for targetColumn in stride(from: 0, to: grid.width, by: 5) {
                let dx = Double(targetColumn) - column, dy = Double(targetRow) - row
                let distance = grid.spacing * hypot(dx, dy)
                guard let bound = horizons.bound(column: targetColumn, row: targetRow, distance: distance) else { continue }
                if bound.steepest.isFinite { finiteBounds += 1 }
                for crossing in crossings(grid, eye, targetColumn, targetRow)
                where crossing.fraction * distance >= bound.after && crossing.fraction * distance < bound.before {
                    let d = crossing.fraction * distance
                    let angle = crossing.ground.isNaN ? Double.infinity : (crossing.ground - curvature * d * d - eye.height) / d
                    checked += 1
                    if angle > bound.steepest { violations += 1 }
                }
            }
        }
        #expect(violations == 0)
        #expect(checked > 100_000 && finiteBounds > 1_000, "checked \(checked) crossings, \(finiteBounds) finite bounds")
    }

    /// Every crossing of the ray from `eye` to the centre of (`column`, `row`) with a row or column line before the
    /// target's own: how far along the ray (0–1) and the ground there, linearly interpolated (NaN on a void).
    func crossings(_ grid: TerrainGrid, _ eye: GridObserver, _ column: Int, _ row: Int) -> [(fraction: Double, ground: Double)] {
        var result: [(fraction: Double, ground: Double)] = []
        for (start, end, crossStart, crossEnd, alongColumns) in [
            (eye.column, column, eye.row, row, true), (eye.row, row, eye.column, column, false),
        ] {
            let delta = Double(end) - start
            guard delta != 0 else { continue }
            let step = delta > 0 ? 1 : -1
            var line = delta > 0 ? Int(start.rounded(.down)) + 1 : Int(start.rounded(.up)) - 1
            while line != end {
                let fraction = (Double(line) - start) / delta
                let across = crossStart + fraction * (Double(crossEnd) - crossStart)
                let lower = Int(across.rounded(.down)), weight = across - Double(lower)
                func height(_ cross: Int) -> Double {
                    Double(alongColumns ? grid[line, cross] : grid[cross, line])
                }
                let ground = weight == 0 ? height(lower) : height(lower) + (height(lower + 1) - height(lower)) * weight
                result.append((fraction, ground))
                line += step
            }
        }
        return result
    }
}
