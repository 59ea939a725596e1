import Terrain

/// One site's received power over a window of the terrain grid.
public struct SiteCoverage: Sendable {
    public let site: Site
    /// Received power (dBm) that counts as covered for this site's technology.
    public let threshold: Double
    /// The window's first column and row in the terrain grid, and its size.
    public let column: Int
    public let row: Int
    public let width: Int
    public let height: Int
    /// Received power in dBm per window cell; NaN where the cell is beyond the radius, out of line of
    /// sight, or its visibility is unknown (void terrain).
    public let power: [Float]
    /// Model warnings for this site (e.g. an empirical model extrapolated outside its range).
    public let warnings: [String]

    public init(
        site: Site, threshold: Double, column: Int, row: Int, width: Int, height: Int, power: [Float], warnings: [String]
    ) {
        self.site = site
        self.threshold = threshold
        self.column = column
        self.row = row
        self.width = width
        self.height = height
        self.power = power
        self.warnings = warnings
    }

    /// The same site and window with `power` instead (one value per window cell): a correction's or a loss's result.
    public func withPower(_ power: [Float]) -> SiteCoverage {
        SiteCoverage(site: site, threshold: threshold, column: column, row: row, width: width, height: height, power: power, warnings: warnings)
    }

    /// Covered cells of the window (power at or above the threshold), row-major.
    public var coveredMask: [Bool] {
        let limit = Float(threshold)
        return power.map { $0 >= limit }
    }

    public var coveredCellCount: Int {
        let limit = Float(threshold)
        return power.reduce(0) { $0 + ($1 >= limit ? 1 : 0) }
    }

    /// Calls `body` with the power of every window cell the site reaches (not NaN) and that cell's row-major index on
    /// the grid `gridWidth` cells wide, row by row.
    @inlinable
    public func forEachReachedCell(gridWidth: Int, _ body: (_ power: Float, _ gridIndex: Int) -> Void) {
        for windowRow in 0..<height {
            let windowStart = windowRow * width, gridStart = (row + windowRow) * gridWidth + column
            for windowColumn in 0..<width {
                let value = power[windowStart + windowColumn]
                if !value.isNaN { body(value, gridStart + windowColumn) }
            }
        }
    }
}
