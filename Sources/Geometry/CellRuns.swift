/// The covered cells of a footprint as runs along grid rows, in the grid's own column and row numbers:
/// a compact, exact description of the same cells the footprint polygon encloses.
public struct CellRuns: Sendable, Equatable {
    /// Grid row of `runs[0]`.
    public let firstRow: Int
    /// Per row, half-open column ranges of covered cells, left to right.
    public let runs: [[Range<Int>]]

    /// Runs of the cells where `mask` (a `width` × `height` window at `column`, `row` of the grid) is true.
    public init(mask: [Bool], width: Int, height: Int, column: Int, row: Int) {
        firstRow = row
        runs = (0..<height).map { offset in
            var rowRuns: [Range<Int>] = []
            var start: Int?
            for x in 0...width {
                let covered = x < width && mask[offset * width + x]
                if covered, start == nil { start = x }
                if !covered, let begin = start {
                    rowRuns.append((column + begin)..<(column + x))
                    start = nil
                }
            }
            return rowRuns
        }
    }

    /// Runs given row by row from `firstRow`.
    init(firstRow: Int, runs: [[Range<Int>]]) {
        self.firstRow = firstRow
        self.runs = runs
    }

    public var cellCount: Int { runs.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } } }

    /// Row-major indices of the covered cells on a grid `gridWidth` cells wide, row by row.
    public func cellIndices(gridWidth: Int) -> [Int] {
        var indices: [Int] = []
        indices.reserveCapacity(cellCount)
        for (offset, rowRuns) in runs.enumerated() {
            let rowStart = (firstRow + offset) * gridWidth
            for run in rowRuns { indices += run.map { rowStart + $0 } }
        }
        return indices
    }

    /// Number of cells covered by both.
    public func commonCells(with other: CellRuns) -> Int {
        CoveredCellCounts(self).commonCells(with: other)
    }
}
