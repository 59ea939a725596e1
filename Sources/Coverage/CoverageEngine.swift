import Foundation
import Propagation
import Terrain

/// A site whose coverage cannot be computed: off the terrain, on a void, or outside the model's range.
public struct SiteCoverageError: Error, Sendable, Equatable {
    public let siteID: String
    public let reason: String

    public init(siteID: String, reason: String) {
        self.siteID = siteID
        self.reason = reason
    }
}

/// Computes received power around sites with the chosen path-loss model. Terrain models run on radial
/// sweeps (`RadialSweep`) unless the exact kernel is asked for, which reads the profile from the site to
/// each cell centre, or the radius is too short for a sweep to meet its accuracy contract
/// (`CoverageParameters.kernelUsed(spacing:)`: under 150 cells for ITM), where the exact kernel runs too; ITM's
/// sweeps leave the cells near the site (`RadialLossModel.exactCoreCells(for:)`) to the exact kernel. The `los`
/// model uses the exact grid line of sight (R3), passing over the crossings that the site's sector horizons or
/// tile maxima show to lie below the ray unless the exact kernel is asked for (same answer, more reads).
public enum CoverageEngine {
    /// Map positions of `sites` in the grid's CRS, in one PROJ batch.
    public static func positions(of sites: [Site], on grid: TerrainGrid) throws(ProjectionError) -> [MapPoint] {
        let geographic = sites.map { MapPoint(x: $0.location.longitude, y: $0.location.latitude) }
        return try CoordinateTransform(from: wgs84, to: grid.crs).apply(geographic)
    }

    /// Received power of `site` (at map `position`) over the grid cells within the radius:
    /// EIRP + antenna pattern − model loss + receiver gain − margins; NaN where the model gives no loss (obstructed under `los`,
    /// void terrain on the path).
    public static func coverage(
        of site: Site, at position: MapPoint, on grid: TerrainGrid, parameters: CoverageParameters
    ) throws(SiteCoverageError) -> SiteCoverage {
        let place = grid.gridPosition(of: position)
        guard let ground = grid.siteGround(at: site.location, position: position) else {
            let reason = place.column < -0.5 || place.row < -0.5 || place.column > Double(grid.width) - 0.5
                || place.row > Double(grid.height) - 0.5
                ? "lies outside the terrain" : "stands on a terrain void"
            throw SiteCoverageError(siteID: site.id, reason: reason)
        }
        var warnings: [String]
        do {
            warnings = try parameters.model.validate(
                frequencyMHz: site.frequencyMHz, transmitterHeight: site.antennaHeight,
                receiverHeight: parameters.modelReceiverHeight, radius: parameters.radius, environment: parameters.environment
            )
            if let building = parameters.receiver.penetration {
                warnings += try building.check(frequencyMHz: site.frequencyMHz, allowExtrapolation: parameters.environment.allowExtrapolation)
            }
            if let clutter = parameters.receiver.handsetClutter {
                warnings += try clutter.check(frequencyMHz: site.frequencyMHz, allowExtrapolation: parameters.environment.allowExtrapolation)
            }
        } catch {
            throw SiteCoverageError(siteID: site.id, reason: "cannot use \(error.message)")
        }
        let reach = parameters.radius / grid.spacing
        let withoutTerrain = DiscTerrain.shareWithout(around: place, reach: reach, grid: grid)
        if let warning = DiscTerrain.warning(share: withoutTerrain, radius: parameters.radius) { warnings.append(warning) }
        let firstColumn = max(0, Int((place.column - reach).rounded(.up)))
        let lastColumn = min(grid.width - 1, Int((place.column + reach).rounded(.down)))
        let firstRow = max(0, Int((place.row - reach).rounded(.up)))
        let lastRow = min(grid.height - 1, Int((place.row + reach).rounded(.down)))
        let width = lastColumn - firstColumn + 1, height = lastRow - firstRow + 1
        let observer = GridObserver(column: place.column, row: place.row, height: Double(ground) + site.antennaHeight)
        let window = CoverageWindow(column: firstColumn, row: firstRow, width: width, height: height)
        let power: [Float], beyondValidation: Int
        let radial: RadialLossModel?
        let kernel = parameters.kernelUsed(spacing: grid.spacing)
        do {
            radial = kernel == .sweep
                ? try RadialLossModel(
                    model: parameters.model, transmitterHeight: site.antennaHeight,
                    receiverHeight: parameters.modelReceiverHeight, frequencyMHz: site.frequencyMHz,
                    environment: parameters.modelEnvironment(for: site), earth: parameters.earth, siteGround: Double(ground)
                ) : nil
        } catch {
            throw SiteCoverageError(siteID: site.id, reason: "cannot use \(error.message)")
        }
        if let radial {
            // The sweep leaves the cells near the site to exact profiles, which cost little there.
            let core = RadialLossModel.exactCoreCells(for: parameters.model) * grid.spacing
            var (swept, sweptBeyond) = RadialSweep(
                site: site, observer: observer, ground: Double(ground), window: window, grid: grid,
                parameters: parameters, model: radial, exactWithin: core
            ).power()
            if core > 0 {
                sweptBeyond += fillExactCore(
                    &swept, within: core, window: window, place: place, site: site, position: position,
                    observer: observer, grid: grid, parameters: parameters
                )
            }
            (power, beyondValidation) = (swept, sweptBeyond)
        } else {
            let shortcuts = parameters.model.judgesLineOfSight && kernel == .sweep
                ? grid.elevations.withUnsafeBufferPointer { elevations in
                    (
                        tiles: ElevationTiles(
                            elevations: elevations, gridWidth: grid.width, column: firstColumn, row: firstRow,
                            width: width, height: height
                        ),
                        horizons: SectorHorizons(
                            elevations: elevations, gridWidth: grid.width, column: firstColumn, row: firstRow,
                            width: width, height: height, observer: observer, spacing: grid.spacing,
                            curvature: parameters.earth.curvature, radius: parameters.radius
                        )
                    )
                } : nil
            (power, beyondValidation) = countingRows(height, width: width) { offset, row in
                powerRow(
                    row: firstRow + offset, columns: firstColumn...lastColumn, into: row, site: site, position: position,
                    observer: observer, grid: grid, parameters: parameters, tiles: shortcuts?.tiles,
                    horizons: shortcuts?.horizons
                )
            }
        }
        if let warning = validationWarning(beyond: beyondValidation, reached: power.lazy.filter { !$0.isNaN }.count) {
            warnings.append(warning)
        }
        return SiteCoverage(
            site: site, threshold: parameters.threshold(for: site),
            column: firstColumn, row: firstRow, width: width, height: height, power: power, warnings: warnings
        )
    }

