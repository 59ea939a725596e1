import Foundation

/// Diffraction loss of one path at any distance beyond its horizons: knife edge and smooth earth weighted by
/// terrain roughness, plus clutter [ERL 79-ITS 67, 3.23]. What does not depend on the distance — the
/// terminals' arcs and height gains, clutter, the roughness weighting's height term — is found once per path,
/// since ITM evaluates the diffraction line at two distances. The path's own values are read from its
/// `ITMReferenceAttenuation`, passed to every call rather than copied in.
struct ITMDiffraction {
    private let thetaLOS: Double
    /// Normalised distances of the terminals' arcs and their height gains summed.
    private let terminalsX: Double
    private let terminalsGain: Double
    private let clutter: Double
    /// √(1 + (he₁he₂ − h₁h₂) / (h₁h₂ + 10 point-to-point)) of the roughness weighting.
    private let heightTerm: Double

    init(_ reference: ITMReferenceAttenuation, thetaLOS: Double, smoothLOS: Double) {
        self.thetaLOS = thetaLOS
        let g = reference.geometry, f = reference.frequency.megahertz
        let cubeRootF = reference.frequency.cubeRoot
        // The transmitter's arc in the first lane, the receiver's in the second.
        let horizons = SIMD2(g.horizonDistances.0, g.horizonDistances.1)
        let arcs = Self.arc(
            curvature: 2 * SIMD2(g.effectiveHeights.0, g.effectiveHeights.1) / (horizons * horizons),
            lengthKm: horizons / 1_000, cubeRootF: cubeRootF, groundFactor: reference.ground.voglerFactor
        )
        terminalsX = arcs.x[0] + arcs.x[1]
        let gains = Self.heightGains(arcs.x, arcs.k)
        terminalsGain = gains[0] + gains[1]
        let heights = reference.heights
        let clutterRoughness = sigmaH(reference.terrainRoughness(smoothLOS))
        clutter = min(15, 5 * decimalLog(1 + 1e-5 * heights.0 * heights.1 * f * clutterRoughness))
        var product = heights.0 * heights.1
        let excess = g.effectiveHeights.0 * g.effectiveHeights.1 - product
        if reference.pointToPoint { product += 10 }
        heightTerm = (1 + excess / product).squareRoot()
    }

    /// Vogler's normalised distance x and ground parameter K for two arcs, one per lane, of curvature `curvature`
    /// (1/m, the inverse of its effective radius: one division where the radius and then its inverse would take two).
    private static func arc(
        curvature: SIMD2<Double>, lengthKm: SIMD2<Double>, cubeRootF: Double, groundFactor: Double
    ) -> (x: SIMD2<Double>, k: SIMD2<Double>) {
        let c0 = cubeRoot((4.0 / 3.0) * 6_370e3 * curvature)
        let k = groundFactor * c0
        return ((1.607 - k) * c0 * c0 * cubeRootF * lengthKm, k)
    }

    /// Diffraction losses (dB) at two distances `d` (metres), one per lane, on the path of `reference`.
    func losses(at d: SIMD2<Double>, of reference: ITMReferenceAttenuation) -> SIMD2<Double> {
        let g = reference.geometry, earthRadius = reference.earthRadius, wavenumber = reference.frequency.wavenumber
        let actualLOS = g.horizonDistances.0 + g.horizonDistances.1
        let roughness = capped(reference.terrainRoughness(d) * wavenumber, at: 6_283.2)
        let q = (heightTerm + (-thetaLOS * earthRadius + actualLOS) / d) * roughness
        let weight = 25.1 / (25.1 + q.squareRoot())
        // The angle between the horizon rays at d, and the path's length between the horizons.
        let thetaNLOS = d * reference.medium.curvature - thetaLOS, beyond = d - g.horizonDistances.0 - g.horizonDistances.1
        let smoothEarth = smoothEarthLosses(thetaNLOS: thetaNLOS, beyond: beyond, of: reference)
        return weight * smoothEarth + (1 - weight) * knifeEdgeLosses(thetaNLOS: thetaNLOS, beyond: beyond, of: reference) + clutter
    }

