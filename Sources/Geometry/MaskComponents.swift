/// The 4-connected components of a raster mask's covered cells, found on runs of covered cells along rows:
/// runs of neighbouring rows that share a column are joined (union–find), so the work goes with the number of
/// runs, not of cells. Components are numbered in the order their first cell comes, row by row.
struct MaskComponents {
    private let width: Int
    /// Covered columns starts[i]..<ends[i] of run i; row r's runs are rowOffsets[r]..<rowOffsets[r + 1].
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var rowOffsets: [Int]
    /// Component of each run.
    private var labels: [Int] = []

    /// The components of the cells where `mask` (row-major, `width` × `height`) is true.
    init(_ mask: [Bool], width: Int, height: Int) {
        self.width = width
        rowOffsets = [0]
        rowOffsets.reserveCapacity(height + 1)
        mask.withUnsafeBufferPointer { cells in
            for row in 0..<height {
                let rowStart = row * width
                var column = 0
                while column < width {
                    guard cells[rowStart + column] else {
                        column += 1
                        continue
                    }
                    starts.append(column)
                    while column < width && cells[rowStart + column] { column += 1 }
                    ends.append(column)
                }
                rowOffsets.append(starts.count)
            }
        }
        labels = joinedRuns(height: height)
    }

    /// The component of a covered cell (row-major index).
    func component(ofCell cell: Int) -> Int {
        let row = cell / width, column = cell % width
        // The row's last run starting at or before the column holds it.
        var low = rowOffsets[row], high = rowOffsets[row + 1] - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= column { low = middle } else { high = middle - 1 }
        }
        precondition(starts[low] <= column && column < ends[low], "cell \(cell) is not covered")
        return labels[low]
    }

    /// Joins the runs of every two neighbouring rows that share a column; returns each run's component number.
    private func joinedRuns(height: Int) -> [Int] {
        var parent = Array(starts.indices)
        func root(_ run: Int) -> Int {
            var run = run
            while parent[run] != run {
                parent[run] = parent[parent[run]]
                run = parent[run]
            }
            return run
        }
        for row in 1..<max(height, 1) {
            var above = rowOffsets[row - 1], below = rowOffsets[row]
            while above < rowOffsets[row] && below < rowOffsets[row + 1] {
                if max(starts[above], starts[below]) < min(ends[above], ends[below]) {
                    let (a, b) = (root(above), root(below))
                    parent[max(a, b)] = min(a, b)
                }
                if ends[above] < ends[below] { above += 1 } else { below += 1 }
            }
        }
        var componentOfRoot = [Int](repeating: -1, count: starts.count)
        var next = 0
        return starts.indices.map { run in
            let top = root(run)
            if componentOfRoot[top] < 0 {
                componentOfRoot[top] = next
                next += 1
            }
            return componentOfRoot[top]
        }
    }
}
