import Foundation
import Propagation
import Terrain

/// Transmitter, receiver and environment of a link.
public struct LinkSettings: Sendable {
    /// Antenna heights above ground, metres.
    public var transmitterHeight: Double
    public var receiverHeight: Double
    public var frequencyMHz: Double
    /// Climate, ground, polarisation, variability and clutter class.
    public var environment: RadioEnvironment
    /// Effective earth radius for the line-of-sight, free-space and P.526 models.
    public var earth: EarthModel

    public init(
        transmitterHeight: Double, receiverHeight: Double, frequencyMHz: Double, environment: RadioEnvironment,
        earth: EarthModel
    ) {
        self.transmitterHeight = transmitterHeight
        self.receiverHeight = receiverHeight
        self.frequencyMHz = frequencyMHz
        self.environment = environment
        self.earth = earth
    }
}

/// One path over a terrain model: `phusong path --terrain … --from … --to …`.
public struct PathRequest: Sendable {
    public var terrainPath: String
    public var from: GeoPoint
    public var to: GeoPoint
    public var link: LinkSettings
    /// The power the link radiates and its receiver needs; nil to report the loss alone.
    public var budget: LinkBudgetSettings?
    /// Where to write the profile with its Fresnel zone (`--profile-csv`), if anywhere.
    public var profileCSV: String?
    /// The climate the hop fades in, for its availability (needs the budget's threshold); nil for none.
    public var fading: FadingClimate?
    /// The air whose gases absorb part of the budget.
    public var atmosphere: HopAtmosphere
    /// A drive-tested correction of the model (`--calibration`, one technology's), added to the received power as it
    /// is to a footprint's: taken off the loss at the path's length; nil for none.
    public var correction: ModelCorrection?
    /// The building the receiver stands in: one loss for every band (dB), or 3GPP's or P.2109's by frequency
    /// (`penetration`, whose spread from building to building joins the location variability); 0 and nil outdoors.
    public var indoorLossDB = 0.0
    public var penetration: BuildingPenetration?
    /// The buildings or trees around the receiver (ITU-R P.2108's terminal correction) and the receiver's own height
    /// below their tops, metres: `link.receiverHeight` is then the clutter's top, where the models take it; nil without.
    public private(set) var handset: (clutter: HandsetClutter, heightM: Double)?

    /// Puts the receiver among `clutter`: the models take it at the clutter's top and the report adds P.2108's loss.
    public mutating func placeReceiver(among clutter: HandsetClutter) {
        handset = (clutter, link.receiverHeight)
        link.receiverHeight = clutter.modelHeight(handsetHeight: link.receiverHeight)
    }

    /// P.2108's loss of the clutter around the receiver at the link's frequency, dB; nil without clutter.
    var handsetClutterLossDB: Double? {
        handset.map { $0.clutter.lossDB(frequencyMHz: link.frequencyMHz, handsetHeight: $0.heightM) }
    }

    /// The building's loss at the link's frequency for a path `elevationDegrees` above or below the horizontal at its
    /// façade (P.2109's grows with it), dB.
    func buildingLossDB(elevationDegrees: Double) -> Double {
        penetration?.lossDB(frequencyMHz: link.frequencyMHz, elevationDegrees: elevationDegrees) ?? indoorLossDB
    }

    public init(
        terrainPath: String, from: GeoPoint, to: GeoPoint, link: LinkSettings, budget: LinkBudgetSettings? = nil,
        profileCSV: String? = nil, fading: FadingClimate? = nil, atmosphere: HopAtmosphere = .reference
    ) {
        self.atmosphere = atmosphere
        self.terrainPath = terrainPath
        self.from = from
        self.to = to
        self.link = link
        self.budget = budget
        self.profileCSV = profileCSV
        self.fading = fading
    }
}

/// The JSON answer of `phusong path` for one path.
public struct PathReport: Sendable, Codable, Equatable {
    public struct Endpoint: Sendable, Codable, Equatable {
        public let latitude: Double
        public let longitude: Double
        public let groundM: Double
        public let antennaM: Double

        enum CodingKeys: String, CodingKey {
            case latitude, longitude
            case groundM = "ground_m"
            case antennaM = "antenna_m"
        }
    }

