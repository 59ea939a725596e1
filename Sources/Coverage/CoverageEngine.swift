import Foundation
import Propagation
import Terrain

/// A site that cannot be placed on the terrain grid.
public struct SitePlacementError: Error, Sendable, Equatable {
    public let siteID: String
    public let reason: String

    public init(siteID: String, reason: String) {
        self.siteID = siteID
        self.reason = reason
    }
}

/// Computes received power around sites with free-space loss and exact line of sight over terrain.
public enum CoverageEngine {
    /// Map positions of `sites` in the grid's CRS, in one PROJ batch.
    public static func positions(of sites: [Site], on grid: TerrainGrid) throws(ProjectionError) -> [MapPoint] {
        let geographic = sites.map { MapPoint(x: $0.location.longitude, y: $0.location.latitude) }
        return try CoordinateTransform(from: wgs84, to: grid.crs).apply(geographic)
    }

    /// Received power of `site` (at map `position`) over the grid cells within the radius. A cell gets
    /// EIRP + antenna pattern − free-space loss when its receiver point is in line of sight.
    public static func coverage(
        of site: Site, at position: MapPoint, on grid: TerrainGrid, parameters: CoverageParameters
    ) throws(SitePlacementError) -> SiteCoverage {
        let place = grid.gridPosition(of: position)
        guard let ground = grid.elevation(at: position) else {
            let reason = place.column < -0.5 || place.row < -0.5 || place.column > Double(grid.width) - 0.5
                || place.row > Double(grid.height) - 0.5
                ? "lies outside the terrain" : "stands on a terrain void"
            throw SitePlacementError(siteID: site.id, reason: reason)
        }
        let reach = parameters.radius / grid.spacing
        let firstColumn = max(0, Int((place.column - reach).rounded(.up)))
        let lastColumn = min(grid.width - 1, Int((place.column + reach).rounded(.down)))
        let firstRow = max(0, Int((place.row - reach).rounded(.up)))
        let lastRow = min(grid.height - 1, Int((place.row + reach).rounded(.down)))
        let width = lastColumn - firstColumn + 1, height = lastRow - firstRow + 1
        let observer = GridObserver(column: place.column, row: place.row, height: Double(ground) + site.antennaHeight)
        let rows = parallelMap(count: height, chunkSize: 1) { offset in
            powerRow(
                row: firstRow + offset, columns: firstColumn...lastColumn, site: site, observer: observer,
                grid: grid, parameters: parameters
            )
        }
        return SiteCoverage(
            site: site, threshold: parameters.thresholds[site.technology],
            column: firstColumn, row: firstRow, width: width, height: height, power: Array(rows.joined())
        )
    }

    private static func powerRow(
        row: Int, columns: ClosedRange<Int>, site: Site, observer: GridObserver, grid: TerrainGrid,
        parameters: CoverageParameters
    ) -> [Float] {
        let sight = LineOfSight(earth: parameters.earth)
        let radiusSquared = parameters.radius * parameters.radius
        return grid.elevations.withUnsafeBufferPointer { elevations in
            columns.map { column -> Float in
                let east = (Double(column) - observer.column) * grid.spacing
                let north = (observer.row - Double(row)) * grid.spacing
                let horizontal = east * east + north * north
                let ground = elevations[row &* grid.width &+ column]
                guard horizontal <= radiusSquared, !ground.isNaN else { return .nan }
                let target = Double(ground) + parameters.receiverHeight
                let seen = sight.visibility(
                    elevations: elevations, width: grid.width, height: grid.height, spacing: grid.spacing,
                    observer: observer, column: column, row: row, targetHeight: target
                )
                guard seen == .visible else { return .nan }
                let distance = horizontal.squareRoot()
                let rise = target - parameters.earth.drop(atDistance: distance) - observer.height
                let azimuth = atan2(east, north) * 180 / .pi
                let elevation = atan2(rise, distance) * 180 / .pi
                let slant = (horizontal + rise * rise).squareRoot()
                let gain = site.antenna.relativeGain(azimuth: azimuth, elevation: elevation)
                return Float(site.eirpDBm + gain - freeSpaceLoss(distance: slant, frequencyMHz: site.frequencyMHz))
            }
        }
    }
}
