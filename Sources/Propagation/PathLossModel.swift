import Terrain

/// The path-loss models PhuSong offers, for single paths and whole footprints.
public enum PathLossModel: String, Sendable, CaseIterable, Codable {
    /// Free-space loss where the receiver is in line of sight, nothing elsewhere.
    case los
    /// Free-space loss, terrain ignored.
    case fspl
    /// Longley-Rice point to point over the terrain profile.
    case itm
    /// Longley-Rice area mode, with Δh measured on the path's profile.
    case itmArea = "itm-area"
    /// ITU-R P.526: free space plus delta-Bullington diffraction over the profile.
    case p526
    /// Okumura-Hata.
    case hata
    /// COST-231 Hata.
    case cost231
    /// 3GPP TR 38.901 rural macro-cell: its line-of-sight formula where the terrain leaves the receiver in sight, its
    /// NLOS formula elsewhere.
    case rma
    /// 3GPP TR 38.901 urban macro-cell (25 m masts over the roofs), in sight or not as `rma`.
    case uma
    /// 3GPP TR 38.901 urban micro-cell in a street canyon (10 m masts below the roofs), in sight or not as `rma`.
    case umi

    /// True when the model reads the terrain profile between the antennas.
    public var needsProfile: Bool { isITM || self == .p526 }

    /// Longley-Rice, point to point or area mode.
    public var isITM: Bool { self == .itm || self == .itmArea }

    /// True for 3GPP TR 38.901's scenarios (`rma`, `uma`, `umi`), whose loss depends on whether the receiver is in sight.
    public var isScenario: Bool { self == .rma || urbanKind != nil }

    /// The urban scenario of `uma` and `umi`; nil for the other models.
    var urbanKind: UrbanCell.Kind? { self == .uma ? .macro : self == .umi ? .streetCanyon : nil }

    /// True when the model's loss depends on whether the terrain leaves the receiver in sight (`los` and the 3GPP
    /// scenarios), which a footprint finds by exact grid line of sight.
    public var judgesLineOfSight: Bool { self == .los || isScenario }

    /// The 3GPP scenario prepared for a link's frequency and heights when this is one, else nil. Its losses take its own
    /// shadowing at `environment`'s location percentage, joined to building penetration's `indoorSigmaDB` for a
    /// handset indoors, unless a σ is given (`locationMarginDB` then takes that one's margin).
    public func scenario(
        transmitterHeight: Double, receiverHeight: Double, frequencyMHz: Double, environment: RadioEnvironment,
        indoorSigmaDB: Double? = nil
    ) -> ScenarioModel? {
        let percent = environment.locationSigmaDB == nil ? environment.itm.location : 50
        let table: ScenarioModel.Table
        if let urbanKind {
            table = .urban(UrbanCell(
                urbanKind, frequencyMHz: frequencyMHz, baseHeight: transmitterHeight, mobileHeight: receiverHeight,
                locationPercent: percent, indoorSigmaDB: indoorSigmaDB
            ))
        } else if self == .rma {
            table = .rural(RuralMacro(
                frequencyMHz: frequencyMHz, baseHeight: transmitterHeight, mobileHeight: receiverHeight,
                surroundings: environment.rural, locationPercent: percent, indoorSigmaDB: indoorSigmaDB
            ))
        } else {
            return nil
        }
        return ScenarioModel(table: table, sightProbability: environment.sightProbability, locationPercent: percent)
    }

    /// Throws for a 3GPP scenario's link (in sight or not) outside its range, or returns warnings when extrapolation
    /// is allowed; no check for the other models.
    public func checkScenario(_ link: EmpiricalLink, lineOfSight: Bool, environment: RadioEnvironment) throws(ModelError) -> [String] {
        if let urbanKind { return try UrbanCell.check(link, kind: urbanKind, allowExtrapolation: environment.allowExtrapolation) }
        guard self == .rma else { return [] }
        return try RuralMacro.check(
            link, lineOfSight: lineOfSight, surroundings: environment.rural, allowExtrapolation: environment.allowExtrapolation
        )
    }
}

/// One link to evaluate: the profile (for terrain models), antenna heights, frequency and distances.
public struct LinkGeometry: Sendable {
    public var profile: TerrainProfile?
    public var transmitterHeight: Double
    public var receiverHeight: Double
    public var frequencyMHz: Double
    /// Horizontal and slant distance between the antennas, metres.
    public var horizontalDistance: Double
    public var slantDistance: Double

    public init(
        profile: TerrainProfile?, transmitterHeight: Double, receiverHeight: Double, frequencyMHz: Double,
        horizontalDistance: Double, slantDistance: Double
    ) {
        self.profile = profile
        self.transmitterHeight = transmitterHeight
        self.receiverHeight = receiverHeight
        self.frequencyMHz = frequencyMHz
        self.horizontalDistance = horizontalDistance
        self.slantDistance = slantDistance
    }
}

extension LinkGeometry {
    /// How the ray between the antennas clears the profile's terrain over `earth`; nil without a profile.
    func clearance(earth: EarthModel) -> ProfileClearance? {
        profile.map { ProfileClearance(profile: $0, transmitterHeight: transmitterHeight, receiverHeight: receiverHeight, earth: earth) }
    }
}

