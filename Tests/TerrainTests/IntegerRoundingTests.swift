import Foundation
import Terrain
import TestSupport
import Testing

@Suite("Rounding to integers without libm")
struct IntegerRoundingTests {
    @Test("floorInteger and ceilingInteger equal rounded(.down) and rounded(.up): random values, whole numbers, halves (ties) and neighbours, up to 2⁵⁰")
    func againstRounded() {
        var random = SeededGenerator(seed: 11)
        var values: [Double] = [0, -0.0, 0.5, -0.5, 1e-300, -1e-300, 0x1p50 - 0.5, -(0x1p50 - 0.5), 0x1p50, -0x1p50]
        for _ in 0..<100_000 { values.append((random.unit() - 0.5) * pow(10, 6 * random.unit())) }
        for whole in [-3_000.0, -2, -1, 0, 1, 2, 3_000] { values += [whole.nextDown, whole, whole.nextUp, whole + 0.5, whole - 0.5] }
        for x in values {
            #expect(floorInteger(x) == Int(x.rounded(.down)), "\(x)")
            #expect(ceilingInteger(x) == Int(x.rounded(.up)), "\(x)")
        }
    }
}
