import Foundation
@testable import Propagation
import TestSupport
import Testing

@Suite("Sine and cosine")
struct SineCosineTests {
    /// The larger distance of sin x and cos x from libm's, in units in the last place.
    func ulps(_ x: Double) -> Double {
        let (s, c) = sineAndCosine(x)
        return max(abs(s - sin(x)) / sin(x).ulp, abs(c - cos(x)) / cos(x).ulp)
    }

    @Test("Within two units in the last place of libm over −8…8, next to every multiple of π/2 too")
    func againstLibm() {
        var random = SeededGenerator(seed: 8)
        var worst = 0.0
        for _ in 0..<200_000 { worst = max(worst, ulps((16 * random.unit() - 8) * (random.int(2) == 0 ? 1 : 1e-4))) }
        for quadrant in -5...5 {  // where one of the two nears 0 and the reduction must keep every digit
            var up = Double(quadrant) * .pi / 2, down = up
            for _ in 0..<20 {
                worst = max(worst, ulps(up), ulps(down))
                (up, down) = (up.nextUp, down.nextDown)
            }
        }
        #expect(worst <= 2)
        #expect(sineAndCosine(0) == (0, 1))
    }

    @Test("Beyond ±8 and non-finite values are libm's")
    func outsideTheRange() {
        for x in [8.0, -8, 100, 1e300] { #expect(sineAndCosine(x) == (sin(x), cos(x)), "\(x)") }
        #expect(sineAndCosine(.infinity).sin.isNaN && sineAndCosine(.nan).cos.isNaN)
    }
}
