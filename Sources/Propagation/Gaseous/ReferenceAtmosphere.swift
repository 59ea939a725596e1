import Foundation

/// ITU-R P.835-6's mean annual global reference atmosphere below 11 km: temperature falling 6.5 K per geopotential
/// kilometre from 288.15 K, the barometric pressure that goes with it from 1,013.25 hPa, and water vapour of 7.5 g/m³ at
/// sea level thinning with a scale height of 2 km.
public enum ReferenceAtmosphere {
    /// The geopotential height (km′) of `altitude` metres above sea level.
    static func geopotentialKm(altitude: Double) -> Double {
        let h = altitude / 1_000
        return 6_356.766 * h / (6_356.766 + h)
    }

    /// Temperature, K.
    public static func temperatureK(altitude: Double) -> Double {
        288.15 - 6.5 * geopotentialKm(altitude: altitude)
    }

    /// Barometric (total) pressure, hPa.
    public static func pressureHPa(altitude: Double) -> Double {
        1_013.25 * pow(288.15 / temperatureK(altitude: altitude), -34.1632 / 6.5)
    }

    /// Water vapour density, g/m³.
    public static func waterVapourDensity(altitude: Double) -> Double {
        7.5 * exp(-altitude / 2_000)
    }
}
