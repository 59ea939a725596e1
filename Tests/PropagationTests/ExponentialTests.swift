import Foundation
@testable import Propagation
import TestSupport
import Testing

@Suite("Exponential")
struct ExponentialTests {
    @Test("Within two units in the last place of exp over −700…700, and equal to it at 0, 1 and −699.9")
    func againstLibm() {
        var random = SeededGenerator(seed: 7)
        var worst = 0.0
        for _ in 0..<200_000 {
            let x = (1_400 * random.unit() - 700) * (random.int(2) == 0 ? 1 : 1e-4)  // wide, and near 0
            worst = max(worst, abs(exponential(x) - exp(x)) / exp(x).ulp)
        }
        #expect(worst <= 2)
        #expect(exponential(0) == 1 && exponential(1) == exp(1) && exponential(-699.9) == exp(-699.9))
    }

    @Test("The table holds 2^(j/128)")
    func table() {
        #expect(exponentialPowers.count == 128)
        for (j, bits) in exponentialPowers.enumerated() {
            #expect(abs(Double(bitPattern: bits) - exp2(Double(j) / 128)) <= exp2(Double(j) / 128).ulp, "j \(j)")
        }
    }

    @Test("Beyond ±700 and NaN are exp's")
    func outsideTheRange() {
        for x in [700.0, 709, 710, -700, -745, -746, .infinity, -.infinity] { #expect(exponential(x) == exp(x), "\(x)") }
        #expect(exponential(.nan).isNaN)
    }
}
