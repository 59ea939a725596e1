/// Radio climates of the Longley-Rice model.
public enum RadioClimate: Int, Sendable, CaseIterable, Codable {
    case equatorial = 1
    case continentalSubtropical = 2
    case maritimeSubtropical = 3
    case desert = 4
    case continentalTemperate = 5
    case maritimeTemperateOverLand = 6
    case maritimeTemperateOverSea = 7
}

/// Antenna polarisation.
public enum Polarization: Int, Sendable, Codable {
    case horizontal = 0
    case vertical = 1
}

/// How a terminal was sited (area mode).
public enum SitingCriteria: Int, Sendable, Codable {
    case random = 0
    case careful = 1
    case veryCareful = 2
}

/// Mode of variability (`mdvar`): the base mode 0–3 (single message, accidental, mobile, broadcast),
/// plus 10 to drop location variability and 20 to drop direct situation variability.
public struct VariabilityMode: Sendable, Equatable, Codable {
    public let rawValue: Int

    public init?(rawValue: Int) {
        let base = rawValue % 10
        guard (0...33).contains(rawValue), base <= 3 else { return nil }
        self.rawValue = rawValue
    }

    public static let singleMessage = VariabilityMode(rawValue: 0)!
    public static let accidental = VariabilityMode(rawValue: 1)!
    public static let mobile = VariabilityMode(rawValue: 2)!
    public static let broadcast = VariabilityMode(rawValue: 3)!
}

/// Propagation mode chosen by the model, numbered as in the NTIA reference.
public enum ITMPropagationMode: Int, Sendable, Codable {
    case lineOfSight = 1
    case diffraction = 2
    case troposcatter = 3
}

/// The environment and statistics of an ITM prediction (everything but terrain, terminal heights and frequency).
public struct ITMEnvironment: Sendable, Equatable {
    public var climate: RadioClimate
    /// Surface refractivity at sea level, N-units (250–400).
    public var refractivity: Double
    public var polarization: Polarization
    /// Relative permittivity of the ground.
    public var permittivity: Double
    /// Ground conductivity, S/m.
    public var conductivity: Double
    public var variability: VariabilityMode
    /// Time, location and situation percentages, each strictly between 0 and 100.
    public var time: Double
    public var location: Double
    public var situation: Double
    /// The spread (dB) of building penetration from building to building, 0 outdoors: a variability over locations
    /// the terrain does not see, joined to ITM's own location deviation σL as independent log-normal spreads are,
    /// √(σL² + σ²), wherever the variability mode counts locations.
    public var indoorSigmaDB: Double

    public init(
        climate: RadioClimate = .continentalTemperate, refractivity: Double = 301, polarization: Polarization = .vertical, permittivity: Double = 15, conductivity: Double = 0.005,
        variability: VariabilityMode = .broadcast, time: Double = 50, location: Double = 50, situation: Double = 50, indoorSigmaDB: Double = 0
    ) {
        self.climate = climate
        self.refractivity = refractivity
        self.polarization = polarization
        self.permittivity = permittivity
        self.conductivity = conductivity
        self.variability = variability
        self.time = time
        self.location = location
        self.situation = situation
        self.indoorSigmaDB = indoorSigmaDB
    }
}

/// Inputs the model refuses, with the reason in words.
public struct ITMError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Conditions outside the model's validated range that still give a result (NTIA warning flags).
public struct ITMWarnings: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let terminalHeight = ITMWarnings(rawValue: 1 << 0)
    public static let frequency = ITMWarnings(rawValue: 1 << 1)
    public static let horizonAngle = ITMWarnings(rawValue: 1 << 2)
    public static let horizonDistance = ITMWarnings(rawValue: 1 << 3)
    public static let surfaceRefractivity = ITMWarnings(rawValue: 1 << 4)
    public static let pathDistance = ITMWarnings(rawValue: 1 << 5)
    public static let extremeVariabilities = ITMWarnings(rawValue: 1 << 6)
}

extension ITMEnvironment {
    /// The NTIA input checks shared by point-to-point and area mode: errors throw, the rest become warnings.
    func validate(heights: (Double, Double), frequencyMHz: Double) throws(ITMError) -> ITMWarnings {
        var warnings: ITMWarnings = []
        for (name, height) in [("transmitter", heights.0), ("receiver", heights.1)] {
            guard (0.5...3_000).contains(height) else {
                throw ITMError(message: "\(name) height \(height) m is outside 0.5–3000 m")
            }
            if !(1...1_000).contains(height) { warnings.insert(.terminalHeight) }
        }
        guard (250...400).contains(refractivity) else {
            throw ITMError(message: "refractivity \(refractivity) N-units is outside 250–400")
        }
        guard (20...20_000).contains(frequencyMHz) else {
            throw ITMError(message: "frequency \(frequencyMHz) MHz is outside ITM's 20–20000 MHz")
        }
        if !(40...10_000).contains(frequencyMHz) { warnings.insert(.frequency) }
        try validateGround()
        for (name, percent) in [("situation", situation), ("time", time), ("location", location)] {
            guard percent > 0, percent < 100 else {
                throw ITMError(message: "\(name) percentage \(percent) must be strictly between 0 and 100")
            }
        }
        guard (0...30).contains(indoorSigmaDB) else {
            throw ITMError(message: "building penetration's σ \(indoorSigmaDB) dB is outside 0–30 dB")
        }
        return warnings
    }

    /// The ground's constants, which P.526's smooth-earth diffraction reads too.
    func validateGround() throws(ITMError) {
        guard permittivity >= 1, permittivity.isFinite else {
            throw ITMError(message: "relative permittivity \(permittivity) must be a finite number of at least 1")
        }
        guard conductivity > 0, conductivity.isFinite else {
            throw ITMError(message: "conductivity \(conductivity) S/m must be a positive, finite number")
        }
    }
}