    /// The warning for a footprint whose model ran beyond its validated range on `beyond` of the `reached` cells:
    /// nil under 1 %.
    static func validationWarning(beyond: Int, reached: Int) -> String? {
        guard reached > 0, beyond * 100 >= reached else { return nil }
        return String(
            format: "ITM beyond its validated range on %.1f %% of the cells reached (%d): a horizon angle beyond ±200 mrad (11.5°) at the site or the handset, where NTIA's reference warns that its losses are extrapolated",
            100 * Double(beyond) / Double(reached), beyond
        )
    }

    /// `rows` window rows filled in parallel by `fill`, which returns the cells of its row where the model ran beyond
    /// its validated range; the rows' powers and the sum of those counts.
    private static func countingRows(
        _ rows: Int, width: Int, _ fill: @Sendable (_ row: Int, _ power: UnsafeMutableBufferPointer<Float>) -> Int
    ) -> (power: [Float], beyondValidation: Int) {
        var counts = [Int](repeating: 0, count: rows)
        let power = counts.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer: buffer)
            return parallelRows(rows, width: width, rowsPerChunk: 1) { offset, row in shared.buffer[offset] = fill(offset, row) }
        }
        return (power, counts.reduce(0, +))
    }

    /// Fills the cells of `window` (row-major `power`) nearer than `core` metres to the site at grid position
    /// `place`, which a sweep left NaN, from exact profiles; returns how many of them were beyond the model's
    /// validated range.
    private static func fillExactCore(
        _ power: inout [Float], within core: Double, window: CoverageWindow, place: (column: Double, row: Double),
        site: Site, position: MapPoint, observer: GridObserver, grid: TerrainGrid, parameters: CoverageParameters
    ) -> Int {
        let reach = core / grid.spacing
        let columns = max(window.column, Int((place.column - reach).rounded(.up)))
            ... min(window.column + window.width - 1, Int((place.column + reach).rounded(.down)))
        let rows = max(window.row, Int((place.row - reach).rounded(.up)))
            ... min(window.row + window.height - 1, Int((place.row + reach).rounded(.down)))
        let (exactRows, beyondValidation) = countingRows(rows.count, width: columns.count) { offset, row in
            powerRow(
                row: rows.lowerBound + offset, columns: columns, into: row, site: site, position: position,
                observer: observer, grid: grid, parameters: parameters, nearerThan: core
            )
        }
        for (offset, row) in rows.enumerated() {
            let rowStart = (row - window.row) * window.width - window.column
            let values = exactRows[(offset * columns.count)...].prefix(columns.count)
            for (column, value) in zip(columns, values) where !value.isNaN { power[rowStart + column] = value }
        }
        return beyondValidation
    }

    /// One window row cell by cell, written to `power` (one element per column): exact line of sight, or the model
    /// over the profile to each cell centre; NaN from `nearerThan` metres of the site on, when given. Returns the
    /// number of cells where the model ran beyond its validated range.
    private static func powerRow(
        row: Int, columns: ClosedRange<Int>, into power: UnsafeMutableBufferPointer<Float>, site: Site, position: MapPoint,
        observer: GridObserver, grid: TerrainGrid, parameters: CoverageParameters, tiles: ElevationTiles? = nil,
        horizons: SectorHorizons? = nil, nearerThan limit: Double = .infinity
    ) -> Int {
        var beyondValidation = 0
        let sight = LineOfSight(earth: parameters.earth)
        let radiusSquared = parameters.radius * parameters.radius
        let budget = LinkBudget(site: site, parameters: parameters)
        let environment = parameters.modelEnvironment(for: site)
        let distanceOnly = DistanceLoss(
            model: parameters.model, transmitterHeight: site.antennaHeight, receiverHeight: parameters.modelReceiverHeight,
            frequencyMHz: site.frequencyMHz, environment: environment
        )
        let scenario = parameters.model.scenario(
            transmitterHeight: site.antennaHeight, receiverHeight: parameters.modelReceiverHeight, frequencyMHz: site.frequencyMHz,
            environment: environment,
            indoorSigmaDB: environment.indoorSigmaDB(parameters.receiver.penetration, frequencyMHz: site.frequencyMHz)
        )
        let receiverHeight = parameters.modelReceiverHeight
        grid.elevations.withUnsafeBufferPointer { elevations in
            // The hint is passed in rather than captured: a variable a nested function captures and passes inout is
            // checked for exclusive access at run time, once per cell (5 % of a 30 m line-of-sight run).
            func cellPower(_ column: Int, blockerHint: inout Double, beyondValidation: inout Int) -> Float {
                let ground = elevations[row &* grid.width &+ column]
                guard !ground.isNaN else { return .nan }
                let target = Double(ground) + receiverHeight
                let link = CellLink(
                    column: column, row: row, observer: observer, targetHeight: target, spacing: grid.spacing,
                    earth: parameters.earth
                )
                guard link.distance * link.distance <= radiusSquared, link.distance < limit else { return .nan }
                let loss: Double
                var arrival: Double?
                if let distanceOnly {
                    loss = distanceOnly.loss(horizontalDistance: link.distance, slantDistance: link.slant)
                } else {
                    switch parameters.model {
                    case .los, .rma, .uma, .umi:
                        if tiles == nil { blockerHint = .nan }
                        let seen = sight.visibility(
                            elevations: elevations, width: grid.width, height: grid.height, spacing: grid.spacing,
                            observer: observer, column: column, row: row, targetHeight: target, tiles: tiles,
                            horizons: horizons, blockerHint: &blockerHint
                        ) == .visible
                        if let scenario {
                            loss = scenario.loss(horizontalDistance: link.distance, slantDistance: link.slant, lineOfSight: seen)
                        } else {
                            guard seen else { return .nan }
                            loss = freeSpaceLoss(distance: link.slant, frequencyMHz: site.frequencyMHz)
                        }
                    case _ where link.distance < grid.spacing:
                        // Within one cell of the site there is no profile to speak of: free space.
                        loss = freeSpaceLoss(distance: link.slant, frequencyMHz: site.frequencyMHz)
                    default:  // the terrain models
                        // The profile starts on the ground the site's antenna stands on, as the observer does.
                        guard let profile = try? grid.profile(from: position, to: grid.center(column: column, row: row))
                            .standing(start: observer.height - site.antennaHeight)
                        else { return .nan }
                        let geometry = LinkGeometry(
                            profile: profile, transmitterHeight: site.antennaHeight, receiverHeight: parameters.modelReceiverHeight,
                            frequencyMHz: site.frequencyMHz, horizontalDistance: link.distance, slantDistance: link.slant
                        )
                        guard let modelLoss = try? parameters.model.loss(geometry, environment: environment, earth: parameters.earth)
                        else { return .nan }
                        if modelLoss.beyondValidation { beyondValidation &+= 1 }
                        (loss, arrival) = (modelLoss.dB, modelLoss.arrivalElevationDegrees)
                    }
                }
                return budget.receivedPower(loss: loss, over: link, arrivalElevation: arrival)
            }
            // Neighbouring cells of a row are mostly hidden by the same ridge: the fast kernel's line of sight looks
            // there first (the exact kernel reads every crossing).
            var blockerHint = Double.nan
            for (index, column) in columns.enumerated() {
                power[index] = cellPower(column, blockerHint: &blockerHint, beyondValidation: &beyondValidation)
            }
        }
        return beyondValidation
    }
}
