import Foundation
import Propagation
import Terrain
import Testing

/// Tile maxima let the line-of-sight scan pass over terrain below the ray, and a neighbour's blocker is
/// tried first; neither may ever change an answer.
@Suite("Line of sight with tile maxima and blocker hints")
struct TiledLineOfSightTests {
    /// Rough terrain: ridges and valleys, cell-scale noise from a fixed generator, and a few void patches.
    static let rough: TerrainGrid = {
        let width = 320, height = 280
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var values = [Float](repeating: 0, count: width * height)
        for row in 0..<height {
            for column in 0..<width {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let noise = Double(state >> 40) / Double(1 << 24) * 12
                let x = Double(column), y = Double(row)
                values[row * width + column] = Float(
                    400 + 150 * sin(x / 23) * cos(y / 31) + 90 * sin((x + 2 * y) / 57) + noise
                )
            }
        }
        for (column, row) in [(40, 50), (200, 180), (151, 77), (300, 20)] {
            for dy in 0..<3 { for dx in 0..<3 { values[(row + dy) * width + column + dx] = .nan } }
        }
        return TerrainGrid(epsg: 32648, width: width, height: height, spacing: 30, cornerX: 0, cornerY: 0, elevations: values)
    }()

    @Test(
        "Rough terrain with voids and curvature: the same answer in every cell, tiles over the grid or a window",
        arguments: [(160.3, 140.7, 40.0), (7.0, 251.5, 25.0), (299.6, 12.2, 3.0)]
    )
    func sameAnswers(column: Double, row: Double, mast: Double) {
        let grid = Self.rough, earth = EarthModel()
        let eye = GridObserver(column: column, row: row, height: Double(grid[Int(column.rounded()), Int(row.rounded())]) + mast)
        let plain = LineOfSightGrid(grid, earth: earth, tiled: false).visibility(from: eye, receiverHeight: 1.5)
        let tiled = LineOfSightGrid(grid, earth: earth, tiled: true).visibility(from: eye, receiverHeight: 1.5)
        #expect(differingCells(plain, tiled) == 0)
        let hinted = LineOfSightGrid(grid, earth: earth, tiled: false, hinted: true).visibility(from: eye, receiverHeight: 1.5)
        #expect(differingCells(plain, hinted) == 0, "blocker hints")
        // Tiles over a window around the observer (not aligned with the grid) answer the same within it.
        let columns = max(0, Int(column) - 130)..<min(grid.width, Int(column) + 121)
        let rows = max(0, Int(row) - 117)..<min(grid.height, Int(row) + 109)
        let windowed = LineOfSightGrid(grid, earth: earth, tiled: true, hinted: true)
            .visibility(from: eye, receiverHeight: 1.5, columns: columns, rows: rows)
        #expect(differingCells(windowed, rows.map { Array(plain[$0][columns]) }) == 0)
        // The terrain gives every kind of answer, so the comparison means something.
        let answers = plain.joined()
        for kind in [Visibility.visible, .blocked, .unknown] {
            #expect(answers.contains(kind), "no \(kind) cell")
        }
    }

    func differingCells(_ a: [[Visibility]], _ b: [[Visibility]]) -> Int {
        zip(a.joined(), b.joined()).filter { $0 != $1 }.count + abs(a.joined().count - b.joined().count)
    }
}