    public struct ProfileSummary: Sendable, Codable, Equatable {
        public let terrain: String
        public let crs: String
        public let lengthM: Double
        public let stepM: Double
        public let points: Int
        public let minimumM: Double
        public let maximumM: Double
        public let syntheticTerrain: Bool

        enum CodingKeys: String, CodingKey {
            case terrain, crs, points
            case lengthM = "length_m"
            case stepM = "step_m"
            case minimumM = "min_m"
            case maximumM = "max_m"
            case syntheticTerrain = "synthetic_terrain"
        }
    }

    public let model: String
    public let frequencyMHz: Double
    /// Basic transmission loss in dB; nil when the model gives none (an obstructed path under `los`).
    public let lossDB: Double?
    /// The parts the loss is made of, and the model's intermediate values.
    public let components: [String: Double]
    public let mode: String?
    public let warnings: [String]
    public let from: Endpoint
    public let to: Endpoint
    public let profile: ProfileSummary
    /// How far the terrain stays from the ray and its first Fresnel zone.
    public let fresnel: FresnelReport
    /// What the air's oxygen and water vapour absorb between the antennas (the link budget counts it).
    public let gaseousAbsorption: GaseousAbsorption
    /// The received power and its margin, when the request gave a budget.
    public let linkBudget: LinkBudgetReport?
    /// How much of the year the margin holds against rain and multipath fading, when the request gave a climate.
    public let availability: HopAvailability?

    enum CodingKeys: String, CodingKey {
        case model, components, mode, warnings, from, to, profile, fresnel, availability
        case frequencyMHz = "frequency_mhz"
        case lossDB = "loss_db"
        case linkBudget = "link_budget"
        case gaseousAbsorption = "gaseous_absorption"
    }

    public func json() -> String { reportJSON(self) }
}

/// Evaluates single paths over terrain with each model.
public enum PathJob {
    /// `model`'s report of the request's path; writes the profile CSV when asked, before answering.
    public static func run(_ request: PathRequest, model: PathLossModel) throws(InputError) -> PathReport {
        if model == .p526 { try validateP526(request.link) }
        if let building = request.penetration {
            do {
                _ = try building.check(frequencyMHz: request.link.frequencyMHz, allowExtrapolation: request.link.environment.allowExtrapolation)
            } catch {
                throw InputError(path: "--indoor-penetration", reason: error.message)
            }
        }
        if let clutter = request.handset?.clutter {
            do {
                _ = try clutter.check(frequencyMHz: request.link.frequencyMHz, allowExtrapolation: request.link.environment.allowExtrapolation)
            } catch {
                throw InputError(path: "--handset-clutter", reason: error.message)
            }
        }
        try HopFading.check(request.fading, budget: request.budget)
        let path = try TerrainPath(request)
        let report = try report(path, model: model)
        if let file = request.profileCSV { try PathProfileCSV.write(path, to: file) }
        return report
    }

    /// `model`'s report of a path whose profile is cut.
    static func report(_ path: TerrainPath, model: PathLossModel) throws(InputError) -> PathReport {
        switch model {
        case .itm: try itm(path)
        case .itmArea: try itmArea(path)
        case .p526: p526(path)
        case .fspl: freeSpace(path)
        case .los: lineOfSight(path)
        case .hata, .cost231: try empirical(path, model: model)
        case .rma, .uma, .umi: try scenario(path, model: model)
        }
    }

    /// Longley-Rice point to point over the terrain profile, the building's spread joined to its location variability.
    static func itm(_ path: TerrainPath) throws(InputError) -> PathReport {
        let request = path.request
        let result: ITMResult
        do {
            result = try ITM.pointToPoint(
                profile: path.profile, transmitterHeight: request.link.transmitterHeight,
                receiverHeight: request.link.receiverHeight, frequencyMHz: request.link.frequencyMHz,
                environment: path.modelEnvironment.itm
            )
        } catch {
            throw InputError(path: request.terrainPath, reason: "ITM: \(error.message)")
        }
        let g = result.geometry
        let components = [
            "free_space_db": result.freeSpaceLoss, "reference_attenuation_db": result.referenceAttenuation,
            "variability_db": result.loss - result.freeSpaceLoss - result.referenceAttenuation,
            "delta_h_m": g.deltaH, "surface_refractivity_n": result.surfaceRefractivity,
            "horizon_angle_tx_mrad": g.horizonAngles.0 * 1_000, "horizon_angle_rx_mrad": g.horizonAngles.1 * 1_000,
            "horizon_distance_tx_m": g.horizonDistances.0, "horizon_distance_rx_m": g.horizonDistances.1,
            "effective_height_tx_m": g.effectiveHeights.0, "effective_height_rx_m": g.effectiveHeights.1,
        ]
        let mode = switch result.mode {
        case .lineOfSight: "line of sight"
        case .diffraction: "diffraction"
        case .troposcatter: "troposcatter"
        }
        return path.report(
            model: "itm", loss: result.loss, components: components, mode: mode, warnings: describe(result.warnings),
            arrivalElevation: result.modelLoss.arrivalElevationDegrees
        )
    }

