import Terrain

/// A terrain grid as the footprint kernel samples it along radials and receiver tails: bilinear heights at
/// fractional cell coordinates, clamped to the grid's edge cells.
public struct GridSampler {
    /// Elevations, row-major, `width` × `height` cells; NaN on voids.
    let elevations: UnsafeBufferPointer<Float>
    let width: Int
    let height: Int
    /// The last but one centres across and down: up to them, a sample needs no clamping.
    private let lastInnerColumn: Double
    private let lastInnerRow: Double

    public init(elevations: UnsafeBufferPointer<Float>, width: Int, height: Int) {
        (self.elevations, self.width, self.height) = (elevations, width, height)
        (lastInnerColumn, lastInnerRow) = (Double(width - 2), Double(height - 2))
    }

    /// The bilinear height at (`column`, `row`), moved onto the grid's edge cells when beyond them; nil on a void.
    @inline(__always)
    func height(column: Double, row: Double) -> Float? {
        guard column >= 0, row >= 0, column <= lastInnerColumn, row <= lastInnerRow else {
            return bilinear(
                within: elevations, width: width, height: height,
                column: min(max(column, 0), Double(width - 1)), row: min(max(row, 0), Double(height - 1))
            )
        }
        let value = bilinear(inside: elevations, width: width, column: column, row: row)
        return value.isNaN ? nil : value
    }
}
