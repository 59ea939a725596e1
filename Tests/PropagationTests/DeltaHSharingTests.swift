@testable import Propagation
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
}
