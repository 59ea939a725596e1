import Foundation

/// Clear-air multipath fading on a terrestrial line-of-sight hop, by ITU-R P.530-17 §2.3.2 (the method for all fade
/// depths, for detailed link design) and §2.3.4 (from the average worst month to the average year).
public struct MultipathFading: Sendable, Equatable {
    /// The multipath occurrence factor p₀: the deep-fading distribution's intercept, % of the worst month.
    public let occurrenceFactor: Double
    /// Worst month to average year: the logarithmic geoclimatic conversion factor ΔG, dB.
    public let conversionDB: Double

    /// The hop from an antenna at `altitudes.0` to one at `altitudes.1` (metres above sea level), `lengthKm` long, at
    /// `frequencyGHz`; `refractivityGradient` is dN₁, the point refractivity gradient in the lowest 65 m not exceeded
    /// for 1 % of the year (N-units/km, ITU-R P.453's map), `terrainRoughness` s_a the standard deviation of terrain
    /// heights (m) in a 110 km square around the hop's middle, `latitude` that middle's, degrees [Eqns 4–7, 10, 23].
    public init(
        lengthKm d: Double, frequencyGHz f: Double, altitudes: (Double, Double), refractivityGradient: Double,
        terrainRoughness: Double, latitude: Double
    ) {
        let geoclimatic = pow(10, -4.4 - 0.0027 * refractivityGradient) * pow(10 + terrainRoughness, -0.46)
        let inclination = abs(altitudes.1 - altitudes.0) / d  // mrad
        let lower = min(altitudes.0, altitudes.1)
        occurrenceFactor = geoclimatic * pow(d, 3.4) * pow(1 + inclination, -1.03) * pow(f, 0.8) * pow(10, -0.00076 * lower)
        let cosine = pow(abs(cos(2 * latitude * .pi / 180)), 0.7)
        let conversion = 10.5 - 5.6 * log10(1.1 + (abs(latitude) <= 45 ? cosine : -cosine)) - 2.7 * log10(d)
            + 1.7 * log10(1 + inclination)
        conversionDB = min(conversion, 10.8)
    }

    /// The percentage of the average worst month that the fade exceeds `depth` dB: the deep-fading law p₀10^(−A/10)
    /// from the transition depth A_t on, an interpolation to the shallow fades above it [Eqns 11–18].
    public func worstMonthPercent(exceeding depth: Double) -> Double {
        let transition = 25 + 1.2 * log10(occurrenceFactor)
        guard depth < transition else { return occurrenceFactor * pow(10, -depth / 10) }
        let atTransition = occurrenceFactor * pow(10, -transition / 10)
        let shapeAtTransition = -20 * log10(-log((100 - atTransition) / 100)) / transition
        let shape = Self.shapeTerm(transition)
        let qt = (shapeAtTransition - 2) / shape.factor - shape.offset
        let q = Self.shapeTerm(depth), qa = 2 + q.factor * (qt + q.offset)
        return 100 * (1 - exp(-pow(10, -qa * depth / 20)))
    }

    /// The percentage of the average year that the fade exceeds `depth` dB.
    public func annualPercent(exceeding depth: Double) -> Double {
        pow(10, -conversionDB / 10) * worstMonthPercent(exceeding: depth)
    }

    /// The two depth terms of the shallow-fading shape q_a: [1 + 0.3·10^(−A/20)]·10^(−0.016A) and 4.3(10^(−A/20) + A/800).
    private static func shapeTerm(_ depth: Double) -> (factor: Double, offset: Double) {
        let amplitude = pow(10, -depth / 20)
        return ((1 + 0.3 * amplitude) * pow(10, -0.016 * depth), 4.3 * (amplitude + depth / 800))
    }
}
