import Coverage
import Foundation
import Terrain

/// Which residents count as within a candidate's reach in `phusong candidates`.
public enum CandidateReach: String, Sendable, CaseIterable {
    /// Those in the site's footprint out to the reach by the request's model (line of sight by default: the terrain
    /// clear of the line from its antenna to a handset, the link above its technology's threshold).
    case footprint
    /// Those within the reach as the crow flies, whatever the terrain between.
    case distance

    /// The grid cells `site` (at map `position`) reaches within the radius of `parameters`, by their model's footprint
    /// with `corrections` (calibration and clutter) applied.
    func cells(
        of site: Site, at position: MapPoint, on grid: TerrainGrid, parameters: CoverageParameters, corrections: FootprintCorrections
    ) throws(SiteCoverageError) -> [Int] {
        switch self {
        case .footprint:
            let computed = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
            let coverage = corrections.applied(to: computed, at: position, on: grid)
            let threshold = Float(coverage.threshold)
            var cells: [Int] = []
            coverage.forEachReachedCell(gridWidth: grid.width) { power, cell in if power >= threshold { cells.append(cell) } }
            return cells
        case .distance:
            return Self.disc(around: position, on: grid, radius: parameters.radius)
        }
    }

    /// The cells whose centres lie within `radius` of `point`.
    static func disc(around point: MapPoint, on grid: TerrainGrid, radius: Double) -> [Int] {
        let centre = grid.gridPosition(of: point), reach = radius / grid.spacing
        let firstRow = max(0, Int((centre.row - reach).rounded(.up))), lastRow = min(grid.height - 1, Int((centre.row + reach).rounded(.down)))
        let firstColumn = max(0, Int((centre.column - reach).rounded(.up)))
        let lastColumn = min(grid.width - 1, Int((centre.column + reach).rounded(.down)))
        guard firstRow <= lastRow, firstColumn <= lastColumn else { return [] }
        let rows = firstRow...lastRow, columns = firstColumn...lastColumn
        return rows.flatMap { row in
            columns.filter { column in
                let (dx, dy) = (Double(column) - centre.column, Double(row) - centre.row)
                return dx * dx + dy * dy <= reach * reach * (1 + 1e-12)
            }.map { row * grid.width + $0 }
        }
    }
}
