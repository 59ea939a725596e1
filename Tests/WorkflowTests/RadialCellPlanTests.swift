import Foundation
@testable import Coverage
import TestSupport
import Testing

@Suite("Radial cell plan")
struct RadialCellPlanTests {
    /// The radial nearest to a direction by libm's atan2 alone, as the plan chose it before `Bearing`.
    func radialByAtan2(east: Double, north: Double, of radialCount: Int) -> Int {
        let turns = atan2(east, north) / (2 * Double.pi)
        let radial = Int((turns < 0 ? turns + 1 : turns) * Double(radialCount) + 0.5)
        return radial >= radialCount ? radial - radialCount : radial
    }

    @Test("Every cell of 30 km windows at 3″ and 30 m joins the same radial as by atan2, also half-way between two")
    func sameRadialsAsAtan2() {
        var random = SeededGenerator(seed: 4)
        var cells = 0, mismatches = 0
        // The radial counts of 30 km sweeps at 3″ (92.7 m) and 30 m, and observers anywhere within their cell.
        for (radialCount, reach) in [(4_069, 324), (12_567, 1_000)] {
            for _ in 0..<3 {
                let observer = (column: random.unit() - 0.5, row: random.unit() - 0.5)
                for row in -reach...reach {
                    for column in -reach...reach where column != 0 || row != 0 {
                        let east = Double(column) - observer.column, north = observer.row - Double(row)
                        let radial = RadialCellPlan.nearestRadial(east: east, north: north, of: radialCount)
                        if radial != radialByAtan2(east: east, north: north, of: radialCount) { mismatches += 1 }
                        cells += 1
                    }
                }
            }
            // Directions on the middles between radials, where an estimate's error would tip the choice.
            for middle in 0..<radialCount {
                let angle = 2 * Double.pi * (Double(middle) + 0.5) / Double(radialCount)
                for length in [1.5, 40, 900] {
                    let east = length * sin(angle), north = length * cos(angle)
                    if RadialCellPlan.nearestRadial(east: east, north: north, of: radialCount)
                        != radialByAtan2(east: east, north: north, of: radialCount) { mismatches += 1 }
                    cells += 1
                }
            }
        }
        #expect(cells > 13_000_000)
        #expect(mismatches == 0)
    }
}
