import Foundation
import Propagation
import Terrain

/// The terrain profile between the two ends of a path request.
struct TerrainPath {
    let request: PathRequest
    let grid: TerrainGrid
    let profile: TerrainProfile
    let ends: (MapPoint, MapPoint)
    let fresnel: FresnelClearance
    /// The climate's fading and the terrain's roughness around the path's middle, when the request gave a climate.
    let fading: (model: HopFading, terrainRoughness: Double)?

    /// The shortest path, metres: ends closer stand on one spot, and no path joins them.
    static let shortestM = 1.0

    /// The path of `request`, on a grid cut around its two ends.
    init(_ request: PathRequest) throws(InputError) {
        let source = try DEMSource.open(request.terrainPath)
        if let outside = try source.indicesOutside([request.from, request.to]).first {
            let reason = try source.outsideReason(for: outside == 0 ? request.from : request.to)
            throw InputError(path: request.terrainPath, reason: "the path's \(outside == 0 ? "start" : "end") \(reason)")
        }
        let grid = try source.metricGrid(around: [request.from, request.to], radius: 1_000).grid
        let points: [MapPoint]
        do {
            points = try CoordinateTransform(from: wgs84, to: grid.crs).apply([
                MapPoint(x: request.from.longitude, y: request.from.latitude), MapPoint(x: request.to.longitude, y: request.to.latitude),
            ])
        } catch {
            throw InputError(path: request.terrainPath, reason: error.message)
        }
        let fading = try request.fading.map { climate throws(InputError) in
            let model = try HopFading(climate, source: source, around: [request.from, request.to])
            return (model, try model.terrainRoughness(around: [HopFading.middle(of: (request.from, request.to))])[0])
        }
        let ends = (points[0], points[1])
        try self.init(request, grid: grid, ends: ends, profile: try grid.profile(from: ends.0, to: ends.1), fading: fading)
    }

    /// The path of `request` between `ends` on `grid`, along `profile` (the grid's, from one end to the other);
    /// `fading` as above.
    init(
        _ request: PathRequest, grid: TerrainGrid, ends: (MapPoint, MapPoint), profile: TerrainProfile,
        fading: (model: HopFading, terrainRoughness: Double)? = nil
    ) throws(InputError) {
        self.request = request
        self.grid = grid
        self.ends = ends
        self.fading = fading
        // Each end on the DEM's own ground where its antenna stands, when the grid was cut around it.
        let grounds = (grid.groundAtPoints[request.from].map(Double.init), grid.groundAtPoints[request.to].map(Double.init))
        self.profile = profile.standing(start: grounds.0, end: grounds.1)
        guard profile.length >= Self.shortestM else { throw InputError(path: request.terrainPath, reason: "the path's ends coincide") }
        let link = request.link
        fresnel = FresnelClearance(
            profile: self.profile, transmitterHeight: link.transmitterHeight, receiverHeight: link.receiverHeight,
            frequencyMHz: link.frequencyMHz, earth: link.earth
        )
    }

    /// The link's radio environment for the receiver in its building (`RadioEnvironment.indoors`).
    var modelEnvironment: RadioEnvironment {
        request.link.environment.indoors(request.penetration, frequencyMHz: request.link.frequencyMHz)
    }

    /// The σ (dB) of the receiver's building's loss at the link's frequency and location percentage; nil outdoors.
    var indoorSigmaDB: Double? {
        request.link.environment.indoorSigmaDB(request.penetration, frequencyMHz: request.link.frequencyMHz)
    }

    /// The warnings of a building's loss and the handset's clutter extrapolated to the link's frequency; none within
    /// their ranges.
    private var receiverWarnings: [String] {
        let frequency = request.link.frequencyMHz
        return ((try? request.penetration?.check(frequencyMHz: frequency, allowExtrapolation: true)) ?? [])
            + ((try? request.handset?.clutter.check(frequencyMHz: frequency, allowExtrapolation: true)) ?? [])
    }

    /// How the ray between the two antennas clears the terrain, with earth curvature (`los`, `rma`).
    var clearance: ProfileClearance {
        let link = request.link
        return ProfileClearance(
            profile: profile, transmitterHeight: link.transmitterHeight, receiverHeight: link.receiverHeight, earth: link.earth
        )
    }

    /// Distance between the two antennas in metres.
    var slantDistance: Double {
        let rise = (profile.elevations.last! + request.link.receiverHeight) - (profile.elevations[0] + request.link.transmitterHeight)
        return (profile.length * profile.length + rise * rise).squareRoot()
    }

