/// Elevations (metres) of a north-up raster in its own CRS, row 0 at the top; NaN marks a void.
public struct ElevationRaster: Sendable {
    public let frame: RasterFrame
    public var values: [Float]

    public init(frame: RasterFrame, values: [Float]) {
        precondition(values.count == frame.width * frame.height, "raster needs width × height values")
        self.frame = frame
        self.values = values
    }

    public var width: Int { frame.width }
    public var height: Int { frame.height }

    public subscript(column: Int, row: Int) -> Float {
        values[row &* frame.width &+ column]
    }

    /// The heights of a grid of `rows` rows whose cell centres lie at `sources` in this raster's CRS: bilinear between
    /// pixel centres, NaN off the raster or next to a void. Rows run in parallel.
    func heights(at sources: SourceCoordinates, rows: Int) -> [Float] {
        let width = sources.width
        return parallelRows(rows, width: width) { row, heights in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * width) { coordinates in
                let xs = coordinates.baseAddress!, ys = xs + width
                sources.row(row, xs: xs, ys: ys)
                values.withUnsafeBufferPointer { values in
                    for column in 0..<width {
                        heights[column] = bilinear(
                            values, width: frame.width, height: frame.height,
                            column: (xs[column] - frame.cornerX) / frame.pixelWidth - 0.5,
                            row: (frame.cornerY - ys[column]) / frame.pixelHeight - 0.5
                        ) ?? .nan
                    }
                }
            }
        }
    }
}

/// Bilinear interpolation of a row-major grid at fractional pixel-centre coordinates.
/// Points up to half a pixel beyond the outer centres take the edge value; a void neighbour of non-zero weight
/// gives nil.
@inlinable
public func bilinear(_ values: [Float], width: Int, height: Int, column: Double, row: Double) -> Float? {
    values.withUnsafeBufferPointer { bilinear($0, width: width, height: height, column: column, row: row) }
}

/// `bilinear` over a buffer, for hot loops that hold one (no array bounds or uniqueness checks in release builds).
@inlinable @inline(__always)
public func bilinear(_ values: UnsafeBufferPointer<Float>, width: Int, height: Int, column: Double, row: Double) -> Float? {
    guard column >= -0.5, row >= -0.5, column <= Double(width) - 0.5, row <= Double(height) - 0.5 else {
        return nil
    }
    return bilinear(
        within: values, width: width, height: height, column: min(max(column, 0), Double(width - 1)),
        row: min(max(row, 0), Double(height - 1))
    )
}

/// `bilinear` at a position between the first and the last cell centres (0…width−1, 0…height−1), which needs no
/// bounds check: for hot loops that clamp their positions themselves.
@inlinable @inline(__always)
public func bilinear(within values: UnsafeBufferPointer<Float>, width: Int, height: Int, column: Double, row: Double) -> Float? {
    let (x0, fx) = centreAndFraction(column)
    let (y0, fy) = centreAndFraction(row)
    let x1 = min(x0 &+ 1, width &- 1), y1 = min(y0 &+ 1, height &- 1)
    let v00 = values[y0 &* width &+ x0], v10 = values[y0 &* width &+ x1]
    let v01 = values[y1 &* width &+ x0], v11 = values[y1 &* width &+ x1]
    // A neighbour of weight zero plays no part (a point on a cell centre beside a void keeps its value).
    let top = fx == 0 ? v00 : v00 + (v10 - v00) * fx
    let bottom = fx == 0 ? v01 : v01 + (v11 - v01) * fx
    let value = fy == 0 ? top : top + (bottom - top) * fy
    return value.isNaN ? nil : value
}

/// The cell centre at or before a non-negative position and how far beyond it the position lies, in cells. Within a
/// billionth of a cell of a centre counts as on it: the round-off of projecting a site onto its own cell centre must
/// not give weight to a void neighbour.
@inlinable @inline(__always)
func centreAndFraction(_ position: Double) -> (centre: Int, fraction: Float) {
    let centre = Int(position)
    let fraction = position - Double(centre)  // exact: both lie within a factor of two of each other, or centre is 0
    if fraction < 1e-9 { return (centre, 0) }
    if 1 - fraction < 1e-9 { return (centre &+ 1, 0) }
    return (centre, Float(fraction))
}
