import Foundation
@testable import Propagation
import TestSupport
import Testing

@Suite("Paired math")
struct PairedMathTests {
    @Test("Paired exponentials are the one-argument exponential lane by lane, bit for bit, also beyond ±700")
    func exponentials() {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<100_000 {
            let x = SIMD2(1_400 * random.unit() - 700, 20 * random.unit() - 10)
            let paired = exponential(x)
            #expect(paired[0].bitPattern == exponential(x[0]).bitPattern && paired[1].bitPattern == exponential(x[1]).bitPattern)
        }
        let outside = exponential(SIMD2(710, -0.5))
        #expect(outside[0] == exp(710) && outside[1] == exponential(-0.5))
    }

    @Test("Capped lanes are pointwiseMin's, bit for bit: below, at and above the cap, and NaN")
    func cappedLanes() {
        var random = SeededGenerator(seed: 13)
        var pairs = [SIMD2(Double.nan, 3), SIMD2(10, -.infinity), SIMD2(.infinity, -0.0), SIMD2(10.nextUp, 10.nextDown)]
        for _ in 0..<10_000 { pairs.append(SIMD2(20 * random.unit(), 20 * random.unit() - 10)) }
        for x in pairs {
            let capped = capped(x, at: 10), expected = pointwiseMin(x, SIMD2(repeating: 10))
            #expect(capped[0].bitPattern == expected[0].bitPattern && capped[1].bitPattern == expected[1].bitPattern, "\(x)")
        }
    }

    @Test("Paired sines and cosines are the one-argument ones lane by lane, bit for bit, in every quadrant and beyond ±8")
    func sinesAndCosines() {
        var random = SeededGenerator(seed: 12)
        for _ in 0..<100_000 {
            let x = SIMD2(16 * random.unit() - 8, Double.pi * random.unit())
            let paired = sineAndCosine(x)
            for lane in 0..<2 {
                let single = sineAndCosine(x[lane])
                #expect(paired.sin[lane].bitPattern == single.sin.bitPattern && paired.cos[lane].bitPattern == single.cos.bitPattern)
            }
        }
        let outside = sineAndCosine(SIMD2(9, 1))
        #expect(outside.sin[0] == sin(9) && outside.cos[0] == cos(9) && outside.sin[1] == sineAndCosine(1).sin)
    }

    @Test("Paired logarithms within one unit in the last place of log from 10⁻³⁰⁰ to 10³⁰⁰ and next to 1")
    func logarithms() {
        var random = SeededGenerator(seed: 13)
        var worst = 0.0, worstNearOne = 0.0
        for _ in 0..<200_000 {
            let wide = exp(1_380 * random.unit() - 690), nearOne = 1 + (random.unit() - 0.5) * 0.02
            let paired = naturalLog(SIMD2(wide, nearOne))
            worst = max(worst, abs(paired[0] - log(wide)) / log(wide).ulp)
            worstNearOne = max(worstNearOne, abs(paired[1] - log(nearOne)) / log(nearOne).ulp)
        }
        #expect(worst <= 1)
        #expect(worstNearOne <= 1)
        #expect(naturalLog(SIMD2(1, 2)) == SIMD2(0, log(2)))
    }

    @Test("Logarithms of zero, negatives, subnormals, infinity and NaN are log's")
    func logarithmsOutsideTheRange() {
        for x in [0.0, -1, Double.leastNormalMagnitude / 8, .infinity, .nan] {
            let paired = naturalLog(SIMD2(x, 10))
            #expect(paired[0].bitPattern == log(x).bitPattern || (paired[0].isNaN && log(x).isNaN), "\(x)")
            #expect(paired[1] == log(10.0))
        }
    }

    @Test("The logarithm table holds the centre c of each 128th of [0.6875, 1.375), 1/c and ln c")
    func logarithmTable() {
        #expect(logarithmCentres.count == 384)
        for part in 0..<128 {
            let low = Double(bitPattern: 0x3FE6_0000_0000_0000 + UInt64(part) << 45)
            let high = Double(bitPattern: 0x3FE6_0000_0000_0000 + UInt64(part + 1) << 45)
            let (centre, inverse, logarithm) = (logarithmCentres[3 * part], logarithmCentres[3 * part + 1], logarithmCentres[3 * part + 2])
            #expect(centre == (part == 79 || part == 80 ? 1 : (low + high) / 2), "part \(part)")
            #expect(abs(inverse - 1 / centre) <= (1 / centre).ulp / 2, "part \(part)")
            #expect(abs(logarithm - log(centre)) <= max(log(centre).ulp, .leastNormalMagnitude), "part \(part)")
        }
    }
}
