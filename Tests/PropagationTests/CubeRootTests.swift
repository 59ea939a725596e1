import Foundation
@testable import Propagation
import TestSupport
import Testing

@Suite("Cube root")
struct CubeRootTests {
    /// Distance from libm's cbrt in units in the last place.
    func ulps(_ x: Double) -> Double { abs(cubeRoot(x) - cbrt(x)) / cbrt(x).ulp }

    @Test("Within three units in the last place of cbrt from 10⁻²⁹⁰ to 10²⁹⁰, and where ITM takes its roots")
    func againstLibm() {
        var random = SeededGenerator(seed: 6)
        var worst = 0.0
        for _ in 0..<200_000 {
            worst = max(worst, ulps(pow(10, -290 + 580 * random.unit())))
        }
        // ITM's arcs (4/3·6370 km over an arc's radius) and its diffraction scale (a²/f).
        for x in [1e-6, 0.37, 1, 8, 27, 1.7e3, 5.4e10, 4.5e13] { worst = max(worst, ulps(x)) }
        #expect(worst <= 3)
        #expect(cubeRoot(27) == 3 && cubeRoot(8) == 2)
    }

    @Test("Zero, negatives, extremes and non-finite values are cbrt's")
    func outsideTheRange() {
        for x in [0, -8, -1e-300, 1e-300, 1e300, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, .infinity] {
            #expect(cubeRoot(x) == cbrt(x), "\(x)")
        }
        #expect(cubeRoot(.nan).isNaN)
    }

    @Test("Paired cube roots are the one-argument cube root lane by lane, bit for bit, also outside 10⁻²⁹⁰…10²⁹⁰")
    func paired() {
        var random = SeededGenerator(seed: 16)
        for _ in 0..<100_000 {
            let x = SIMD2(pow(10, -290 + 580 * random.unit()), 1e-6 + 1e14 * random.unit())
            let roots = cubeRoot(x)
            #expect(roots[0].bitPattern == cubeRoot(x[0]).bitPattern && roots[1].bitPattern == cubeRoot(x[1]).bitPattern)
        }
        let outside = cubeRoot(SIMD2(-8, 1e300))
        #expect(outside[0] == cbrt(-8) && outside[1] == cbrt(1e300))
    }
}
