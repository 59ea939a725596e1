import Terrain

/// What each footprint adds to the union of many footprints traced on one grid: the same region as the union of the
/// footprints themselves, with far fewer vertices for GEOS to overlay. A hole of a footprint that other footprints
/// cover entirely is filled, and a piece (a 4-connected component) is dropped when no cell of it has this footprint
/// as the last one covering it. The union is unchanged, exactly: every cell of it stays in the piece of the last
/// footprint covering it, and every cell a fill adds lies in some footprint. Where each place is covered by dozens
/// of sites, as in a province, most islands and holes go.
struct UnionPieces {
    /// One shape per footprint, in order; the footprint's own shape where nothing changed.
    let pieces: [MultiPolygon]

    init(_ footprints: [SiteFootprint]) {
        let lastCover = LastCover(footprints)
        pieces = parallelMap(count: footprints.count, chunkSize: 1) { index in
            Self.piece(of: footprints[index], index: index, lastCover: lastCover)
        }
    }

    private static func piece(of footprint: SiteFootprint, index: Int, lastCover: LastCover) -> MultiPolygon {
        let window = footprint.window, width = window.width, height = window.height
        var mask = [Bool](repeating: false, count: width * height)
        for (row, rowRuns) in footprint.cells.runs.enumerated() {
            for run in rowRuns {
                for column in run { mask[row * width + column - window.column] = true }
            }
        }
        /// Grid columns and row of a run in the window's numbering.
        func onGrid(_ row: Int, _ columns: Range<Int>) -> (row: Int, columns: Range<Int>) {
            (window.row + row, (window.column + columns.lowerBound)..<(window.column + columns.upperBound))
        }

        // Holes: components of the uncovered cells that touch no edge of the window; filled when covered elsewhere.
        let uncovered = MaskComponents(CellRuns(mask: mask.map { !$0 }, width: width, height: height, column: 0, row: 0))
        var fillable = [Bool](repeating: true, count: uncovered.count)
        uncovered.forEachRun { row, columns, component in
            guard fillable[component] else { return }
            let atEdge = row == 0 || row == height - 1 || columns.lowerBound == 0 || columns.upperBound == width
            let cell = onGrid(row, columns)
            if atEdge || !lastCover.isCovered(row: cell.row, columns: cell.columns) { fillable[component] = false }
        }
        var changed = false
        uncovered.forEachRun { row, columns, component in
            guard fillable[component] else { return }
            changed = true
            for column in columns { mask[row * width + column] = true }
        }

        // Pieces another footprint covers last everywhere.
        let pieces = MaskComponents(CellRuns(mask: mask, width: width, height: height, column: 0, row: 0))
        var needed = [Bool](repeating: false, count: pieces.count)
        pieces.forEachRun { row, columns, component in
            let cell = onGrid(row, columns)
            if !needed[component] && lastCover.isLast(index, row: cell.row, columns: cell.columns) { needed[component] = true }
        }
        if needed.contains(false) {
            changed = true
            pieces.forEachRun { row, columns, component in
                guard !needed[component] else { return }
                for column in columns { mask[row * width + column] = false }
            }
        }
        return changed ? window.tracer.polygons(of: mask, width: width, height: height) : footprint.shape
    }
}

/// The last footprint (by index) covering each cell of the window that holds every footprint's window.
struct LastCover {
    private let column: Int
    private let row: Int
    private let width: Int
    /// Row-major; −1 where no footprint covers the cell.
    private let last: [Int32]

    init(_ footprints: [SiteFootprint]) {
        let windows = footprints.map(\.window)
        let column = windows.map(\.column).min() ?? 0, row = windows.map(\.row).min() ?? 0
        let width = (windows.map { $0.column + $0.width }.max() ?? 0) - column
        let height = (windows.map { $0.row + $0.height }.max() ?? 0) - row
        (self.column, self.row, self.width) = (column, row, width)
        var last = [Int32](repeating: -1, count: width * height)
        last.withUnsafeMutableBufferPointer { last in
            for (index, footprint) in footprints.enumerated() {
                for (offset, rowRuns) in footprint.cells.runs.enumerated() {
                    let start = (footprint.cells.firstRow + offset - row) * width - column
                    for run in rowRuns {
                        UnsafeMutableBufferPointer(rebasing: last[(start + run.lowerBound)..<(start + run.upperBound)])
                            .update(repeating: Int32(index))
                    }
                }
            }
        }
        self.last = last
    }

    /// Whether some footprint covers every cell of `columns` on grid row `row`.
    func isCovered(row: Int, columns: Range<Int>) -> Bool {
        let start = (row - self.row) * width - column
        return !last[(start + columns.lowerBound)..<(start + columns.upperBound)].contains(-1)
    }

    /// Whether footprint `index` is the last to cover some cell of `columns` on grid row `row`.
    func isLast(_ index: Int, row: Int, columns: Range<Int>) -> Bool {
        let start = (row - self.row) * width - column
        return last[(start + columns.lowerBound)..<(start + columns.upperBound)].contains(Int32(index))
    }
}
