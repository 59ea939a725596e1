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

    /// Bilinear elevation at `point` (raster CRS) between pixel centres; nil off the raster or next to a void.
    public func interpolatedElevation(at point: MapPoint) -> Float? {
        let column = (point.x - frame.cornerX) / frame.pixelWidth - 0.5
        let row = (frame.cornerY - point.y) / frame.pixelHeight - 0.5
        return bilinear(values, width: frame.width, height: frame.height, column: column, row: row)
    }
}

/// Bilinear interpolation of a row-major grid at fractional pixel-centre coordinates.
/// Points up to half a pixel beyond the outer centres take the edge value; a void neighbour of non-zero weight
/// gives nil.
@inlinable
public func bilinear(_ values: [Float], width: Int, height: Int, column: Double, row: Double) -> Float? {
    guard column >= -0.5, row >= -0.5, column <= Double(width) - 0.5, row <= Double(height) - 0.5 else {
        return nil
    }
    // Within a billionth of a pixel of a centre counts as on it: the round-off of projecting a site onto its own
    // cell centre must not give weight to a void neighbour.
    let x = snappedToCentre(min(max(column, 0), Double(width - 1)))
    let y = snappedToCentre(min(max(row, 0), Double(height - 1)))
    let x0 = min(Int(x), width - 1), y0 = min(Int(y), height - 1)
    let x1 = min(x0 + 1, width - 1), y1 = min(y0 + 1, height - 1)
    let fx = Float(x - Double(x0)), fy = Float(y - Double(y0))
    let v00 = values[y0 &* width &+ x0], v10 = values[y0 &* width &+ x1]
    let v01 = values[y1 &* width &+ x0], v11 = values[y1 &* width &+ x1]
    // A neighbour of weight zero plays no part (a point on a cell centre beside a void keeps its value).
    let top = fx == 0 ? v00 : v00 + (v10 - v00) * fx
    let bottom = fx == 0 ? v01 : v01 + (v11 - v01) * fx
    let value = fy == 0 ? top : top + (bottom - top) * fy
    return value.isNaN ? nil : value
}

/// A non-negative position on its nearest cell centre when within a billionth of it (truncating position + ½
/// rounds without a libm call; a tie is half a cell from both centres, far from either).
@usableFromInline @inline(__always)
func snappedToCentre(_ position: Double) -> Double {
    let nearest = Double(Int(position + 0.5))
    return abs(position - nearest) < 1e-9 ? nearest : position
}
