import Foundation

/// The standard deviation of terrain heights within a square around any point of a grid — ITU-R P.530's area
/// roughness s_a (a 110 km square of 30″ heights) — from summed-area tables, so that each square costs four reads.
public struct AreaRoughness: Sendable {
    private let grid: TerrainGrid
    /// Inclusive prefix sums over (row, column), one row and column of zeros first: counts of heights, their
    /// sums and sums of squares, taken from `offset` for precision.
    private let counts: [Double], sums: [Double], squares: [Double]
    private let offset: Double

    /// Tables over `grid`'s heights; voids do not count.
    public init(_ grid: TerrainGrid) {
        self.grid = grid
        let heights = grid.elevations.filter { !$0.isNaN }
        offset = heights.isEmpty ? 0 : heights.reduce(0) { $0 + Double($1) } / Double(heights.count)
        let width = grid.width + 1
        var counts = [Double](repeating: 0, count: width * (grid.height + 1))
        var sums = counts, squares = counts
        for row in 0..<grid.height {
            var rowCount = 0.0, rowSum = 0.0, rowSquares = 0.0
            for column in 0..<grid.width {
                let height = grid.elevations[row * grid.width + column]
                if !height.isNaN {
                    let h = Double(height) - offset
                    rowCount += 1
                    rowSum += h
                    rowSquares += h * h
                }
                let here = (row + 1) * width + column + 1, above = here - width
                counts[here] = counts[above] + rowCount
                sums[here] = sums[above] + rowSum
                squares[here] = squares[above] + rowSquares
            }
        }
        (self.counts, self.sums, self.squares) = (counts, sums, squares)
    }

    /// The standard deviation (m) of the heights whose cells' centres lie within `halfSide` metres of `point` along both
    /// axes; nil when none does.
    public func standardDeviation(around point: MapPoint, halfSide: Double) -> Double? {
        let position = grid.gridPosition(of: point), reach = halfSide / grid.spacing
        let firstColumn = max(0, Int((position.column - reach).rounded(.up)))
        let lastColumn = min(grid.width - 1, Int((position.column + reach).rounded(.down)))
        let firstRow = max(0, Int((position.row - reach).rounded(.up)))
        let lastRow = min(grid.height - 1, Int((position.row + reach).rounded(.down)))
        guard firstColumn <= lastColumn, firstRow <= lastRow else { return nil }
        func total(_ table: [Double]) -> Double {
            let width = grid.width + 1
            let (top, bottom, left, right) = (firstRow * width, (lastRow + 1) * width, firstColumn, lastColumn + 1)
            return table[bottom + right] - table[top + right] - table[bottom + left] + table[top + left]
        }
        let count = total(counts)
        guard count > 0 else { return nil }
        let mean = total(sums) / count
        return max(0, total(squares) / count - mean * mean).squareRoot()
    }
}
