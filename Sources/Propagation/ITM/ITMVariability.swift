import Foundation

/// Time, location and situation variability of ITM (NTIA ITM 1.4 `Variability`): the attenuation relative
/// to free space at the requested percentages, from the reference attenuation and the climate's curves.
struct ITMVariability {
    /// Climate curve coefficients [TN101, Fig 10.13; TN101v2, Eqns III.69–70], indexed by climate − 1.
    private static let median: [[Double]] = [
        [-9.67, -0.62, 1.26, -9.21, -0.62, -0.39, 3.15],
        [12.7, 9.19, 15.5, 9.05, 9.19, 2.86, 857.9],
        [144.9e3, 228.9e3, 262.6e3, 84.1e3, 228.9e3, 141.7e3, 2222.0e3],
        [190.3e3, 205.2e3, 185.2e3, 101.1e3, 205.2e3, 315.9e3, 164.8e3],
        [133.8e3, 143.6e3, 99.8e3, 98.6e3, 143.6e3, 167.4e3, 116.3e3],
    ]
    private static let belowMedian: [[Double]] = [
        [2.13, 2.66, 6.11, 1.98, 2.68, 6.86, 8.51],
        [159.5, 7.67, 6.65, 13.11, 7.16, 10.38, 169.8],
        [762.2e3, 100.4e3, 138.2e3, 139.1e3, 93.7e3, 187.8e3, 609.8e3],
        [123.6e3, 172.5e3, 242.2e3, 132.7e3, 186.8e3, 169.6e3, 119.9e3],
        [94.5e3, 136.4e3, 178.6e3, 193.5e3, 133.5e3, 108.9e3, 106.6e3],
    ]
    private static let aboveMedian: [[Double]] = [
        [2.11, 6.87, 10.08, 3.68, 4.75, 8.58, 8.43],
        [102.3, 15.53, 9.60, 159.3, 8.12, 13.97, 8.19],
        [636.9e3, 138.7e3, 165.3e3, 464.4e3, 93.2e3, 216.0e3, 136.2e3],
        [134.8e3, 143.7e3, 225.7e3, 93.1e3, 135.9e3, 152.0e3, 188.5e3],
        [95.6e3, 98.6e3, 129.7e3, 94.2e3, 113.4e3, 122.7e3, 122.9e3],
    ]
    private static let ductingFactor = [1.224, 0.801, 1.380, 1.000, 1.224, 1.518, 1.518]
    private static let ductingDeviate = [1.282, 2.161, 1.282, 20.0, 1.282, 1.282, 1.282]
    private static let frequencyBelow: [[Double]] = [
        [1.0, 1.0, 1.0, 1.0, 0.92, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0, 0.25, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 1.77, 0.0, 0.0],
    ]
    private static let frequencyAbove: [[Double]] = [
        [1.0, 0.93, 1.0, 0.93, 0.93, 1.0, 1.0], [0.0, 0.31, 0.0, 0.19, 0.31, 0.0, 0.0], [0.0, 2.00, 0.0, 1.79, 2.00, 0.0, 0.0],
    ]

    /// Constants of one environment and frequency, derived once for any number of paths.
    private let wavenumber: Double
    private let mode: Int
    private let noSituation: Bool
    private let noLocation: Bool
    /// The square of building penetration's σ, joined to the terrain's σL (0 outdoors).
    private let indoorVariance: Double
    private let zT: Double, zL: Double, zS: Double
    /// 1/(7.8 + zS²) and 1/(24 + zS²): the weights of time and location deviations in the situation residual.
    private let timeResidualWeight: Double, locationResidualWeight: Double
    private let gMinus: Double, gPlus: Double
    /// The frequency part of the distance scale dex (m).
    private let scatterReach: Double
    /// The climate's curves: median, and deviations below and above it; its ducting factor and deviate.
    private let medianCurve: ClimateCurve, belowCurve: ClimateCurve, aboveCurve: ClimateCurve
    private let ductingFactor: Double, ductingDeviate: Double
    let warnings: ITMWarnings

