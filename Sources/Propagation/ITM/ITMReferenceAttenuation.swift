import ComplexModule
import Foundation

/// The Longley-Rice reference attenuation (median loss relative to free space) for a path geometry:
/// two-ray line of sight, diffraction (knife edge blended with Vogler's smooth earth, plus clutter),
/// or troposcatter, following NTIA ITM 1.4.
struct ITMReferenceAttenuation {
    let geometry: ITMPathGeometry
    /// Structural antenna heights (m).
    let heights: (Double, Double)
    let frequency: ITMFrequency
    let ground: ITMGround
    /// Surface refractivity, the effective earth's radius and curvature (multiplying by the curvature spares the
    /// per-cell chain a division by the radius), and the diffraction line's distance scale.
    let medium: ITMMedium
    var earthRadius: Double { medium.earthRadius }
    var surfaceRefractivity: Double { medium.surfaceRefractivity }
    /// Point-to-point mode adds ~10 m² to h₁h₂ in the diffraction weighting [ERL 79-ITS 67, p. 3-8].
    let pointToPoint: Bool

    /// Reference attenuation (dB, ≥ 0), the propagation mode, and warnings.
    func compute() throws(ITMError) -> (attenuation: Double, mode: ITMPropagationMode, warnings: ITMWarnings) {
        let g = geometry, d = g.distance
        let smooth = ((2 * g.effectiveHeights.0 * earthRadius).squareRoot(), (2 * g.effectiveHeights.1 * earthRadius).squareRoot())
        let smoothLOS = smooth.0 + smooth.1
        let actualLOS = g.horizonDistances.0 + g.horizonDistances.1
        let thetaLOS = -max(g.horizonAngles.0 + g.horizonAngles.1, -actualLOS * medium.curvature)
        var warnings: ITMWarnings = []
        if abs(g.horizonAngles.0) > 200e-3 || abs(g.horizonAngles.1) > 200e-3 { warnings.insert(.horizonAngle) }
        if g.horizonDistances.0 < 0.1 * smooth.0 || g.horizonDistances.1 < 0.1 * smooth.1
            || g.horizonDistances.0 > 3 * smooth.0 || g.horizonDistances.1 > 3 * smooth.1
        {
            warnings.insert(.horizonDistance)
        }
        guard surfaceRefractivity >= 150 else { throw ITMError(message: "surface refractivity \(surfaceRefractivity) N-units is below 150") }
        guard surfaceRefractivity <= 400 else { throw ITMError(message: "surface refractivity \(surfaceRefractivity) N-units is above 400") }
        if surfaceRefractivity < 250 { warnings.insert(.surfaceRefractivity) }
        guard earthRadius >= 4_000_000, earthRadius <= 13_333_333 else {
            throw ITMError(message: "effective earth radius \(earthRadius) m is outside 4000–13333 km")
        }
        guard ground.impedance.real > abs(ground.impedance.imaginary) else {
            throw ITMError(message: "ground impedance out of range: check permittivity and conductivity")
        }

        // The diffraction line through two distances far into the diffraction region.
        let scale = medium.diffractionScale
        let d3 = max(smoothLOS, actualLOS + 5 * scale), d4 = d3 + 10 * scale
        let diffraction = ITMDiffraction(self, thetaLOS: thetaLOS, smoothLOS: smoothLOS)
        let losses = diffraction.losses(at: SIMD2(d3, d4), of: self), a3 = losses[0], a4 = losses[1]
        let slope = (a4 - a3) / (d4 - d3), intercept = a3 - slope * d3

        if d < abs(g.effectiveHeights.0 - g.effectiveHeights.1) / 200e-3 || d < 1e3 || d > 1_000e3 {
            warnings.insert(.pathDistance)
        }
        let attenuation: Double, mode: ITMPropagationMode
        if d < smoothLOS {
            attenuation = lineOfSightRegion(d, slope: slope, intercept: intercept, smoothLOS: smoothLOS, actualLOS: actualLOS)
            mode = .lineOfSight
        } else {
            (attenuation, mode) = beyondHorizon(
                d, slope: slope, intercept: intercept, thetaLOS: thetaLOS, smoothLOS: smoothLOS, actualLOS: actualLOS,
                scale: scale
            )
        }
        return (max(attenuation, 0), mode, warnings)
    }