    /// Double knife-edge loss over the two horizons [TN101, Eqns I.1, I.7], at two distances.
    private func knifeEdgeLosses(thetaNLOS: SIMD2<Double>, beyond: SIMD2<Double>, of reference: ITMReferenceAttenuation) -> SIMD2<Double> {
        let horizons = reference.geometry.horizonDistances
        let factor = 0.0795775 * reference.frequency.wavenumber * thetaNLOS * thetaNLOS * beyond
        let edges = (factor * horizons.0 / (beyond + horizons.0), factor * horizons.1 / (beyond + horizons.1))
        // Both edges deep in shadow (the usual case this far out): the two logarithms as one.
        let deep = (edges.0 .>= Self.shadowV2) .& (edges.1 .>= Self.shadowV2)
        let shadowed = 2 * Self.shadowOffset + 10 * decimalLog(edges.0 * edges.1)
        if all(deep) { return shadowed }
        var losses = shadowed
        for lane in 0..<2 where !deep[lane] { losses[lane] = fresnelLoss(edges.0[lane]) + fresnelLoss(edges.1[lane]) }
        return losses
    }

    /// v² from which the knife-edge loss follows its deep-shadow asymptote, 12.953 + 10 log v² dB.
    private static let shadowV2 = 5.76, shadowOffset = 12.953

    /// Ideal knife-edge loss A(v, 0) from v² [TN101v2, Eqn III.24].
    private func fresnelLoss(_ v2: Double) -> Double {
        v2 < Self.shadowV2 ? 6.02 + 9.11 * v2.squareRoot() - 1.27 * v2 : Self.shadowOffset + 10 * decimalLog(v2)
    }

    /// Smooth-earth diffraction by Vogler's three-radii method [Vogler 1964; Algorithm, Eqn 4.20], at two distances.
    private func smoothEarthLosses(thetaNLOS: SIMD2<Double>, beyond: SIMD2<Double>, of reference: ITMReferenceAttenuation) -> SIMD2<Double> {
        let arc = Self.arc(
            curvature: thetaNLOS / beyond, lengthKm: beyond / 1_000, cubeRootF: reference.frequency.cubeRoot,
            groundFactor: reference.ground.voglerFactor
        )
        let total = arc.x + terminalsX
        let distanceGain = 0.05751 * total - 10 * decimalLog(total)
        return distanceGain - terminalsGain - 20
    }

    /// F(x, K) of two arcs, one per lane: both at once where both are long (x ≥ 200, the usual case), else one by one.
    private static func heightGains(_ x: SIMD2<Double>, _ k: SIMD2<Double>) -> SIMD2<Double> {
        guard all(x .>= 200) else { return SIMD2(heightGain(x[0], k[0]), heightGain(x[1], k[1])) }
        let logarithm = naturalLog(x)
        var result = 0.05751 * x - 4.343 * logarithm
        let blended = x .< 2_000
        if any(blended) {
            let w = 0.0134 * x * exponential(-0.005 * x)
            result.replace(with: (1 - w) * result + w * (17.372 * logarithm - 117), where: blended)
        }
        return result
    }

    /// The height-gain function of Vogler's smooth-earth diffraction, F(x, K), dB.
    private static func heightGain(_ x: Double, _ k: Double) -> Double {
        if x < 200 {
            let w = -log(k)
            if k < 1e-5 || x * w * w * w > 5_495 {
                return x > 1 ? 17.372 * log(x) - 117 : -117
            }
            return 2.5e-5 * x * x / k - 8.686 * w - 15
        }
        var result = 0.05751 * x - 4.343 * log(x)
        if x < 2_000 {
            let w = 0.0134 * x * exponential(-0.005 * x)
            result = (1 - w) * result + w * (17.372 * log(x) - 117)
        }
        return result
    }
}
