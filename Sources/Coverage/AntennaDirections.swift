import Foundation
import Propagation
import Terrain

/// Where each cell of a footprint's window lies as the site's antenna sees it — the azimuth and the elevation of the
/// receiver over the cell, after the earth's curvature, as the footprint kernel finds them — so that a footprint
/// computed without the antenna's pattern can be aimed again (another tilt) without running the model again.
public struct AntennaDirections: Sendable {
    /// Per window cell, row-major: degrees clockwise from north.
    public let azimuth: [Float]
    /// Per window cell, row-major: degrees above the antenna's horizontal.
    public let elevation: [Float]

    /// The directions of `coverage`'s window cells from its site at map `position` on `grid`.
    public init(of coverage: SiteCoverage, at position: MapPoint, on grid: TerrainGrid, parameters: CoverageParameters) {
        let place = grid.gridPosition(of: position)
        let ground = Double(grid.siteGround(at: coverage.site.location, position: position) ?? 0)
        let observer = GridObserver(column: place.column, row: place.row, height: ground + coverage.site.antennaHeight)
        var azimuth = [Float](repeating: .nan, count: coverage.power.count)
        var elevation = azimuth
        let receiverHeight = parameters.modelReceiverHeight
        for row in 0..<coverage.height {
            for column in 0..<coverage.width {
                let cell = row * coverage.width + column
                let cellGround = grid[coverage.column + column, coverage.row + row]
                guard !coverage.power[cell].isNaN, !cellGround.isNaN else { continue }
                let link = CellLink(
                    column: coverage.column + column, row: coverage.row + row, observer: observer,
                    targetHeight: Double(cellGround) + receiverHeight, spacing: grid.spacing, earth: parameters.earth
                )
                azimuth[cell] = Float(link.azimuth)
                elevation[cell] = Float(link.elevation)
            }
        }
        self.azimuth = azimuth
        self.elevation = elevation
    }
}
