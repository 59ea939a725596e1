/// The 4-connected components of a raster mask's covered cells, found on its runs of covered cells along rows
/// (`CellRuns`): runs of neighbouring rows that share a column are joined (union–find), so the work goes with the
/// number of runs, not of cells. Components are numbered in the order their first cell comes, row by row.
public struct MaskComponents {
    private let runs: CellRuns
    /// Index of each row's first run among all runs, row by row (one more entry than rows).
    private let rowOffsets: [Int]
    /// Component of each run, in the same order.
    private var labels: [Int] = []

    public init(_ runs: CellRuns) {
        self.runs = runs
        var offsets = [0]
        for rowRuns in runs.runs { offsets.append(offsets[offsets.count - 1] + rowRuns.count) }
        rowOffsets = offsets
        labels = joinedRuns()
    }

    /// Number of components.
    public var count: Int { labels.max().map { $0 + 1 } ?? 0 }

    /// Each component's cells, in component order.
    public var components: [CellRuns] {
        var firstRows = [Int](repeating: 0, count: count), rows = [[[Range<Int>]]](repeating: [], count: count)
        forEachRun { row, columns, component in
            if rows[component].isEmpty { firstRows[component] = row }
            // A 4-connected component has cells on every row between its first and its last.
            if rows[component].count <= row - firstRows[component] { rows[component].append([]) }
            rows[component][row - firstRows[component]].append(columns)
        }
        return zip(firstRows, rows).map { CellRuns(firstRow: $0, runs: $1) }
    }

    /// Calls `body` with every run (its row and columns, in the runs' own numbering) and the run's component.
    func forEachRun(_ body: (_ row: Int, _ columns: Range<Int>, _ component: Int) -> Void) {
        for (offset, rowRuns) in runs.runs.enumerated() {
            for (index, columns) in rowRuns.enumerated() {
                body(runs.firstRow + offset, columns, labels[rowOffsets[offset] + index])
            }
        }
    }

    /// The component of the covered cell at `column`, `row` (in the runs' own numbering).
    func component(column: Int, row: Int) -> Int {
        let rowRuns = runs.runs[row - runs.firstRow]
        // The row's last run starting at or before the column holds it.
        var low = 0, high = rowRuns.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if rowRuns[middle].lowerBound <= column { low = middle } else { high = middle - 1 }
        }
        precondition(rowRuns.indices.contains(low) && rowRuns[low].contains(column), "cell (\(column), \(row)) is not covered")
        return labels[rowOffsets[row - runs.firstRow] + low]
    }

    /// Joins the runs of every two neighbouring rows that share a column; returns each run's component number.
    private func joinedRuns() -> [Int] {
        var parent = Array(0..<rowOffsets[rowOffsets.count - 1])
        func root(_ run: Int) -> Int {
            var run = run
            while parent[run] != run {
                parent[run] = parent[parent[run]]
                run = parent[run]
            }
            return run
        }
        for row in runs.runs.indices.dropFirst() {
            let upper = runs.runs[row - 1], lower = runs.runs[row]
            var above = 0, below = 0
            while above < upper.count && below < lower.count {
                if upper[above].overlaps(lower[below]) {
                    let (a, b) = (root(rowOffsets[row - 1] + above), root(rowOffsets[row] + below))
                    parent[max(a, b)] = min(a, b)
                }
                if upper[above].upperBound < lower[below].upperBound { above += 1 } else { below += 1 }
            }
        }
        var componentOfRoot = [Int](repeating: -1, count: parent.count)
        var next = 0
        return parent.indices.map { run in
            let top = root(run)
            if componentOfRoot[top] < 0 {
                componentOfRoot[top] = next
                next += 1
            }
            return componentOfRoot[top]
        }
    }
}
