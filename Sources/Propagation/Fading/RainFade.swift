import Foundation

/// Rain attenuation on a terrestrial line-of-sight hop, by ITU-R P.530-17 §2.4.1: the attenuation exceeded for
/// 0.01 % of an average year from the local rain rate R₀.₀₁, scaled to other percentages of the year.
public struct RainFade: Sendable, Equatable {
    /// Attenuation exceeded for 0.01 % of the year, dB.
    public let attenuation001: Double
    private let c1: Double, c2: Double, c3: Double

    /// The fade on a hop of `lengthKm` at `frequencyGHz`, in rain exceeding `rainRate001` mm/h for 0.01 % of the year
    /// (1-minute integration; ITU-R P.837 maps it) [Eqns 32–35].
    public init(lengthKm d: Double, frequencyGHz f: Double, rainRate001 rainRate: Double, coefficients: RainSpecificAttenuation) {
        let shortening = 1 / (0.477 * pow(d, 0.633) * pow(rainRate, 0.073 * coefficients.alpha) * pow(f, 0.123)
            - 10.579 * (1 - exp(-0.024 * d)))
        // The distance factor is at most 2.5; long hops in light rain at low frequencies drive its denominator to zero
        // and below, read as that limit.
        let factor = shortening > 0 ? min(shortening, 2.5) : 2.5
        attenuation001 = coefficients.attenuation(rainRate: rainRate) * d * factor
        let c0 = f >= 10 ? 0.12 + 0.4 * 0.8 * log10(f / 10) : 0.12
        c1 = pow(0.07, c0) * pow(0.12, 1 - c0)
        c2 = 0.855 * c0 + 0.546 * (1 - c0)
        c3 = 0.139 * c0 + 0.043 * (1 - c0)
    }

    /// Attenuation (dB) exceeded for `percent` of the year (the method holds between 0.001 and 1 %).
    public func attenuation(exceededFor percent: Double) -> Double {
        attenuation001 * c1 * pow(percent, -(c2 + c3 * log10(percent)))
    }

    /// The percentage of the year for which the attenuation exceeds `fade` dB: the power law solved for p. Outside
    /// 0.001–1 % the same law is extended, as tools that solve it numerically do: up to 100 %, and down to where the
    /// law peaks (a few 10⁻⁶ %, about a second a year), beyond which the rain fade never reaches the margin (0).
    public func percentExceeding(_ fade: Double) -> Double {
        // log₁₀(A/(A₀.₀₁C₁)) = −(C₂ + C₃x)x for x = log₁₀ p: the larger root, on the law's falling branch.
        let l = log10(fade / (attenuation001 * c1)), discriminant = c2 * c2 - 4 * c3 * l
        guard discriminant > 0 else { return 0 }
        return min(pow(10, (-c2 + discriminant.squareRoot()) / (2 * c3)), 100)
    }
}
