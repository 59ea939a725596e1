import Foundation
@testable import Propagation
import TestSupport
import Testing

@Suite("Δh shared along a group of radials")
struct DeltaHSharingTests {
    @Test("A path's Δh serves later paths in its 5 % band of distance that start within the tolerance, until the group ends")
    func sharing() {
        var workspace = DeltaHWorkspace()
        #expect(workspace.shared(end: 20_100, start: 450, tolerance: 90) == nil, "nothing shared yet")
        workspace.share(37.5, end: 20_100, start: 450)
        #expect(workspace.shared(end: 20_900, start: 500, tolerance: 90) == 37.5, "same band (4 % further), start 50 m off")
        #expect(workspace.shared(end: 20_100, start: 600, tolerance: 90) == nil, "start 150 m off")
        #expect(workspace.shared(end: 21_100, start: 450, tolerance: 90) == nil, "5 % further: the next band")
        workspace.share(12, end: 20_100, start: 600)
        #expect(workspace.shared(end: 20_100, start: 450, tolerance: 90) == nil, "a band keeps the latest value")
        #expect(workspace.shared(end: 20_100, start: 600, tolerance: 90) == 12)
        workspace.startGroup()
        #expect(workspace.shared(end: 20_100, start: 600, tolerance: 90) == nil, "a new group starts empty")
    }

    @Test("A length's band is log(length) / log(1.05) truncated, on either side of every band's start and at random, up and down")
    func bands() {
        var workspace = DeltaHWorkspace()
        func byLogarithm(_ length: Double) -> Int { min(Int(log(max(length, 1)) / log(1.05)), DeltaHWorkspace.bandCount - 1) }
        for band in 1..<DeltaHWorkspace.bandCount {
            let start = exp(Double(band) * log(1.05))
            for length in [start.nextDown.nextDown, start.nextDown, start, start.nextUp, start.nextUp.nextUp] {
                #expect(workspace.band(of: length) == byLogarithm(length), "\(length) m")
            }
        }
        var random = SeededGenerator(seed: 12)
        for _ in 0..<2_000 {
            let length = exp(18 * random.unit() - 1)  // 0.4 m to 24,000 km, in any order
            #expect(workspace.band(of: length) == byLogarithm(length), "\(length) m")
        }
    }
}