    /// Longley-Rice area mode over the path's length, with Δh measured on its profile.
    static func itmArea(_ path: TerrainPath) throws(InputError) -> PathReport {
        let request = path.request
        let link = LinkGeometry(
            profile: path.profile, transmitterHeight: request.link.transmitterHeight,
            receiverHeight: request.link.receiverHeight, frequencyMHz: request.link.frequencyMHz,
            horizontalDistance: path.profile.length, slantDistance: path.slantDistance
        )
        do {
            let loss = try PathLossModel.itmArea.loss(link, environment: path.modelEnvironment, earth: request.link.earth)?.dB
            return path.report(model: "itm-area", loss: loss, components: ["distance_m": path.profile.length], mode: nil, warnings: [])
        } catch {
            throw InputError(path: request.terrainPath, reason: error.message)
        }
    }

    /// ITU-R P.526: free-space loss plus delta-Bullington diffraction over the profile.
    static func p526(_ path: TerrainPath) -> PathReport {
        let link = path.request.link, environment = link.environment.itm
        let result = P526.pathLoss(
            profile: path.profile, heights: (link.transmitterHeight, link.receiverHeight), frequencyMHz: link.frequencyMHz,
            earth: link.earth, polarization: environment.polarization, permittivity: environment.permittivity,
            conductivity: environment.conductivity
        )
        let d = result.diffraction
        let components = [
            "free_space_db": result.freeSpaceLoss, "diffraction_db": d.loss, "bullington_actual_db": d.actualBullington,
            "knife_edge_j_db": d.actualKnifeEdge, "bullington_smooth_db": d.smoothBullington,
            "spherical_earth_db": d.sphericalEarth, "effective_height_tx_m": d.effectiveHeights.0,
            "effective_height_rx_m": d.effectiveHeights.1,
        ]
        return path.report(
            model: "p526", loss: result.loss, components: components, mode: d.loss > 0 ? "diffraction" : "line of sight",
            warnings: [], arrivalElevation: d.arrivalElevationDegrees
        )
    }

    /// Free-space loss over the slant distance between the antennas, whatever the terrain in between.
    static func freeSpace(_ path: TerrainPath) -> PathReport {
        let loss = freeSpaceLoss(distance: path.slantDistance, frequencyMHz: path.request.link.frequencyMHz)
        return path.report(model: "fspl", loss: loss, components: ["free_space_db": loss, "slant_distance_m": path.slantDistance], mode: nil, warnings: [])
    }

    /// Free-space loss when the ray clears the terrain (with earth curvature), no result when it does not.
    static func lineOfSight(_ path: TerrainPath) -> PathReport {
        let request = path.request, clearance = path.clearance
        let freeSpace = freeSpaceLoss(distance: path.slantDistance, frequencyMHz: request.link.frequencyMHz)
        var components = ["free_space_db": freeSpace, "slant_distance_m": path.slantDistance]
        if clearance.minimumClearance.isFinite {
            components["minimum_clearance_m"] = clearance.minimumClearance
            components["critical_distance_m"] = clearance.criticalDistance
        }
        return path.report(
            model: "los", loss: clearance.isVisible ? freeSpace : nil, components: components,
            mode: clearance.isVisible ? "line of sight" : "obstructed", warnings: []
        )
    }

