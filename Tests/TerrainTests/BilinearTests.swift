@testable import Terrain
import TestSupport
import Testing

@Suite("Bilinear sampling")
struct BilinearTests {
    /// 3 × 2 heights with a void at column 1 of the top row.
    let values: [Float] = [10, .nan, 40, 20, 30, 50]

    @Test("On a cell centre, or within a billionth of one, the cell's own height even beside a void")
    func centres() {
        #expect(bilinear(values, width: 3, height: 2, column: 0, row: 0) == 10)
        #expect(bilinear(values, width: 3, height: 2, column: 1e-12, row: 0) == 10)
        #expect(bilinear(values, width: 3, height: 2, column: 2 - 1e-12, row: 1e-12) == 40)
        #expect(bilinear(values, width: 3, height: 2, column: 1, row: 1) == 30)
    }

    @Test("Between centres: weighted neighbours; a void with any weight gives none")
    func between() {
        #expect(bilinear(values, width: 3, height: 2, column: 0, row: 0.25) == 12.5)
        #expect(bilinear(values, width: 3, height: 2, column: 1.5, row: 1) == 40)
        #expect(bilinear(values, width: 3, height: 2, column: 1e-6, row: 0) == nil)
        #expect(bilinear(values, width: 3, height: 2, column: 0.5, row: 0.5) == nil)
    }

    @Test("A site's ground beside a void: the bilinear weights over the neighbours with terrain; none when all are void")
    func siteGroundBesideVoids() {
        // The same 3 × 2 heights on a grid of 10 m cells: cell (column, row) is centred at (5 + 10 column, −5 − 10 row).
        let grid = TerrainGrid(epsg: 32648, width: 3, height: 2, spacing: 10, cornerX: 0, cornerY: 0, elevations: values)
        func at(_ column: Double, _ row: Double) -> Float? { grid.siteGround(at: MapPoint(x: 5 + 10 * column, y: -5 - 10 * row)) }
        #expect(at(0, 0.25) == 12.5, "no void around: bilinear")
        // Weights 3/8 (10), 1/8 (void), 3/8 (20), 1/8 (30) at (0.25, 0.5): (3.75 + 7.5 + 3.75) / (7/8).
        #expect(abs(Double(at(0.25, 0.5) ?? 0) - 15 / 0.875) < 1e-5)
        #expect(at(1, 0) == nil, "on the void's centre, its only neighbour of positive weight")
        #expect(at(1, -0.5) == nil && at(0, -0.6) == nil, "half a cell beyond the grid, on the void's side; beyond that")
        #expect(at(1, 1.5) == 30, "half a cell beyond the grid's last row: the edge cell")
    }

    @Test("Beyond half a cell outside the grid: nothing; within it: the edge cell")
    func edges() {
        #expect(bilinear(values, width: 3, height: 2, column: -0.4, row: 0) == 10)
        #expect(bilinear(values, width: 3, height: 2, column: -0.6, row: 0) == nil)
        #expect(bilinear(values, width: 3, height: 2, column: 2.4, row: 1.4) == 50)
    }

    @Test("At many points inside, on the last centres, at the edges and beyond, bilinear and a raster's heights equal the clamped computation's")
    func rasterHeights() {
        // 41 × 31 heights with voids scattered through them, half-degree pixels from (100, 50).
        let (width, height) = (41, 31)
        var generator = SeededGenerator(seed: 23)
        let values: [Float] = (0..<(width * height)).map { index in
            index % 53 == 7 ? .nan : Float(index % width) * 3.5 - Float(index / width) * 1.25 + Float.random(in: 0..<1, using: &generator)
        }
        let frame = RasterFrame(
            width: width, height: height, cornerX: 100, cornerY: 50, pixelWidth: 0.5, pixelHeight: 0.5, crsWKT: ""
        )
        let raster = ElevationRaster(frame: frame, values: values)
        // Pixel positions: random ones from half a pixel beyond the raster to past it, every centre and every centre
        // nudged by a trillionth, the last but one and the last centres, and the outer edges.
        var positions: [(column: Double, row: Double)] = (0..<4_000).map { _ in
            (Double.random(in: -1...Double(width), using: &generator), Double.random(in: -1...Double(height), using: &generator))
        }
        for row in 0..<height {
            for column in 0..<width {
                let (x, y) = (Double(column), Double(row))
                positions += [(x, y), (x + 1e-12, y - 1e-12), (x - 1e-12, y + 0.5)]
            }
        }
        let (lastColumn, lastRow) = (Double(width - 1), Double(height - 1))
        positions += [(lastColumn - 1, lastRow - 1), (lastColumn - 1 + 1e-12, 3), (lastColumn, lastRow), (lastColumn + 0.5, 3),
                      (-0.5, -0.5), (lastColumn + 0.5, lastRow + 0.5), (-0.5 - 1e-9, 3), (4, lastRow + 0.5 + 1e-9)]
        let xs = positions.map { frame.cornerX + ($0.column + 0.5) * frame.pixelWidth }
        let ys = positions.map { frame.cornerY - ($0.row + 0.5) * frame.pixelHeight }
        let heights = raster.heights(at: SourceCoordinates(width: positions.count, storage: .exact(xs: xs, ys: ys)), rows: 1)
        // The reference: every position clamped onto the centres, none taking the way without clamping.
        func clamped(column: Double, row: Double) -> Float? {
            guard column >= -0.5, row >= -0.5, column <= lastColumn + 0.5, row <= lastRow + 0.5 else { return nil }
            return values.withUnsafeBufferPointer { values in
                bilinear(within: values, width: width, height: height, column: min(max(column, 0), lastColumn), row: min(max(row, 0), lastRow))
            }
        }
        func same(_ a: Float?, _ b: Float?) -> Bool { a == b || (a?.isNaN ?? true) && (b?.isNaN ?? true) }
        var mismatches = 0, inside = 0
        for index in positions.indices {
            let column = (xs[index] - frame.cornerX) / frame.pixelWidth - 0.5, row = (frame.cornerY - ys[index]) / frame.pixelHeight - 0.5
            let expected = clamped(column: column, row: row)
            if column >= 0, row >= 0, column <= lastColumn - 1, row <= lastRow - 1 { inside += 1 }
            if !same(heights[index], expected) || !same(bilinear(values, width: width, height: height, column: column, row: row), expected) {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
        // Both ways of sampling were taken, and voids were met.
        #expect(inside > 3_000 && inside < positions.count - 500)
        #expect(heights.contains { $0.isNaN } && heights.contains { !$0.isNaN })
    }
}
