import Coverage
import Foundation
import Propagation

/// A site of the technology whose tilts are tuned, reduced to the cells the search needs: those with weight it reaches —
/// in a search for coverage alone, only those it could cover at some tilt (its power without the pattern, which only
/// takes away, at or above its threshold) — so that a site's window need not be kept.
struct TiltCells: Sendable {
    /// The site as given, its antenna included.
    let site: Site
    let threshold: Float
    /// The cells' grid indices, and the site's power there: as its antenna aims it, or without the pattern where it turns.
    let cells: [Int]
    let power: [Float]
    /// Where a turnable sector's cells lie from its antenna; nil for a site that stays.
    let aims: [TiltAim]?

    /// The cells of positive `weights` (one per grid cell) that `site` (as given, its antenna included) reaches in
    /// `coverage` — its received power as its antenna aims it, or, with `directions` (where the window's cells lie as a
    /// turnable sector's antenna sees them), without the antenna's pattern; `keepWeak` keeps those it cannot cover too,
    /// whose power interferes with another server's.
    init(site: Site, coverage: SiteCoverage, directions: AntennaDirections?, weights: [Double], gridWidth: Int, keepWeak: Bool) {
        let threshold = Float(coverage.threshold)
        var cells: [Int] = [], power: [Float] = [], aims: [TiltAim] = []
        for row in 0..<coverage.height {
            for column in 0..<coverage.width {
                let window = row * coverage.width + column, grid = (coverage.row + row) * gridWidth + coverage.column + column
                let value = coverage.power[window]
                guard !value.isNaN, weights[grid] > 0, keepWeak || value >= threshold else { continue }
                cells.append(grid)
                power.append(value)
                if let directions {
                    aims.append(TiltAim(azimuth: directions.azimuth[window], elevation: directions.elevation[window]))
                }
            }
        }
        self.site = site
        self.threshold = threshold
        self.cells = cells
        self.power = power
        self.aims = directions == nil ? nil : aims
    }
}

/// Where a cell lies as a turnable sector's antenna sees it: degrees clockwise from north and above its horizontal.
struct TiltAim: Sendable {
    let azimuth: Float
    let elevation: Float
}
