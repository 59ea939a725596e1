import Foundation
import Propagation
import Testing
@testable import Workflows

/// The 95 % confidence intervals of a drive test's fitted corrections.
@Suite("Calibration confidence intervals")
struct CalibrationIntervalTests {
    /// SplitMix64: a seeded generator, so that every run draws the same points.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("Student's t at 97.5 %: the published table's 2.306 (8 degrees of freedom), 2.228 (10), 2.042 (30), 1.984 (100)")
    func studentPercentiles() {
        for (freedom, table) in [(8, 2.306004), (10, 2.228139), (30, 2.042272), (100, 1.983972)] {
            #expect(abs(StudentT.percentile975(degreesOfFreedom: freedom) - table) < 1e-3, "\(freedom)")
        }
    }

    @Test("""
        Of 400 drive tests of 40 points drawn at 0.2–8 km, 3 dB − 4 dB per decade plus normal errors of 2 dB, the 95 % \
        intervals of the offset and the slope hold the true values 91.5–98.5 % of the time (binomial bounds); points \
        within a factor of two in distance give the mean's interval alone
        """)
    func intervalsHoldTheTruth() throws {
        var generator = SeededGenerator(state: 2026)
        func normal() -> Double {
            let u = Double.random(in: Double.ulpOfOne..<1, using: &generator), v = Double.random(in: 0..<1, using: &generator)
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        var offsetHeld = 0, slopeHeld = 0
        let trials = 400
        for _ in 0..<trials {
            let distances = (0..<40).map { _ in 0.2 * pow(40, Double.random(in: 0..<1, using: &generator)) }
            let errors = distances.map { 3 - 4 * log10($0) + 2 * normal() }
            let fit = try #require(FittedCorrection(technology: .lte, distances: distances, errors: errors))
            let offset = try #require(fit.offsetCI95DB), slope = try #require(fit.slopeCI95DBPerDecade)
            if abs(fit.correction.offsetDB - 3) <= offset { offsetHeld += 1 }
            if abs(fit.correction.slopeDBPerDecade + 4) <= slope { slopeHeld += 1 }
        }
        for held in [offsetHeld, slopeHeld] {
            #expect((0.915...0.985).contains(Double(held) / Double(trials)), "\(offsetHeld) and \(slopeHeld) of \(trials)")
        }
        let near = (0..<20).map { 1 + Double($0) / 40 }, errors = near.map { _ in 2 * normal() }
        let mean = try #require(FittedCorrection(technology: .gsm, distances: near, errors: errors))
        let average = errors.reduce(0, +) / 20
        let sigma = (errors.reduce(0) { $0 + ($1 - average) * ($1 - average) } / 19).squareRoot()
        #expect(!mean.slopeFitted && mean.slopeCI95DBPerDecade == nil)
        #expect(abs(try #require(mean.offsetCI95DB) - StudentT.percentile975(degreesOfFreedom: 19) * sigma / 20.0.squareRoot()) < 1e-12)
    }
}