    init(environment: ITMEnvironment, frequency: ITMFrequency) {
        let climate = environment.climate.rawValue - 1
        wavenumber = frequency.wavenumber
        var mode = environment.variability.rawValue
        noSituation = mode >= 20
        if noSituation { mode -= 20 }
        noLocation = mode >= 10
        if noLocation { mode -= 10 }
        self.mode = mode
        indoorVariance = environment.indoorSigmaDB * environment.indoorSigmaDB
        var zT = standardNormalDeviate(environment.time / 100)
        var zL = standardNormalDeviate(environment.location / 100)
        let zS = standardNormalDeviate(environment.situation / 100)
        switch mode {
        case 0: (zT, zL) = (zS, zS)
        case 1: zL = zS
        case 2: zL = zT
        default: break
        }
        (self.zT, self.zL, self.zS) = (zT, zL, zS)
        (timeResidualWeight, locationResidualWeight) = (1 / (7.8 + zS * zS), 1 / (24 + zS * zS))
        warnings = abs(zT) > 3.1 || abs(zL) > 3.1 || abs(zS) > 3.1 ? .extremeVariabilities : []
        let q = log(0.133 * wavenumber)
        let below = Self.frequencyBelow, above = Self.frequencyAbove
        gMinus = below[0][climate] + below[1][climate] / ((below[2][climate] * q) * (below[2][climate] * q) + 1)
        gPlus = above[0][climate] + above[1][climate] / ((above[2][climate] * q) * (above[2][climate] * q) + 1)
        scatterReach = cbrt(575.7e12 / wavenumber)
        medianCurve = ClimateCurve(Self.median, climate)
        belowCurve = ClimateCurve(Self.belowMedian, climate)
        aboveCurve = ClimateCurve(Self.aboveMedian, climate)
        (ductingFactor, ductingDeviate) = (Self.ductingFactor[climate], Self.ductingDeviate[climate])
    }

    /// Attenuation below free space (dB) of a path with reference attenuation `reference`.
    func attenuation(reference: Double, effectiveHeights: (Double, Double), deltaH: Double, distance: Double) -> Double {
        let horizonReach = (2 * 9_000e3 * effectiveHeights.0).squareRoot() + (2 * 9_000e3 * effectiveHeights.1).squareRoot()
        let dex = horizonReach + scatterReach
        let de = distance < dex ? 130e3 * distance / dex : 130e3 + distance - dex
        // The situation spread's and the roughness's decays with distance, side by side in two lanes.
        let decays = exponential(SIMD2(-de / 100e3, -distance / 50e3))
        let sigmaS = noSituation ? 0 : 5 + 3 * decays[0]
        let medianShift = medianCurve(de)

        let roughness = deltaH * (1 - 0.8 * decays[1])
        let terrainSigmaL = 10 * wavenumber * roughness / (wavenumber * roughness + 13)
        let sigmaL = noLocation ? 0
            : indoorVariance == 0 ? terrainSigmaL : (terrainSigmaL * terrainSigmaL + indoorVariance).squareRoot()
        let yL = sigmaL * zL
        let sigmaTMinus = belowCurve(de) * gMinus
        let sigmaTPlus = aboveCurve(de) * gPlus
        let sigmaTD = ductingFactor * sigmaTPlus
        let zD = ductingDeviate
        let sigmaT = zT < 0 ? sigmaTMinus : zT <= zD ? sigmaTPlus : sigmaTD + (sigmaTPlus - sigmaTD) * zD / zT
        let yT = sigmaT * zT

        let residual = sigmaS * sigmaS + yT * yT * timeResidualWeight + yL * yL * locationResidualWeight
        let yR: Double, yS: Double
        switch mode {
        case 0:
            yR = 0
            yS = (sigmaT * sigmaT + sigmaL * sigmaL + residual).squareRoot() * zS
        case 1:
            yR = yT
            yS = (sigmaL * sigmaL + residual).squareRoot() * zS
        case 2:
            yR = (sigmaT * sigmaT + sigmaL * sigmaL).squareRoot() * zT
            yS = residual.squareRoot() * zS
        default:
            yR = yT + yL
            yS = residual.squareRoot() * zS
        }
        var result = reference - medianShift - yR - yS
        if result < 0 { result = result * (29 - result) / (29 - 10 * result) }
        return result
    }
}

/// One climate's curve (c1 + c2 / (1 + ((de − x2)/x3)²)) · (de/x1)² / (1 + (de/x1)²), its coefficients taken once
/// from a table's column (x1 and x3 as their inverses: every path evaluates three curves).
private struct ClimateCurve {
    let c1: Double, c2: Double, inverseX1: Double, x2: Double, inverseX3: Double

    init(_ table: [[Double]], _ climate: Int) {
        (c1, c2) = (table[0][climate], table[1][climate])
        (inverseX1, x2, inverseX3) = (1 / table[2][climate], table[3][climate], 1 / table[4][climate])
    }

    func callAsFunction(_ de: Double) -> Double {
        let ratio = (de * inverseX1) * (de * inverseX1)
        let offset = (de - x2) * inverseX3
        return (c1 + c2 / (1 + offset * offset)) * ratio / (1 + ratio)
    }
}

/// Inverse complementary normal distribution Q⁻¹(q) (Abramowitz & Stegun 26.2.23, |ε| < 4.5e-4).
func standardNormalDeviate(_ q: Double) -> Double {
    let x = q > 0.5 ? 1 - q : q
    let t = (-2 * log(x)).squareRoot()
    let zeta = ((0.010328 * t + 0.802853) * t + 2.515516) / (((0.001308 * t + 0.189269) * t + 1.432788) * t + 1)
    return q > 0.5 ? -(t - zeta) : t - zeta
}
