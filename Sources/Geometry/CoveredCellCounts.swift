/// One footprint's covered cells counted cumulatively along each row of their bounding box. The cells another
/// footprint shares with it then cost two reads per run of the other's, where merging two rows of runs branches on
/// every run of both (a province's million pairs of sites: 3.6 % of its CPU time that way, about 2 % this way).
public struct CoveredCellCounts: Sendable {
    private let firstRow: Int
    private let firstColumn: Int
    /// Columns of the bounding box; each row keeps `width + 1` counts.
    private let width: Int
    private let rowCount: Int
    /// Row by row, entry c: how many of the row's first c columns (from `firstColumn`) are covered.
    private let counts: [Int32]

    public init(_ cells: CellRuns) {
        let columns = cells.runs.joined().lazy
        let firstColumn = columns.map(\.lowerBound).min() ?? 0
        let width = (columns.map(\.upperBound).max() ?? 0) - firstColumn
        (self.firstRow, self.firstColumn, self.width, rowCount) = (cells.firstRow, firstColumn, width, cells.runs.count)
        counts = [Int32](unsafeUninitializedCapacity: cells.runs.count * (width + 1)) { buffer, initialized in
            for (offset, rowRuns) in cells.runs.enumerated() {
                var column = 0, total: Int32 = 0
                let row = buffer.baseAddress! + offset * (width + 1)
                for run in rowRuns {
                    let start = run.lowerBound - firstColumn, end = run.upperBound - firstColumn
                    while column <= start { (row + column).initialize(to: total); column += 1 }
                    while column <= end { total += 1; (row + column).initialize(to: total); column += 1 }
                }
                while column <= width { (row + column).initialize(to: total); column += 1 }
            }
            initialized = buffer.count
        }
    }

    /// Number of cells covered by both this footprint and `other`.
    public func commonCells(with other: CellRuns) -> Int {
        let first = max(firstRow, other.firstRow)
        let last = min(firstRow + rowCount, other.firstRow + other.runs.count)
        guard first < last else { return 0 }
        return counts.withUnsafeBufferPointer { counts in
            var common = 0
            for row in first..<last {
                let base = (row - firstRow) * (width + 1)
                for run in other.runs[row - other.firstRow] {
                    let low = min(max(run.lowerBound - firstColumn, 0), width)
                    let high = min(max(run.upperBound - firstColumn, 0), width)
                    common += Int(counts[base + high] - counts[base + low])
                }
            }
            return common
        }
    }
}
