import Foundation

/// The air a path runs through, as ITU-R P.676 takes it.
public struct AirConditions: Sendable, Equatable {
    public let temperatureK: Double
    /// Pressure of the dry air alone, hPa (the barometric pressure less the water vapour's).
    public let dryPressureHPa: Double
    /// Water vapour density, g/m³.
    public let waterVapourDensity: Double

    public init(temperatureK: Double, dryPressureHPa: Double, waterVapourDensity: Double) {
        self.temperatureK = temperatureK
        self.dryPressureHPa = dryPressureHPa
        self.waterVapourDensity = waterVapourDensity
    }

    /// The water vapour's partial pressure, hPa.
    public var waterVapourPressureHPa: Double { Self.waterVapourPressureHPa(density: waterVapourDensity, temperatureK: temperatureK) }

    /// The partial pressure (hPa) of water vapour of `density` g/m³ at `temperatureK`: e = ρT/216.7.
    public static func waterVapourPressureHPa(density: Double, temperatureK: Double) -> Double { density * temperatureK / 216.7 }
}

/// Specific attenuation by atmospheric gases, dB/km, by ITU-R P.676-13 Annex 1: the sum over the oxygen and water
/// vapour resonance lines of each line's strength times its shape, with oxygen's dry continuum (pressure-induced
/// nitrogen absorption and the Debye spectrum). Valid 1–1,000 GHz.
public struct GaseousAttenuation: Sendable, Equatable {
    /// Oxygen's share, with the dry continuum, dB/km.
    public let oxygen: Double
    public let waterVapour: Double
    public var total: Double { oxygen + waterVapour }

    /// The attenuation at `frequencyGHz` in `air`.
    public init(frequencyGHz f: Double, air: AirConditions) {
        let theta = 300 / air.temperatureK, p = air.dryPressureHPa, e = air.waterVapourPressureHPa
        // θ's powers as exponentials of log θ, and those common to every line once: a hop's air costs a few µs.
        let logTheta = log(theta)
        func thetaPower(_ x: Double) -> Double { exp(x * logTheta) }
        let oxygenStrength = 1e-7 * p * theta * theta * theta, oxygenInterference = 1e-4 * (p + e) * thetaPower(0.8)
        let oxygenTerms = SpectralLines.oxygen.reduce(0) { sum, line in
            let strength = line.c1 * oxygenStrength * exp(line.c2 * (1 - theta))
            let width = line.c3 * 1e-4 * (p * thetaPower(0.8 - line.c4) + 1.1 * e * theta)
            // Zeeman splitting widens every oxygen line.
            let zeemanWidth = (width * width + 2.25e-6).squareRoot()
            let interference = (line.c5 + line.c6 * theta) * oxygenInterference
            return sum + strength * Self.shape(f, line: line.frequency, width: zeemanWidth, interference: interference)
        }
        let waterStrength = 1e-1 * e * thetaPower(3.5)
        let waterTerms = SpectralLines.waterVapour.reduce(0) { sum, line in
            let strength = line.c1 * waterStrength * exp(line.c2 * (1 - theta))
            let width = line.c3 * 1e-4 * (p * thetaPower(line.c4) + line.c5 * e * thetaPower(line.c6))
            // Doppler broadening.
            let dopplerWidth = 0.535 * width + (0.217 * width * width + 2.1316e-12 * line.frequency * line.frequency / theta).squareRoot()
            return sum + strength * Self.shape(f, line: line.frequency, width: dopplerWidth, interference: 0)
        }
        oxygen = 0.1820 * f * (oxygenTerms + Self.dryContinuum(f, theta: theta, p: p, e: e))
        waterVapour = 0.1820 * f * waterTerms
    }

    /// A line's shape factor at `f`.
    private static func shape(_ f: Double, line fi: Double, width: Double, interference delta: Double) -> Double {
        let below = fi - f, above = fi + f, widthSquared = width * width
        return f / fi * ((width - delta * below) / (below * below + widthSquared) + (width - delta * above) / (above * above + widthSquared))
    }

    /// N″_D(f), the dry continuum.
    private static func dryContinuum(_ f: Double, theta: Double, p: Double, e: Double) -> Double {
        let d = 5.6e-4 * (p + e) * pow(theta, 0.8)
        let debye = 6.14e-5 / (d * (1 + (f / d) * (f / d)))
        let nitrogen = 1.4e-12 * p * pow(theta, 1.5) / (1 + 1.9e-5 * pow(f, 1.5))
        return f * p * theta * theta * (debye + nitrogen)
    }
}
