import Foundation
import Propagation
import TestSupport
import Testing

@Suite("Bearings")
struct BearingTests {
    /// How far `Bearing.turns` lies from atan2(east, north)/2π, in turns.
    func error(east: Double, north: Double) -> Double {
        abs(Bearing.turns(east: east, north: north) - atan2(east, north) / (2 * Double.pi))
    }

    @Test("Within a third of the declared error of atan2 in every octant, next to the octants' edges too")
    func againstLibm() {
        var random = SeededGenerator(seed: 11)
        var worst = 0.0
        for _ in 0..<1_000_000 {
            let angle = (2 * random.unit() - 1) * .pi, length = 1 + 1_000 * random.unit()
            worst = max(worst, error(east: length * sin(angle), north: length * cos(angle)))
        }
        for octant in -3...4 {  // the fold's edges, where the ratio nears 1 or 0
            let edge = Double(octant) * .pi / 4
            for offset in stride(from: -1e-3, through: 1e-3, by: 1e-6) {
                worst = max(worst, error(east: sin(edge + offset), north: cos(edge + offset)))
            }
        }
        #expect(worst > 0 && worst <= Bearing.maximumError / 3)
    }

    @Test("The axes exactly, and ½ turn due south")
    func axes() {
        #expect(Bearing.turns(east: 0, north: 5) == 0)
        #expect(Bearing.turns(east: 5, north: 0) == 0.25)
        #expect(Bearing.turns(east: -5, north: 0) == -0.25)
        #expect(Bearing.turns(east: 0, north: -5) == 0.5)
    }
}
