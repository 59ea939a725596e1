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
}
