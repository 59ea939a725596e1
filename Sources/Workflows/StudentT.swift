import Foundation

/// Student's t distribution, for the confidence intervals of least-squares fits.
enum StudentT {
    /// The 97.5th percentile of the normal distribution.
    static let normal975 = 1.959963984540054

    /// The 97.5th percentile of Student's t with `degreesOfFreedom` (≥ 1): the half-width of a two-sided 95 %
    /// interval in standard errors. By the Cornish–Fisher expansion about the normal percentile (Abramowitz and
    /// Stegun 26.7.5, four terms), within 10⁻³ from eight degrees of freedom, 10⁻⁵ from thirty.
    static func percentile975(degreesOfFreedom: Int) -> Double {
        let z = normal975, v = Double(degreesOfFreedom)
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z
        let terms = [
            (z3 + z) / 4,
            (5 * z5 + 16 * z3 + 3 * z) / 96,
            (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384,
            (79 * z9 + 776 * z7 + 1_482 * z5 - 1_920 * z3 - 945 * z) / 92_160,
        ]
        return z + terms.enumerated().reduce(0) { sum, term in sum + term.element / pow(v, Double(term.offset + 1)) }
    }
}
