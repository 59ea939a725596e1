/// Source coordinates of every cell centre of a grid layout, found as GDAL's approximate transformer does:
/// PROJ transforms a lattice of every `stride`-th centre (and the last row and column), the centres between
/// are interpolated bilinearly, and the interpolation is checked against PROJ at the middle of every lattice
/// square. If any check is off by more than `tolerance` (source units), every centre goes through PROJ.
struct LatticeTransform {
    static let stride = 16

    let layout: GridLayout
    let tolerance: Double

    /// `transform` maps x and y arrays in place from the grid's CRS to the source CRS.
    func sourceCoordinates(
        _ transform: (inout [Double], inout [Double]) throws(InputError) -> Void
    ) throws(InputError) -> (xs: [Double], ys: [Double]) {
        let columns = nodes(layout.width), rows = nodes(layout.height)
        guard columns.count > 1, rows.count > 1 else { return try exact(transform) }
        var nodeXs = rows.flatMap { _ in columns.map { layout.centerX($0) } }
        var nodeYs = rows.flatMap { row in columns.map { _ in layout.centerY(row) } }
        try transform(&nodeXs, &nodeYs)
        let squares = zip(rows, rows.dropFirst()).flatMap { top, bottom in
            zip(columns, columns.dropFirst()).map { left, right in ((left + right) / 2, (top + bottom) / 2) }
        }
        var checkXs = squares.map { layout.centerX($0.0) }, checkYs = squares.map { layout.centerY($0.1) }
        try transform(&checkXs, &checkYs)
        let xs = interpolate(nodeXs, columns: columns, rows: rows)
        let ys = interpolate(nodeYs, columns: columns, rows: rows)
        let faithful = squares.indices.allSatisfy { index in
            let cell = squares[index].1 * layout.width + squares[index].0
            return abs(xs[cell] - checkXs[index]) <= tolerance && abs(ys[cell] - checkYs[index]) <= tolerance
        }
        return faithful ? (xs, ys) : try exact(transform)
    }

    private func exact(
        _ transform: (inout [Double], inout [Double]) throws(InputError) -> Void
    ) throws(InputError) -> (xs: [Double], ys: [Double]) {
        var (xs, ys) = layout.cellCenters()
        try transform(&xs, &ys)
        return (xs, ys)
    }

    /// Lattice positions along an axis of `count` cells: every `stride`-th and the last.
    private func nodes(_ count: Int) -> [Int] {
        let regular = Array(Swift.stride(from: 0, to: count - 1, by: Self.stride))
        return regular + [count - 1]
    }

    /// Bilinear interpolation of lattice `values` (row-major over `rows` × `columns`) to every cell.
    private func interpolate(_ values: [Double], columns: [Int], rows: [Int]) -> [Double] {
        var result = [Double](repeating: 0, count: layout.width * layout.height)
        let across = columns.count
        for (rowIndex, (top, bottom)) in zip(rows, rows.dropFirst()).enumerated() {
            for row in top...bottom {
                let v = bottom > top ? Double(row - top) / Double(bottom - top) : 0
                for (columnIndex, (left, right)) in zip(columns, columns.dropFirst()).enumerated() {
                    let node = rowIndex * across + columnIndex
                    let upper = (values[node], values[node + 1]), lower = (values[node + across], values[node + across + 1])
                    for column in left...right {
                        let u = right > left ? Double(column - left) / Double(right - left) : 0
                        let high = upper.0 + (upper.1 - upper.0) * u, low = lower.0 + (lower.1 - lower.0) * u
                        result[row * layout.width + column] = high + (low - high) * v
                    }
                }
            }
        }
        return result
    }
}
