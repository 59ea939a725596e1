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
    ) throws(InputError) -> SourceCoordinates {
        let columns = nodes(layout.width), rows = nodes(layout.height)
        guard columns.count > 1, rows.count > 1 else { return try exact(transform) }
        var nodeXs = rows.flatMap { _ in columns.map { layout.centerX($0) } }
        var nodeYs = rows.flatMap { row in columns.map { _ in layout.centerY(row) } }
        try transform(&nodeXs, &nodeYs)
        let lattice = SourceLattice(columns: columns, rows: rows, xs: nodeXs, ys: nodeYs)
        let squares = zip(rows, rows.dropFirst()).flatMap { top, bottom in
            zip(columns, columns.dropFirst()).map { left, right in ((left + right) / 2, (top + bottom) / 2) }
        }
        var checkXs = squares.map { layout.centerX($0.0) }, checkYs = squares.map { layout.centerY($0.1) }
        try transform(&checkXs, &checkYs)
        let faithful = squares.indices.allSatisfy { index in
            let point = lattice.point(column: squares[index].0, row: squares[index].1)
            return abs(point.x - checkXs[index]) <= tolerance && abs(point.y - checkYs[index]) <= tolerance
        }
        return faithful ? SourceCoordinates(width: layout.width, storage: .lattice(lattice)) : try exact(transform)
    }

    private func exact(
        _ transform: (inout [Double], inout [Double]) throws(InputError) -> Void
    ) throws(InputError) -> SourceCoordinates {
        var (xs, ys) = layout.cellCenters()
        try transform(&xs, &ys)
        return SourceCoordinates(width: layout.width, storage: .exact(xs: xs, ys: ys))
    }

    /// Lattice positions along an axis of `count` cells: every `stride`-th and the last.
    private func nodes(_ count: Int) -> [Int] {
        let regular = Array(Swift.stride(from: 0, to: count - 1, by: Self.stride))
        return regular + [count - 1]
    }
}

/// The source coordinates of a grid's cell centres, found a row at a time from the lattice (no array per cell),
/// or PROJ's own for every centre when the lattice was not faithful.
struct SourceCoordinates: Sendable {
    enum Storage: Sendable {
        case lattice(SourceLattice)
        case exact(xs: [Double], ys: [Double])
    }

    let width: Int
    let storage: Storage

    /// Source coordinates of the centres of grid row `row`, written to `xs` and `ys` (`width` each).
    func row(_ row: Int, xs: UnsafeMutablePointer<Double>, ys: UnsafeMutablePointer<Double>) {
        switch storage {
        case .lattice(let lattice): lattice.row(row, xs: xs, ys: ys)
        case .exact(let allXs, let allYs):
            allXs.withUnsafeBufferPointer { xs.update(from: $0.baseAddress! + row * width, count: width) }
            allYs.withUnsafeBufferPointer { ys.update(from: $0.baseAddress! + row * width, count: width) }
        }
    }

    /// The bounds of every centre. Bilinear interpolation stays within its square's corners, so the lattice's
    /// nodes bound every interpolated centre.
    var bounds: MapBounds {
        let (xs, ys) = switch storage {
        case .lattice(let lattice): (lattice.xs, lattice.ys)
        case .exact(let xs, let ys): (xs, ys)
        }
        return MapBounds(minX: xs.min() ?? 0, minY: ys.min() ?? 0, maxX: xs.max() ?? 0, maxY: ys.max() ?? 0)
    }
}

/// Source coordinates at the lattice's nodes (row-major, `across` nodes per row), interpolated bilinearly in
/// between.
struct SourceLattice: Sendable {
    let across: Int
    let xs: [Double]
    let ys: [Double]
    /// For every grid column and row, the lattice square it is interpolated in and its weight across the square.
    /// A centre on a node's row or column is taken from the square after it (the last one from the square before
    /// it), where its weight is exactly 0.
    private let columnSquares: [(square: Int, weight: Double)]
    private let rowSquares: [(square: Int, weight: Double)]

    /// The lattice with nodes at grid `columns` × `rows` whose source coordinates are `xs` and `ys`.
    init(columns: [Int], rows: [Int], xs: [Double], ys: [Double]) {
        across = columns.count
        self.xs = xs
        self.ys = ys
        columnSquares = Self.squares(of: columns)
        rowSquares = Self.squares(of: rows)
    }

    private static func squares(of nodes: [Int]) -> [(square: Int, weight: Double)] {
        (0...nodes[nodes.count - 1]).map { index in
            let square = min(index / LatticeTransform.stride, nodes.count - 2)
            let (first, last) = (nodes[square], nodes[square + 1])
            return (square, Double(index - first) / Double(last - first))
        }
    }

    /// The interpolated source coordinates of a cell centre.
    func point(column: Int, row: Int) -> MapPoint {
        let (square, u) = columnSquares[column], (squareRow, v) = rowSquares[row]
        let point = withSquare(top: squareRow * across + square) { $0.interpolated(across: u, down: v) }
        return MapPoint(x: point.x, y: point.y)
    }

    /// The interpolated source coordinates of the centres of grid row `row`, written to `xs` and `ys` (one per grid
    /// column each). A lattice square's corners and their differences across are read once for all its columns.
    func row(_ row: Int, xs rowXs: UnsafeMutablePointer<Double>, ys rowYs: UnsafeMutablePointer<Double>) {
        let (squareRow, v) = rowSquares[row]
        columnSquares.withUnsafeBufferPointer { columns in
            var column = 0
            while column < columns.count {
                let square = columns[column].square
                withSquare(top: squareRow &* across &+ square) { corners in
                    while column < columns.count && columns[column].square == square {
                        let point = corners.interpolated(across: columns[column].weight, down: v)
                        (rowXs[column], rowYs[column]) = (point.x, point.y)
                        column &+= 1
                    }
                }
            }
        }
    }

    /// `body` given the lattice square whose top-left node is `top`.
    @inline(__always)
    private func withSquare<R>(top: Int, _ body: (SquareCorners) -> R) -> R {
        xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                func node(_ index: Int) -> SIMD2<Double> { SIMD2(xs[index], ys[index]) }
                let upper = node(top), lower = node(top &+ across)
                return body(SquareCorners(
                    upper: upper, upperAcross: node(top &+ 1) - upper, lower: lower, lowerAcross: node(top &+ across &+ 1) - lower
                ))
            }
        }
    }
}

/// A lattice square's source coordinates (x, y in two lanes): its top-left and bottom-left corners and the differences
/// to the corners right of them.
private struct SquareCorners {
    let upper: SIMD2<Double>
    let upperAcross: SIMD2<Double>
    let lower: SIMD2<Double>
    let lowerAcross: SIMD2<Double>

    /// Bilinear interpolation at weights `u` across and `v` down the square.
    @inline(__always)
    func interpolated(across u: Double, down v: Double) -> SIMD2<Double> {
        let high = upper + upperAcross * u, low = lower + lowerAcross * u
        return high + (low - high) * v
    }
}