/// A model that cannot be used for a link (e.g. outside its validity range), in words.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension PathLossModel {
    /// Checks the settings that do not change from cell to cell (frequency, heights, radius), so that a
    /// footprint is refused up front rather than cell by cell. Returns warnings for allowed extrapolation.
    public func validate(
        frequencyMHz: Double, transmitterHeight: Double, receiverHeight: Double, radius: Double,
        environment: RadioEnvironment
    ) throws(ModelError) -> [String] {
        try validateVariability(environment: environment)
        switch self {
        case .los, .fspl:
            return []
        case .p526:
            do {
                try environment.itm.validateGround()
                return []
            } catch {
                throw ModelError("p526: \(error.message)")
            }
        case .itm, .itmArea:
            do {
                _ = try environment.itm.validate(heights: (transmitterHeight, receiverHeight), frequencyMHz: frequencyMHz)
                return []
            } catch {
                throw ModelError("itm: \(error.message)")
            }
        case .hata, .cost231:
            // Distances under 1 km occur in every footprint; the range check uses the radius.
            let far = EmpiricalLink(
                frequencyMHz: frequencyMHz, baseHeight: transmitterHeight, mobileHeight: receiverHeight,
                distance: max(radius, 1_000)
            )
            let range = self == .hata ? Hata.range : Cost231.range
            return try range.check(far, allowExtrapolation: environment.allowExtrapolation)
        case .rma, .uma, .umi:
            // A footprint's farthest cells may lie out of sight, so its radius is held to the NLOS reach.
            let far = EmpiricalLink(
                frequencyMHz: frequencyMHz, baseHeight: transmitterHeight, mobileHeight: receiverHeight, distance: max(radius, 10)
            )
            return try checkScenario(far, lineOfSight: false, environment: environment)
        }
    }

    /// Basic transmission loss of one link, with the model's settings already checked by `validate`.
    /// `los` returns nil for an obstructed path; empirical models are evaluated wherever they are asked.
    public func loss(_ link: LinkGeometry, environment: RadioEnvironment, earth: EarthModel) throws(ModelError) -> ModelLoss? {
        switch self {
        case .fspl, .hata, .cost231:
            let prepared = DistanceLoss(
                model: self, transmitterHeight: link.transmitterHeight, receiverHeight: link.receiverHeight,
                frequencyMHz: link.frequencyMHz, environment: environment
            )
            return prepared.map { ModelLoss($0.loss(horizontalDistance: link.horizontalDistance, slantDistance: link.slantDistance)) }
        case .los:
            let free = ModelLoss(freeSpaceLoss(distance: link.slantDistance, frequencyMHz: link.frequencyMHz))
            guard let clearance = link.clearance(earth: earth) else { return free }
            return clearance.isVisible ? free : nil
        case .rma, .uma, .umi:
            guard let clearance = link.clearance(earth: earth) else { throw ModelError("\(rawValue) needs a terrain profile") }
            let model = scenario(
                transmitterHeight: link.transmitterHeight, receiverHeight: link.receiverHeight,
                frequencyMHz: link.frequencyMHz, environment: environment
            )!
            return ModelLoss(model.loss(
                horizontalDistance: link.horizontalDistance, slantDistance: link.slantDistance,
                lineOfSight: clearance.isVisible
            ))
        case .itm:
            guard let profile = link.profile else { throw ModelError("itm needs a terrain profile") }
            do {
                return try ITM.pointToPoint(
                    profile: profile, transmitterHeight: link.transmitterHeight, receiverHeight: link.receiverHeight,
                    frequencyMHz: link.frequencyMHz, environment: environment.itm
                ).modelLoss
            } catch {
                throw ModelError("itm: \(error.message)")
            }
        case .itmArea:
            guard let profile = link.profile else { throw ModelError("itm-area needs a terrain profile") }
            var workspace = DeltaHWorkspace()
            let deltaH = ITMProfileTerrain(elevations: profile.elevations, step: profile.step)
                .deltaH(from: 0, to: profile.length, workspace: &workspace)
            do {
                return try ITM.area(
                    distance: link.horizontalDistance, deltaH: deltaH, transmitterHeight: link.transmitterHeight,
                    receiverHeight: link.receiverHeight, siting: environment.siting, frequencyMHz: link.frequencyMHz,
                    environment: environment.itm
                ).modelLoss
            } catch {
                throw ModelError("itm-area: \(error.message)")
            }
        case .p526:
            guard let profile = link.profile else { throw ModelError("p526 needs a terrain profile") }
            let result = P526.pathLoss(
                profile: profile, heights: (link.transmitterHeight, link.receiverHeight), frequencyMHz: link.frequencyMHz,
                earth: earth, polarization: environment.itm.polarization, permittivity: environment.itm.permittivity,
                conductivity: environment.itm.conductivity
            )
            return ModelLoss(result.loss, arrivalElevationDegrees: result.diffraction.arrivalElevationDegrees)
        }
    }
}
