import Foundation
import Propagation

/// The air a point-to-point hop crosses, whose oxygen and water vapour absorb a little of its power (ITU-R P.676): the
/// temperature and water vapour density at the hop, each taken from ITU-R P.835's mean annual reference atmosphere at
/// the hop's height when not given; the pressure always from that atmosphere.
public struct HopAtmosphere: Sendable, Equatable {
    public let temperatureC: Double?
    /// Water vapour density at the hop, g/m³ (ITU-R P.836's maps give it; 15–20 in the humid tropics).
    public let waterVapourDensity: Double?

    /// The top of P.835's first layer, metres above sea level: 11 km′ of geopotential height.
    static let highestAltitude = 11_000 * 6_356.766 / (6_356.766 - 11)

    /// P.835's reference atmosphere throughout.
    public static let reference = HopAtmosphere(checkedTemperatureC: nil, waterVapourDensity: nil)

    private init(checkedTemperatureC temperatureC: Double?, waterVapourDensity: Double?) {
        self.temperatureC = temperatureC
        self.waterVapourDensity = waterVapourDensity
    }

    /// The air as given; refuses values no air near the ground has. `name` writes a field as the user wrote it
    /// (`--air-temperature-c` for `air_temperature_c`).
    public init(temperatureC: Double?, waterVapourDensity: Double?, naming name: (String) -> String) throws(LinkBudgetError) {
        if let temperatureC, !(-80...60).contains(temperatureC) {
            throw LinkBudgetError(field: "air_temperature_c", "\(name("air_temperature_c")) must be within −80–60 °C")
        }
        if let waterVapourDensity, !(0...100).contains(waterVapourDensity) {
            throw LinkBudgetError(field: "water_vapour_g_m3", "\(name("water_vapour_g_m3")) must be within 0–100 g/m³")
        }
        self.init(checkedTemperatureC: temperatureC, waterVapourDensity: waterVapourDensity)
    }

    /// The air `altitude` metres above sea level; above P.835's first layer (11 km′, higher than any mast on a real
    /// terrain) the air at its top.
    public func air(altitude: Double) -> AirConditions {
        let altitude = min(altitude, Self.highestAltitude)
        let temperature = temperatureC.map { $0 + 273.15 } ?? ReferenceAtmosphere.temperatureK(altitude: altitude)
        let density = waterVapourDensity ?? ReferenceAtmosphere.waterVapourDensity(altitude: altitude)
        let vapourPressure = AirConditions.waterVapourPressureHPa(density: density, temperatureK: temperature)
        return AirConditions(
            temperatureK: temperature, dryPressureHPa: ReferenceAtmosphere.pressureHPa(altitude: altitude) - vapourPressure,
            waterVapourDensity: density
        )
    }

    /// The absorption over a hop `lengthM` long at `frequencyMHz` whose antennas stand, on average, `altitude` metres
    /// above sea level: the specific attenuation in the air there times the length (P.676's terrestrial path).
    public func absorption(frequencyMHz: Double, altitude: Double, lengthM: Double) -> GaseousAbsorption {
        let air = air(altitude: altitude)
        let specific = GaseousAttenuation(frequencyGHz: frequencyMHz / 1_000, air: air)
        return GaseousAbsorption(
            db: specific.total * lengthM / 1_000, oxygenDBPerKm: specific.oxygen, waterVapourDBPerKm: specific.waterVapour,
            altitudeM: altitude, temperatureC: air.temperatureK - 273.15, dryPressureHPa: air.dryPressureHPa,
            waterVapourDensity: air.waterVapourDensity
        )
    }
}

/// What oxygen and water vapour take from a hop, and the air they were reckoned in.
public struct GaseousAbsorption: Sendable, Codable, Equatable {
    public let db: Double
    public let oxygenDBPerKm: Double
    public let waterVapourDBPerKm: Double
    /// The hop's mean antenna altitude above sea level, where the air is taken.
    public let altitudeM: Double
    public let temperatureC: Double
    public let dryPressureHPa: Double
    public let waterVapourDensity: Double

    enum CodingKeys: String, CodingKey {
        case db
        case oxygenDBPerKm = "oxygen_db_per_km"
        case waterVapourDBPerKm = "water_vapour_db_per_km"
        case altitudeM = "altitude_m"
        case temperatureC = "temperature_c"
        case dryPressureHPa = "dry_pressure_hpa"
        case waterVapourDensity = "water_vapour_g_m3"
    }
}
