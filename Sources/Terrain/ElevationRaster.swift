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

    /// The height at `point` (in this raster's CRS): bilinear between pixel centres; nil off the raster or next to a void.
    func height(at point: MapPoint) -> Float? {
        bilinear(
            values, width: frame.width, height: frame.height, column: (point.x - frame.cornerX) / frame.pixelWidth - 0.5,
            row: (frame.cornerY - point.y) / frame.pixelHeight - 0.5
        )
    }

    /// The heights of a grid of `rows` rows whose cell centres lie at `sources` in this raster's CRS: bilinear between
    /// pixel centres, NaN off the raster or next to a void. Rows run in parallel.
    func heights(at sources: SourceCoordinates, rows: Int) -> [Float] {
        let width = sources.width
        return parallelRows(rows, width: width) { row, heights in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * width) { coordinates in
                let xs = coordinates.baseAddress!, ys = xs + width
                sources.row(row, xs: xs, ys: ys)
                // Pixel positions, across and down in two lanes: (y − corner) / −height is exactly (corner − y) / height.
                let corner = SIMD2(frame.cornerX, frame.cornerY), pixel = SIMD2(frame.pixelWidth, -frame.pixelHeight)
                values.withUnsafeBufferPointer { values in
                    let (sourceWidth, sourceHeight) = (frame.width, frame.height)
                    for column in 0..<width {
                        let position = (SIMD2(xs[column], ys[column]) - corner) / pixel - 0.5
                        heights[column] = bilinear(
                            values, width: sourceWidth, height: sourceHeight, column: position.x, row: position.y
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
/// Positions up to the last but one centres across and down, most of them, take the way without clamping.
@inlinable @inline(__always)
public func bilinear(_ values: UnsafeBufferPointer<Float>, width: Int, height: Int, column: Double, row: Double) -> Float? {
    if column >= 0, row >= 0, column <= Double(width &- 2), row <= Double(height &- 2) {
        let value = bilinear(inside: values, width: width, column: column, row: row)
        return value.isNaN ? nil : value
    }
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
    let value = blend(top: (v00, v10), bottom: (v01, v11), across: fx, down: fy)
    return value.isNaN ? nil : value
}

/// `bilinear` at a position no further than the last but one centre across and down (0…width−2, 0…height−2), whose
/// neighbours all lie on the grid: no clamping, and NaN (not nil) next to a void of non-zero weight. For the hot loops
/// that sample mostly inside a grid.
@inlinable @inline(__always)
public func bilinear(inside values: UnsafeBufferPointer<Float>, width: Int, column: Double, row: Double) -> Float {
    let (x0, fx) = centreAndFraction(column)
    let (y0, fy) = centreAndFraction(row)
    let top = y0 &* width &+ x0, bottom = top &+ width
    return blend(top: (values[top], values[top &+ 1]), bottom: (values[bottom], values[bottom &+ 1]), across: fx, down: fy)
}

/// Four neighbouring heights weighted `across` and `down` the square between them. A neighbour of weight zero plays
/// no part (a point on a cell centre beside a void keeps its value).
@inlinable @inline(__always)
func blend(top: (Float, Float), bottom: (Float, Float), across: Float, down: Float) -> Float {
    let upper = across == 0 ? top.0 : top.0 + (top.1 - top.0) * across
    let lower = across == 0 ? bottom.0 : bottom.0 + (bottom.1 - bottom.0) * across
    return down == 0 ? upper : upper + (lower - upper) * down
}

/// The cell centre at or before a non-negative position and how far beyond it the position lies, in cells. Within a
/// billionth of a cell of a centre counts as on it: the round-off of projecting a site onto its own cell centre must
/// not give weight to a void neighbour.
@inlinable @inline(__always)
func centreAndFraction(_ position: Double) -> (centre: Int, fraction: Float) {
    let centre = floorInteger(position)
    let fraction = position - Double(centre)  // exact: both lie within a factor of two of each other, or centre is 0
    if fraction < 1e-9 { return (centre, 0) }
    if 1 - fraction < 1e-9 { return (centre &+ 1, 0) }
    return (centre, Float(fraction))
}