    /// Okumura-Hata or COST-231 Hata over the path's horizontal length; refused outside the model's range
    /// unless extrapolation is allowed.
    static func empirical(_ path: TerrainPath, model: PathLossModel) throws(InputError) -> PathReport {
        precondition(model == .hata || model == .cost231, "empirical models are hata and cost231")
        let request = path.request
        let link = EmpiricalLink(
            frequencyMHz: request.link.frequencyMHz, baseHeight: request.link.transmitterHeight,
            mobileHeight: request.link.receiverHeight, distance: path.profile.length
        )
        let environment = request.link.environment
        do {
            let (loss, warnings) = model == .hata
                ? try Hata.loss(link, environment: environment.hata, allowExtrapolation: environment.allowExtrapolation)
                : try Cost231.loss(link, environment: environment.cost231, allowExtrapolation: environment.allowExtrapolation)
            let clutter = model == .hata ? environment.hata.rawValue : environment.cost231.rawValue
            return path.report(model: model.rawValue, loss: loss, components: ["median_loss_db": loss, "distance_m": link.distance], mode: clutter, warnings: warnings)
        } catch {
            throw InputError(path: "--model \(model.rawValue)", reason: error.message)
        }
    }

    /// A 3GPP TR 38.901 scenario (`rma`, `uma`, `umi`): its line-of-sight formula when the ray clears the terrain (with
    /// earth curvature), its NLOS one when it does not; refused outside that case's range unless extrapolation is allowed.
    static func scenario(_ path: TerrainPath, model kind: PathLossModel) throws(InputError) -> PathReport {
        let link = path.request.link, environment = link.environment
        let seen = path.clearance.isVisible, distance = path.profile.length
        let warnings: [String]
        do {
            warnings = try kind.checkScenario(
                EmpiricalLink(
                    frequencyMHz: link.frequencyMHz, baseHeight: link.transmitterHeight, mobileHeight: link.receiverHeight,
                    distance: distance
                ),
                lineOfSight: seen, environment: environment
            )
        } catch {
            throw InputError(path: "--model \(kind.rawValue)", reason: error.message)
        }
        let indoorSigma = path.indoorSigmaDB
        let model = kind.scenario(
            transmitterHeight: link.transmitterHeight, receiverHeight: link.receiverHeight, frequencyMHz: link.frequencyMHz,
            environment: environment, indoorSigmaDB: indoorSigma
        )!
        let loss = model.loss(horizontalDistance: distance, slantDistance: path.slantDistance, lineOfSight: seen)
        let margin = model.marginDB(horizontalDistance: distance, slantDistance: path.slantDistance, lineOfSight: seen)
        var components = [
            "median_loss_db": loss - margin, "distance_m": distance, "slant_distance_m": path.slantDistance,
            "breakpoint_m": model.breakpoint,
        ]
        if seen, model.sightProbability {
            components["line_of_sight_probability"] = model.lineOfSightProbability(horizontalDistance: distance)
        }
        if margin != 0 {
            components["location_margin_db"] = margin
            if let sigma = model.sigmaDB(horizontalDistance: distance, lineOfSight: seen) {
                components["location_sigma_db"] = LocationVariability.joined(sigma, indoorSigma)
            }
        }
        return path.report(
            model: kind.rawValue, loss: loss, components: components, mode: seen ? "line of sight" : "obstructed", warnings: warnings
        )
    }

    /// Refuses P.526 settings before any terrain is read.
    static func validateP526(_ link: LinkSettings) throws(InputError) {
        do {
            _ = try PathLossModel.p526.validate(
                frequencyMHz: link.frequencyMHz, transmitterHeight: link.transmitterHeight, receiverHeight: link.receiverHeight,
                radius: 0, environment: link.environment
            )
        } catch {
            throw InputError(path: "--model p526", reason: error.message)
        }
    }

    private static func describe(_ warnings: ITMWarnings) -> [String] {
        let names: [(ITMWarnings, String)] = [
            (.terminalHeight, "terminal height outside 1–1000 m"), (.frequency, "frequency outside 40–10000 MHz"),
            (.horizonAngle, "horizon angle above 200 mrad"), (.horizonDistance, "horizon distance implausible for the heights"),
            (.surfaceRefractivity, "surface refractivity below 250 N-units"), (.pathDistance, "path length outside 1–1000 km"),
            (.extremeVariabilities, "extreme variability percentages"),
        ]
        return names.filter { warnings.contains($0.0) }.map(\.1)
    }
}