    /// Line-of-sight attenuation: a log-linear curve fitted through two-ray losses and the diffraction line
    /// [ERL 79-ITS 67, Eqns 3.16–3.21].
    private func lineOfSightRegion(_ d: Double, slope: Double, intercept: Double, smoothLOS: Double, actualLOS: Double) -> Double {
        let atSmoothLOS = smoothLOS * slope + intercept
        var d0 = 0.04 * frequency.megahertz * geometry.effectiveHeights.0 * geometry.effectiveHeights.1
        let d1: Double
        if intercept >= 0 {
            d0 = min(d0, 0.5 * actualLOS)
            d1 = d0 + 0.25 * (actualLOS - d0)
        } else {
            d1 = max(-intercept / slope, 0.25 * actualLOS)
        }
        // Both two-ray losses in the two lanes of one computation (a0's unused when d0 ≥ d1), and both fit logarithms.
        let losses = lineOfSightLosses(at: SIMD2(d1, d0), slope: slope, intercept: intercept, smoothLOS: smoothLOS)
        let a1 = losses[0], a0 = d0 < d1 ? losses[1] : 0
        var fitted = false, k1 = 0.0, k2 = 0.0
        if d0 < d1 {
            let logarithms = naturalLog(SIMD2(smoothLOS, d1) / d0), q = logarithms[0]
            k2 = max(0, ((smoothLOS - d0) * (a1 - a0) - (d1 - d0) * (atSmoothLOS - a0))
                / ((smoothLOS - d0) * logarithms[1] - (d1 - d0) * q))
            fitted = intercept > 0 || k2 > 0
            if fitted {
                k1 = (atSmoothLOS - a0 - k2 * q) / (smoothLOS - d0)
                if k1 < 0 {
                    k1 = 0
                    k2 = max(atSmoothLOS - a0, 0) / q
                    if k2 == 0 { k1 = slope }
                }
            }
        }
        if !fitted {
            k1 = max(atSmoothLOS - a1, 0) / (smoothLOS - d1)
            k2 = 0
            if k1 == 0 { k1 = slope }
        }
        // ael + k₁d + k₂ ln d with ael = A(d_Ls) − k₁d_Ls − k₂ ln d_Ls, taken relative to d_Ls: one logarithm, or none.
        return atSmoothLOS + k1 * (d - smoothLOS) + (k2 == 0 ? 0 : k2 * log(d / smoothLOS))
    }

    /// Beyond the smooth-earth horizon: the diffraction line, or the troposcatter line past their crossing.
    /// Troposcatter never takes over before `nearestCrossover`, so paths short of it skip the scatter terms.
    private func beyondHorizon(
        _ d: Double, slope: Double, intercept: Double, thetaLOS: Double, smoothLOS: Double, actualLOS: Double,
        scale: Double
    ) -> (Double, ITMPropagationMode) {
        let nearestCrossover = max(smoothLOS, actualLOS + 1.088 * scale * frequency.logarithm)
        if d <= nearestCrossover { return (slope * d + intercept, .diffraction) }
        let d5 = actualLOS + 200e3, d6 = actualLOS + 400e3
        var h0 = -1.0
        let a6 = troposcatter(at: d6, thetaLOS: thetaLOS, h0: &h0)
        let a5 = troposcatter(at: d5, thetaLOS: thetaLOS, h0: &h0)
        var scatterSlope = slope, scatterIntercept = intercept, crossover = 10e6
        if a5 < 1_000 {
            scatterSlope = (a6 - a5) / 200e3
            crossover = max(nearestCrossover, (a5 - intercept - scatterSlope * d5) / (slope - scatterSlope))
            scatterIntercept = (slope - scatterSlope) * crossover + intercept
        }
        return d > crossover ? (scatterSlope * d + scatterIntercept, .troposcatter) : (slope * d + intercept, .diffraction)
    }

    /// Two-ray losses over rough ground blended with the extended diffraction line at two distances, one per lane
    /// [Algorithm, Eqns 4.46–4.50].
    @inline(__always) private func lineOfSightLosses(
        at d: SIMD2<Double>, slope: Double, intercept: Double, smoothLOS: Double
    ) -> SIMD2<Double> {
        let he = geometry.effectiveHeights, heightSum = he.0 + he.1
        let roughness = sigmaH(terrainRoughness(d))
        let wavenumber = frequency.wavenumber
        let sinPsi = heightSum / (d * d + heightSum * heightSum).squareRoot()
        // The reflection coefficient (sin ψ − Z) / (sin ψ + Z) for real sin ψ, in real arithmetic: the general
        // complex division rescales its operands.
        let z = ground.impedance
        let shifted = sinPsi + z.real
        let denominator = shifted * shifted + z.imaginary * z.imaginary
        let damping = exponential(-capped(wavenumber * roughness * sinPsi, at: 10)) / denominator
        var reflection = (real: (sinPsi * sinPsi - z.lengthSquared) * damping, imaginary: -2 * z.imaginary * sinPsi * damping)
        let magnitude = reflection.real * reflection.real + reflection.imaginary * reflection.imaginary
        let raised = (sinPsi / magnitude).squareRoot(), weak = (magnitude .< 0.25) .| (magnitude .< sinPsi)
        reflection = (reflection.real.replacing(with: reflection.real * raised, where: weak),
                      reflection.imaginary.replacing(with: reflection.imaginary * raised, where: weak))
        var phase = wavenumber * 2 * he.0 * he.1 / d
        phase.replace(with: Double.pi - (Double.pi / 2) * (Double.pi / 2) / phase, where: phase .> Double.pi / 2)
        let (sine, cosine) = sineAndCosine(phase)
        let sum = (real: cosine + reflection.real, imaginary: reflection.imaginary - sine)
        let twoRay = -10 * decimalLog(sum.real * sum.real + sum.imaginary * sum.imaginary)
        let extended = slope * d + intercept
        let weight = 1 / (1 + frequency.megahertz * geometry.deltaH / max(10e3, smoothLOS))
        return weight * twoRay + (1 - weight) * extended
    }

