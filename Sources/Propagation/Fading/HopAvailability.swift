import Foundation

/// The local climate's part in a microwave hop's fading: the rain rate exceeded for 0.01 % of the year (mm/h,
/// 1-minute integration; ITU-R P.837) and dN₁, the point refractivity gradient in the lowest 65 m not exceeded for
/// 1 % of the year (N-units/km; ITU-R P.453).
public struct FadingClimate: Sendable, Equatable {
    public var rainRate001: Double
    public var refractivityGradient: Double

    public init(rainRate001: Double, refractivityGradient: Double) {
        self.rainRate001 = rainRate001
        self.refractivityGradient = refractivityGradient
    }
}

/// The hop itself, as fading sees it.
public struct FadingHop: Sendable {
    public var lengthKm: Double
    public var frequencyGHz: Double
    public var polarization: Polarization
    /// The two antennas' altitudes, metres above sea level.
    public var altitudes: (Double, Double)
    /// Latitude of the hop's middle, degrees.
    public var latitude: Double
    /// Standard deviation of terrain heights in a 110 km square around the hop's middle, metres.
    public var terrainRoughness: Double

    public init(
        lengthKm: Double, frequencyGHz: Double, polarization: Polarization, altitudes: (Double, Double), latitude: Double,
        terrainRoughness: Double
    ) {
        self.lengthKm = lengthKm
        self.frequencyGHz = frequencyGHz
        self.polarization = polarization
        self.altitudes = altitudes
        self.latitude = latitude
        self.terrainRoughness = terrainRoughness
    }
}

/// How much of an average year a hop's fade margin holds against rain (ITU-R P.530-17 §2.4.1, P.838-3) and clear-air
/// multipath (§2.3.2, §2.3.4); the two outages add up, as P.530 adds them.
public struct HopAvailability: Sendable, Codable, Equatable {
    public let fadeMarginDB: Double
    public let terrainRoughnessM: Double
    /// Rain attenuation exceeded for 0.01 % of the year, dB.
    public let rainFade001DB: Double
    /// Percentages of the year the rain fade and the multipath fade exceed the margin; nil when the margin is negative.
    public let rainOutagePercent: Double?
    public let multipathOutagePercent: Double?
    /// 100 − both outages; 0 when the hop does not close in clear air.
    public let availabilityPercent: Double

    public init(margin: Double, hop: FadingHop, climate: FadingClimate) {
        fadeMarginDB = margin
        terrainRoughnessM = hop.terrainRoughness
        let inclination = atan(abs(hop.altitudes.1 - hop.altitudes.0) / (hop.lengthKm * 1_000))
        let rain = RainFade(
            lengthKm: hop.lengthKm, frequencyGHz: hop.frequencyGHz, rainRate001: climate.rainRate001,
            coefficients: RainSpecificAttenuation(frequencyGHz: hop.frequencyGHz, polarization: hop.polarization, inclination: inclination)
        )
        rainFade001DB = rain.attenuation001
        guard margin >= 0 else {
            (rainOutagePercent, multipathOutagePercent, availabilityPercent) = (nil, nil, 0)
            return
        }
        let multipath = MultipathFading(
            lengthKm: hop.lengthKm, frequencyGHz: hop.frequencyGHz, altitudes: hop.altitudes,
            refractivityGradient: climate.refractivityGradient, terrainRoughness: hop.terrainRoughness, latitude: hop.latitude
        )
        let rainOutage = rain.percentExceeding(margin), multipathOutage = min(multipath.annualPercent(exceeding: margin), 100)
        rainOutagePercent = rainOutage
        multipathOutagePercent = multipathOutage
        availabilityPercent = max(0, 100 - rainOutage - multipathOutage)
    }

    enum CodingKeys: String, CodingKey {
        case fadeMarginDB = "fade_margin_db"
        case terrainRoughnessM = "terrain_roughness_m"
        case rainFade001DB = "rain_fade_0_01_percent_db"
        case rainOutagePercent = "rain_outage_percent"
        case multipathOutagePercent = "multipath_outage_percent"
        case availabilityPercent = "availability_percent"
    }
}
