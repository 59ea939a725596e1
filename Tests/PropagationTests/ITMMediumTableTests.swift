@testable import Propagation
import Testing

@Suite("ITM's medium tabulated by system height")
struct ITMMediumTableTests {
    /// Heights every 0.73 m (so between the table's whole metres) from below its first entry to above its last: the
    /// interpolated medium follows the formulas within the table, and is the formulas' own outside it.
    @Test("Interpolated refractivity, curvature, radius and diffraction scale against the formulas")
    func followsFormulas() throws {
        for refractivity in [250.0, 301, 400] {
            let link = try ITMLink(
                heights: (30, 1.5), frequencyMHz: 900, environment: ITMEnvironment(refractivity: refractivity)
            )
            let table = ITMMediumTable(link: link)
            for systemHeight in stride(from: -700.0, through: 9_200, by: 0.73) {
                let exact = link.medium(systemHeight: systemHeight), tabulated = table.medium(systemHeight: systemHeight)
                #expect(abs(tabulated.surfaceRefractivity - exact.surfaceRefractivity) < 1e-6)
                #expect(abs(tabulated.curvature / exact.curvature - 1) < 3e-8)
                #expect(abs(tabulated.earthRadius / exact.earthRadius - 1) < 3e-8)
                #expect(abs(tabulated.diffractionScale / exact.diffractionScale - 1) < 3e-8)
                if systemHeight < -500 || systemHeight > 9_000 {
                    #expect(tabulated.curvature == exact.curvature && tabulated.diffractionScale == exact.diffractionScale)
                }
            }
        }
    }
}