    /// Troposcatter loss at `d` [Algorithm, Eqn 4.63]; `h0` carries the frequency-gain term between calls.
    private func troposcatter(at d: Double, thetaLOS: Double, h0: inout Double) -> Double {
        let wavenumber = frequency.wavenumber
        let he = geometry.effectiveHeights, angles = geometry.horizonAngles
        var gain: Double
        if h0 > 15 {
            gain = h0
        } else {
            var asymmetry = geometry.horizonDistances.0 - geometry.horizonDistances.1
            var ratio = he.1 / he.0
            if asymmetry < 0 {
                asymmetry = -asymmetry
                ratio = 1 / ratio
            }
            let theta = angles.0 + angles.1 + d / earthRadius
            let r1 = 2 * wavenumber * theta * he.0, r2 = 2 * wavenumber * theta * he.1
            if r1 < 0.2 && r2 < 0.2 { return 1_001 }
            var s = (d - asymmetry) / (d + asymmetry)
            let q = min(max(0.1, ratio / s), 10)
            s = max(0.1, s)
            let crossover = (d - asymmetry) * (d + asymmetry) * theta * 0.25 / d
            let ns = surfaceRefractivity
            let eta = (crossover / 1.7556e3)
                * (1 + (0.031 - ns * 2.32e-3 + ns * ns * 5.67e-6) * exponential(-pow(min(1.7, crossover / 8e3), 6)))
            let h00 = (frequencyGain(r1, eta) + frequencyGain(r2, eta)) / 2
            gain = max(h00 + min(h00, 6 * (0.6 - decimalLog(max(eta, 1))) * decimalLog(s) * decimalLog(q)), 0)
            if eta < 1 {
                let root2 = 2.0.squareRoot()
                gain = eta * gain + (1 - eta) * 10
                    * decimalLog(pow((1 + root2 / r1) * (1 + root2 / r2), 2) * (r1 + r2) / (r1 + r2 + 2 * root2))
            }
            if gain > 15 && h0 >= 0 { gain = h0 }
        }
        h0 = gain
        let th = d / earthRadius - thetaLOS
        return attenuationFunction(th * d) + 10 * decimalLog(wavenumber * 47.7 * pow(th, 4))
            - 0.1 * (surfaceRefractivity - 301) * exponential(-th * d / 40e3) + gain
    }

    /// The attenuation function F(θd) [Algorithm, 6.9].
    private func attenuationFunction(_ td: Double) -> Double {
        let (a, b, c): (Double, Double, Double) = td <= 10e3 ? (133.4, 0.332e-3, -10) : td <= 70e3 ? (104.6, 0.212e-3, -2.5) : (71.8, 0.157e-3, 5)
        return a + b * td + c * decimalLog(td)
    }

    /// Troposcatter frequency-gain function H₀(r, ηs), interpolated between curves [Algorithm, 6.13].
    private func frequencyGain(_ r: Double, _ etaS: Double) -> Double {
        let eta = min(max(etaS, 1), 5)
        let whole = Int(eta), fraction = eta - Double(whole)
        let a = [25.0, 80, 177, 395, 705], b = [24.0, 45, 68, 80, 105]
        let inverseSquare = 1 / (r * r)
        func curve(_ j: Int) -> Double { 10 * decimalLog(1 + a[j] * inverseSquare * inverseSquare + b[j] * inverseSquare) }
        var result = curve(whole - 1)
        if fraction != 0 { result = (1 - fraction) * result + fraction * curve(whole) }
        return result
    }

    /// Terrain irregularity over distance d, Δh(d) [ERL 79-ITS 67, Eqn 3].
    @inline(__always) func terrainRoughness(_ d: Double) -> Double {
        geometry.deltaH * (1 - 0.8 * exponential(-d / 50e3))
    }

    /// Δh(d) at two distances, one per lane.
    @inline(__always) func terrainRoughness(_ d: SIMD2<Double>) -> SIMD2<Double> {
        geometry.deltaH * (1 - 0.8 * exponential(-d / 50e3))
    }
}

/// RMS deviation of terrain within the first Fresnel zone, σh(Δh) [ERL 79-ITS 67, Eqn 3.6a].
@inline(__always) func sigmaH(_ deltaH: Double) -> Double {
    0.78 * deltaH * exponential(-0.5 * deltaH.squareRoot().squareRoot())
}

/// σh of two values of Δh, one per lane.
@inline(__always) func sigmaH(_ deltaH: SIMD2<Double>) -> SIMD2<Double> {
    0.78 * deltaH * exponential(-0.5 * deltaH.squareRoot().squareRoot())
}
