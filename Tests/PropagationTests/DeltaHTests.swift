import Foundation
@testable import Propagation
import TestSupport
import Testing

@Suite("Terrain irregularity Δh of a profile")
struct DeltaHTests {
    /// Δh as ITM defines it, written out plainly: the profile between the two distances resampled at 10·p10 − 5
    /// points by linear interpolation (past the last elevation, along the last interval's line), a least-squares
    /// line through them with the end points at half weight, and the p10-th largest minus the p10-th smallest
    /// deviation from it, scaled to an infinite path.
    func plainDeltaH(_ z: [Double], step: Double, from start: Double, to end: Double) -> Double {
        let span = (end - start) / step
        let p10 = min(max(4, Int(0.1 * (span + 8))), 25), count = 10 * p10 - 5
        let values = (0..<count).map { sample in
            let position = start / step + Double(sample) * span / Double(count - 1)
            let above = min(max(Int(position.rounded(.up)), 1), z.count - 1)
            return z[above] - (z[above] - z[above - 1]) * (Double(above) - position)
        }
        let weights = (0..<count).map { $0 == 0 || $0 == count - 1 ? 0.5 : 1.0 }
        var (w, wx, wxx, wy, wxy) = (0.0, 0.0, 0.0, 0.0, 0.0)
        for (index, value) in values.enumerated() {
            let x = Double(index)
            w += weights[index]
            wx += weights[index] * x
            wxx += weights[index] * x * x
            wy += weights[index] * value
            wxy += weights[index] * x * value
        }
        let slope = (w * wxy - wx * wy) / (w * wxx - wx * wx), intercept = (wy - slope * wx) / w
        let deviations = values.enumerated().map { $0.element - (intercept + slope * Double($0.offset)) }.sorted()
        return (deviations[count - p10] - deviations[p10 - 1]) / (1 - 0.8 * exp(-(end - start) / 50e3))
    }

    @Test("Δh of random profiles equals the plain formulation, also when the span reaches into the last interval")
    func againstPlainFormulation() {
        var random = SeededGenerator(seed: 11)
        for trial in 0..<300 {
            let intervals = 20 + random.int(400), step = 30 + 70 * random.unit()
            let z = (0...intervals).map { _ in 1_000 * random.unit() }
            let start = 10 * step * random.unit()
            let end = Double(intervals) * step - (trial % 3 == 0 ? 0 : 10 * step * random.unit())
            var workspace = DeltaHWorkspace()
            let computed = z.withUnsafeBufferPointer {
                ITMProfileAnalysis.computeDeltaH($0, step: step, from: start, to: end, workspace: &workspace)
            }
            let plain = plainDeltaH(z, step: step, from: start, to: end)
            #expect(abs(computed - plain) <= 1e-9 * plain, "trial \(trial): \(computed) against \(plain)")
        }
    }
}
