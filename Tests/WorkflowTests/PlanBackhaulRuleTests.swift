import Coverage
import Foundation
import Siting
import Terrain
import TestSupport
import Testing
@testable import Workflows

@Suite("A plan's backhaul rule read from a backhaul's reach")
struct PlanBackhaulRuleTests {
    @Test("""
        Candidates a hop joins to a standing site on the fibre, or that are hubs, or have no row, need no link; the others \
        need one; two candidates are linked by a hop between them or by standing sites that reach no fibre (a relay outside \
        the plan, a site on air); a candidate joined only to a site on air that reaches no fibre has no link at all
        """)
    func rule() throws {
        let folder = try temporaryFolder("plan-backhaul-rule")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // H on the fibre and X joined to it stand outside the plan; so does R, joined to no fibre. E is on air.
        try """
            id,hub,depends_on,working_hops
            H,true,,C;X
            X,false,H,H
            R,false,,A;B
            E,false,,F
            C,false,H,H;A
            A,false,,C;R
            B,false,,R
            F,false,,E
            G,true,,
            """.write(toFile: folder + "/reach.csv", atomically: true, encoding: .utf8)
        func candidate(_ id: String, _ kind: CoverageInstance.Kind = .greenfield) -> PlanCandidate {
            let site = Site(
                id: id, location: GeoPoint(latitude: 22.5, longitude: 103.8), antennaHeight: 30, frequencyMHz: 900, eirpDBm: 60,
                technology: .gsm
            )
            return PlanCandidate(site: site, cost: kind == .existing ? 0 : 100, kind: kind, group: nil, groupCapacity: nil)
        }
        let planned = [candidate("A"), candidate("B"), candidate("C"), candidate("D"), candidate("E", .existing), candidate("F"), candidate("G")]
        let chains = try BackhaulChains(path: folder + "/reach.csv", sites: planned.map(\.site))
        let rule = try #require(chains.sitingRule(planned: planned, candidates: planned.map(\.site)))
        #expect(rule.needingLink == [0, 1, 5])
        #expect(rule.links == [[0, 1], [0, 2]])
        // With R a candidate too (not chosen, so not standing), A and B are linked only through it.
        let withRelay = planned + [candidate("R")]
        let relayed = try #require(chains.sitingRule(planned: withRelay, candidates: withRelay.map(\.site)))
        #expect(relayed.needingLink == [0, 1, 5, 7] && relayed.links == [[0, 2], [0, 7], [1, 7]])
        try "id,hub,depends_on\nA,false,\n".write(toFile: folder + "/bare.csv", atomically: true, encoding: .utf8)
        #expect(try BackhaulChains(path: folder + "/bare.csv", sites: planned.map(\.site)).sitingRule(planned: planned, candidates: []) == nil)
    }
}