    /// The straight line's elevation at the receiver, degrees: to the transmitting antenna, less the earth's curvature
    /// as footprints take it (`CellLink`).
    var receiverElevationDegrees: Double {
        let link = request.link, ends = (profile.elevations[0], profile.elevations.last!)
        let rise = ends.0 + link.transmitterHeight - ends.1 - link.receiverHeight - link.earth.drop(atDistance: profile.length)
        return atan2(rise, profile.length) * 180 / .pi
    }

    /// The report of `model`'s median `loss` (ITM's at its variability percentages); other models' loss takes the
    /// location margin (`PathLossModel.locationMarginDB`, with the building's spread), given among the components with
    /// its σ when not 0, and the loss into the building the receiver stands in (warned of when extrapolated to the
    /// link's frequency: `PathJob.run` refused it unless allowed), taken at `arrivalElevation` degrees where the model
    /// found where the path reaches the receiver (`ModelLoss.arrivalElevationDegrees`), else along the straight line.
    func report(
        model: String, loss: Double?, components: [String: Double], mode: String?, warnings: [String], arrivalElevation: Double? = nil
    ) -> PathReport {
        let link = request.link, kind = PathLossModel(rawValue: model)!, indoorSigma = indoorSigmaDB
        let margin = kind.locationMarginDB(frequencyMHz: link.frequencyMHz, environment: link.environment, indoorSigmaDB: indoorSigma)
        var components = components
        let elevation = arrivalElevation ?? receiverElevationDegrees, building = request.buildingLossDB(elevationDegrees: elevation)
        let calibration = request.correction?.decibels(atDistance: profile.length)
        let clutter = request.handsetClutterLossDB
        let loss = loss.map { $0 + margin + building + (clutter ?? 0) - (calibration ?? 0) }
        if let calibration { components["calibration_db"] = calibration }
        if let clutter {
            components["handset_clutter_loss_db"] = clutter
            components["model_receiver_height_m"] = link.receiverHeight
        }
        if building != 0 { components["indoor_loss_db"] = building }
        if request.penetration?.walls.growsWithElevation == true {
            components["receiver_elevation_deg"] = elevation
        }
        if margin != 0, let sigma = kind.locationSigmaDB(frequencyMHz: link.frequencyMHz, environment: link.environment) {
            components["location_margin_db"] = margin
            components["location_sigma_db"] = LocationVariability.joined(sigma, indoorSigma)
        }
        let ground = (profile.elevations[0], profile.elevations.last!)
        let gas = request.atmosphere.absorption(
            frequencyMHz: link.frequencyMHz, altitude: (ground.0 + link.transmitterHeight + ground.1 + link.receiverHeight) / 2,
            lengthM: slantDistance
        )
        let budget = request.budget.map { LinkBudgetReport($0, lossDB: loss, gaseousAbsorptionDB: gas.db) }
        let availability = fading.flatMap { fading in
            budget?.marginDB.map { margin in
                fading.model.availability(
                    margin: margin, ends: (request.from, request.to),
                    altitudes: (ground.0 + link.transmitterHeight, ground.1 + link.receiverHeight), lengthM: profile.length,
                    link: link, terrainRoughness: fading.terrainRoughness
                )
            }
        }
        return PathReport(
            model: model, frequencyMHz: request.link.frequencyMHz, lossDB: loss, components: components,
            mode: mode, warnings: warnings + receiverWarnings,
            from: PathReport.Endpoint(
                latitude: request.from.latitude, longitude: request.from.longitude,
                groundM: profile.elevations[0], antennaM: request.link.transmitterHeight
            ),
            to: PathReport.Endpoint(
                latitude: request.to.latitude, longitude: request.to.longitude,
                groundM: profile.elevations.last!, antennaM: request.handset?.heightM ?? request.link.receiverHeight
            ),
            profile: PathReport.ProfileSummary(
                terrain: request.terrainPath, crs: grid.crs, lengthM: profile.length, stepM: profile.step,
                points: profile.elevations.count, minimumM: profile.elevations.min()!, maximumM: profile.elevations.max()!,
                syntheticTerrain: grid.isSynthetic
            ),
            fresnel: FresnelReport(fresnel, kFactor: link.earth.kFactor), gaseousAbsorption: gas,
            linkBudget: budget, availability: availability
        )
    }
}
