import Foundation

/// Building entry loss after Recommendation ITU-R P.2109 (Annex 1, §3), 80 MHz–100 GHz: the loss not exceeded with
/// probability P is 10 log10(10^(A/10) + 10^(B/10) + 10^(C/10)), two normal spreads A and B and a floor C = −3 dB, each
/// a function of log10 f (f in GHz) with the Recommendation's coefficients for its two kinds of building; A's median
/// grows 0.212 dB for each degree the path rises or falls at the façade.
public struct BuildingEntryLoss: Sendable, Equatable {
    /// The Recommendation's two kinds of building (Table 1).
    public enum Kind: Sendable, Equatable {
        /// Buildings without thermal insulation of modern standards.
        case traditional
        /// Buildings with metallised glass and foil-backed panels.
        case thermallyEfficient
    }

    public let kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    /// Table 1's r, s, t, u, v, w, x, y, z.
    private var coefficients: (r: Double, s: Double, t: Double, u: Double, v: Double, w: Double, x: Double, y: Double, z: Double) {
        kind == .traditional
            ? (12.64, 3.72, 0.96, 9.6, 2.0, 9.1, -3.0, 4.5, -2.0)
            : (28.19, -3.00, 8.48, 13.5, 3.8, 27.8, -2.9, 9.4, -2.1)
    }

    /// The loss (dB) not exceeded in `percent` of buildings, at `frequencyMHz`, for a path `elevationDegrees` above or
    /// below the horizontal at the façade.
    public func lossDB(frequencyMHz: Double, percent: Double, elevationDegrees: Double = 0) -> Double {
        let terms = powerTerms(frequencyMHz: frequencyMHz, percent: percent)
        let level = 10 * log10(terms.first + terms.rest)
        return level + EntryElevationExcess(first: terms.first, rest: terms.rest).lossDB(elevationDegrees: elevationDegrees)
    }

    /// How the median loss at `frequencyMHz` grows with the path's elevation at the façade, for a kernel that asks
    /// once per cell.
    public func elevationExcess(frequencyMHz: Double) -> EntryElevationExcess {
        let terms = powerTerms(frequencyMHz: frequencyMHz, percent: 50)
        return EntryElevationExcess(first: terms.first, rest: terms.rest)
    }

    /// A's added median loss per degree of elevation at the façade, dB (the Recommendation's L_e = 0.212 |θ|).
    static let elevationDBPerDegree = 0.212

    /// The loss's three terms as powers at level incidence: 10^(A/10), and 10^(B/10) + 10^(C/10).
    private func powerTerms(frequencyMHz: Double, percent: Double) -> (first: Double, rest: Double) {
        let c = coefficients, logF = log10(frequencyMHz / 1_000)
        // The normal deviate below which `percent` of the distribution lies.
        let deviate = -standardNormalDeviate(percent / 100)
        let a = deviate * (c.u + c.v * logF) + c.r + c.s * logF + c.t * logF * logF
        let b = deviate * (c.y + c.z * logF) + c.w + c.x * logF
        return (pow(10, a / 10), pow(10, b / 10) + pow(10, -0.3))
    }

    /// The σ (dB) of the log-normal spread with this loss's median that reaches its loss at `percent` (at 50 %, at one
    /// standard deviation, 84.13 %): how far the building's loss runs above its median at the run's location
    /// percentage, in the terms the models' spreads are joined in.
    public func sigmaDB(frequencyMHz: Double, percent: Double) -> Double {
        let reference = percent == 50 ? 100 * 0.841344746 : percent
        let deviate = -standardNormalDeviate(reference / 100)
        return (lossDB(frequencyMHz: frequencyMHz, percent: reference) - lossDB(frequencyMHz: frequencyMHz, percent: 50)) / deviate
    }
}

/// The building entry loss P.2109 adds over level incidence for a path's elevation at the façade, in one band and at
/// one percentage (the kernel's is the median's): 10 log10(10^((A + 0.212 |θ|)/10) + 10^(B/10) + 10^(C/10)) less the
/// same at θ = 0.
public struct EntryElevationExcess: Sendable, Equatable {
    /// 10^(A/10) and 10^(B/10) + 10^(C/10).
    let first: Double
    let rest: Double

    /// The added loss, dB (≥ 0), for a path `elevationDegrees` above or below the horizontal.
    @inline(__always)
    public func lossDB(elevationDegrees: Double) -> Double {
        let raised = exponential(abs(elevationDegrees) * (BuildingEntryLoss.elevationDBPerDegree / 10 * M_LN10))
        return 10 * decimalLog((first * raised + rest) / (first + rest))
    }
}
