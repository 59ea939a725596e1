import Terrain

/// A terrain grid as the footprint kernel samples it along radials and receiver tails: bilinear heights at
/// fractional cell coordinates, clamped to the grid's edge cells.
public struct GridSampler {
    /// Elevations, row-major, `width` × `height` cells; NaN on voids.
    let elevations: UnsafeBufferPointer<Float>
    let width: Int
    let height: Int

    public init(elevations: UnsafeBufferPointer<Float>, width: Int, height: Int) {
        (self.elevations, self.width, self.height) = (elevations, width, height)
    }

    /// The bilinear height at (`column`, `row`), moved onto the grid's edge cells when beyond them; nil on a void.
    @inline(__always)
    func height(column: Double, row: Double) -> Float? {
        bilinear(
            within: elevations, width: width, height: height,
            column: min(max(column, 0), Double(width - 1)), row: min(max(row, 0), Double(height - 1))
        )
    }
}
