import Foundation

/// Specific attenuation of rain, γ = kR^α dB/km, by ITU-R P.838-3: k and α fitted to scattering calculations as
/// functions of frequency (1–1000 GHz), combined for the polarisation's tilt and the path's inclination.
public struct RainSpecificAttenuation: Sendable, Equatable {
    public let k: Double
    public let alpha: Double

    /// The coefficients at `frequencyGHz` for a linearly polarised wave on a path inclined `inclination` radians from
    /// the horizontal [P.838-3, Eqns 2–5].
    public init(frequencyGHz: Double, polarization: Polarization, inclination: Double = 0) {
        let logF = log10(frequencyGHz)
        let kH = pow(10, Self.fit(Self.kH, logF)), kV = pow(10, Self.fit(Self.kV, logF))
        let alphaH = Self.fit(Self.alphaH, logF), alphaV = Self.fit(Self.alphaV, logF)
        // cos 2τ for the tilt τ from the horizontal: 1 horizontal, −1 vertical.
        let tilt = (polarization == .horizontal ? 1.0 : -1.0) * cos(inclination) * cos(inclination)
        k = (kH + kV + (kH - kV) * tilt) / 2
        alpha = (kH * alphaH + kV * alphaV + (kH * alphaH - kV * alphaV) * tilt) / (2 * k)
    }

    /// γ (dB/km) in rain of `rainRate` mm/h.
    public func attenuation(rainRate: Double) -> Double { k * pow(rainRate, alpha) }

    /// A fitted curve: Gaussian terms in log f plus a line.
    private struct Curve {
        let terms: [(a: Double, b: Double, c: Double)]
        let m: Double
        let c: Double
    }

    private static func fit(_ curve: Curve, _ logF: Double) -> Double {
        curve.terms.reduce(curve.m * logF + curve.c) { sum, term in
            let x = (logF - term.b) / term.c
            return sum + term.a * exp(-x * x)
        }
    }

    // P.838-3, Tables 1–4.
    private static let kH = Curve(
        terms: [(-5.33980, -0.10008, 1.13098), (-0.35351, 1.26970, 0.45400), (-0.23789, 0.86036, 0.15354),
                (-0.94158, 0.64552, 0.16817)],
        m: -0.18961, c: 0.71147
    )
    private static let kV = Curve(
        terms: [(-3.80595, 0.56934, 0.81061), (-3.44965, -0.22911, 0.51059), (-0.39902, 0.73042, 0.11899),
                (0.50167, 1.07319, 0.27195)],
        m: -0.16398, c: 0.63297
    )
    private static let alphaH = Curve(
        terms: [(-0.14318, 1.82442, -0.55187), (0.29591, 0.77564, 0.19822), (0.32177, 0.63773, 0.13164),
                (-5.37610, -0.96230, 1.47828), (16.1721, -3.29980, 3.43990)],
        m: 0.67849, c: -1.95537
    )
    private static let alphaV = Curve(
        terms: [(-0.07771, 2.33840, -0.76284), (0.56727, 0.95545, 0.54039), (-0.20238, 1.14520, 0.26809),
                (-48.2991, 0.791669, 0.116226), (48.5833, 0.791459, 0.116479)],
        m: -0.053739, c: 0.83433
    )
}
