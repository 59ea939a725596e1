import Foundation
import Propagation
import Terrain
import Testing

@Suite("ITU-R P.526 diffraction")
struct P526Tests {
    /// Exact knife-edge loss from the Fresnel integrals: J(ν) = −20 log(√((1 − C − S)² + (C − S)²) / 2),
    /// with C and S integrated numerically (Simpson, 20,000 intervals).
    func exactKnifeEdge(_ nu: Double) -> Double {
        let n = 20_000, step = nu / Double(n)
        var c = 0.0, s = 0.0
        for i in 0...n {
            let t = Double(i) * step
            let weight: Double = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2)
            c += weight * cos(Double.pi * t * t / 2)
            s += weight * sin(Double.pi * t * t / 2)
        }
        c *= step / 3
        s *= step / 3
        return -20 * log10((((1 - c - s) * (1 - c - s) + (c - s) * (c - s)).squareRoot()) / 2)
    }

    @Test("J(ν) approximates the exact Fresnel knife edge within 0.6 dB for −0.7 ≤ ν ≤ 5; J(0) ≈ 6.0 dB")
    func knifeEdgeApproximation() {
        #expect(abs(exactKnifeEdge(0) - 6.0206) < 1e-3)
        var worst = 0.0
        for step in 0...57 {
            let nu = -0.7 + 0.1 * Double(step)
            worst = max(worst, abs(knifeEdgeLoss(nu: nu) - exactKnifeEdge(nu)))
        }
        print(String(format: "P.526 J(ν) vs exact Fresnel knife edge, −0.7 ≤ ν ≤ 5: max |Δ| %.3f dB", worst))
        #expect(worst < 0.6)
        #expect(knifeEdgeLoss(nu: -0.78) == 0 && knifeEdgeLoss(nu: -2) == 0)
    }

    @Test("A single knife edge on a flat earth: Bullington's J equals J(ν) with ν = h√(2/λ · (1/d₁ + 1/d₂))", arguments: [-8.0, 0.0, 5.0, 25.0, 60.0])
    func singleKnifeEdge(clearance: Double) {
        // 10 km path, antennas 20 m above flat ground, an edge at 4 km whose top is `clearance` above the ray.
        let step = 100.0
        var elevations = [Double](repeating: 0, count: 101)
        elevations[40] = 20 + clearance
        let profile = TerrainProfile(step: step, elevations: elevations)
        let frequency = 900.0
        let result = DeltaBullington(
            profile: profile, heights: (20, 20), frequencyMHz: frequency, earth: .flat, polarization: .vertical,
            permittivity: 15, conductivity: 0.005
        )
        let wavelength = 0.2998 / (frequency / 1_000)
        let nu = clearance * (2 / wavelength * (1 / 4_000.0 + 1 / 6_000.0)).squareRoot()
        #expect(abs(result.actualKnifeEdge - knifeEdgeLoss(nu: nu)) < 1e-9)
        let bullington = knifeEdgeLoss(nu: nu) + (1 - exp(-knifeEdgeLoss(nu: nu) / 6)) * (10 + 0.02 * 10)
        #expect(abs(result.loss - bullington) < 1e-9)
        #expect(result.sphericalEarth == 0)
    }

    @Test("Smooth earth: loss = max(spherical, Bullington); zero with ample clearance, growing beyond the horizon")
    func smoothEarth() {
        let earth = EarthModel()
        func loss(km: Double, heights: (Double, Double)) -> DeltaBullington {
            let points = Int((km * 10).rounded()) + 1
            return DeltaBullington(
                profile: TerrainProfile(step: 100, elevations: [Double](repeating: 0, count: points)), heights: heights,
                frequencyMHz: 900, earth: earth, polarization: .vertical, permittivity: 15, conductivity: 0.005
            )
        }
        let near = loss(km: 5, heights: (60, 30))
        #expect(near.loss == 0 && near.sphericalEarth == 0)
        let horizon = (((2 * earth.kFactor * earth.radius * 30).squareRoot() + (2 * earth.kFactor * earth.radius * 10).squareRoot()) / 100).rounded(.up) / 10
        var previous = 0.0
        for km in [horizon + 2, horizon + 10, horizon + 20, horizon + 40] {
            let beyond = loss(km: km, heights: (30, 10))
            #expect(beyond.actualBullington == beyond.smoothBullington)
            #expect(abs(beyond.loss - max(beyond.sphericalEarth, beyond.actualBullington)) < 1e-9)
            #expect(beyond.loss > previous)
            previous = beyond.loss
        }
        // The first-term formula: deep in the shadow the loss grows by 17.6·β·X per unit of normalised distance.
        let a = loss(km: horizon + 30, heights: (30, 10)).sphericalEarth, b = loss(km: horizon + 40, heights: (30, 10)).sphericalEarth
        let radiusKm = earth.kFactor * earth.radius / 1_000
        let k = 0.036 * pow(radiusKm * 0.9, -1.0 / 3.0) * pow(14.0 * 14.0 + 0.1 * 0.1, -0.25) * (225 + 0.01).squareRoot()
        let beta = (1 + 1.6 * k * k + 0.67 * pow(k, 4)) / (1 + 4.5 * k * k + 1.53 * pow(k, 4))
        let perKm = 21.88 * beta * pow(0.9 / (radiusKm * radiusKm), 1.0 / 3.0)
        let expected = 17.6 * perKm * 10 - 10 * log10((horizon + 40) / (horizon + 30))
        #expect(abs((b - a) - expected) < 1e-6)
    }
}
