import Foundation
import Terrain

/// How much of a site's coverage disc has no terrain. The grid is clipped to the DEM and voids too large to fill stay
/// void, so a site near the DEM's edge covers at most part of its disc, and its area says nothing of the rest.
enum DiscTerrain {
    /// Below this share of the disc without terrain a site gets no warning.
    static let warningShare = 0.01

    /// The share of the cells whose centres lie within `reach` cells of grid position `place` that are outside the grid
    /// or void.
    static func shareWithout(around place: (column: Double, row: Double), reach: Double, grid: TerrainGrid) -> Double {
        var cells = 0, without = 0
        grid.elevations.withUnsafeBufferPointer { elevations in
            for row in Int((place.row - reach).rounded(.up))...Int((place.row + reach).rounded(.down)) {
                let dy = Double(row) - place.row
                let half = max(0, reach * reach - dy * dy).squareRoot()
                let first = Int((place.column - half).rounded(.up)), end = Int((place.column + half).rounded(.down)) + 1
                guard end > first else { continue }
                cells += end - first
                guard row >= 0, row < grid.height else {
                    without += end - first
                    continue
                }
                let firstInside = max(first, 0), endInside = min(end, grid.width)
                without += (end - first) - max(0, endInside - firstInside)
                for column in firstInside..<max(firstInside, endInside) where elevations[row &* grid.width &+ column].isNaN {
                    without += 1
                }
            }
        }
        return cells == 0 ? 0 : Double(without) / Double(cells)
    }

    /// The site's warning when more than `warningShare` of its disc of `radius` metres has no terrain.
    static func warning(share: Double, radius: Double) -> String? {
        guard share >= warningShare else { return nil }
        return String(
            format: "%.1f %% of the area within %.1f km has no terrain (beyond the DEM or void): the site covers nothing there",
            share * 100, radius / 1_000
        )
    }
}
