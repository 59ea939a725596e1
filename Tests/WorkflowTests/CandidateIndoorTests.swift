import Coverage
import Foundation
import Propagation
import TestSupport
import Testing
import Workflows

extension CandidateSearchTests {
    @Test("""
        Reach by ITM footprints for handsets in low-loss buildings finds, hilltop for hilltop, what a search with the \
        building's loss at 900 MHz less EIRP finds; at 90 % of locations the buildings' σ joined to ITM's reaches fewer \
        residents than their loss taken as one figure; a building with reach by distance is refused (exit 64)
        """)
    func hilltopsForHandsetsIndoors() throws {
        let folder = try temporaryFolder("candidates-indoors")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let building = BuildingPenetration(walls: .lowLoss), wall = building.lossDB(frequencyMHz: 900)
        func search(_ name: String, adjust: (inout CandidateSearchRequest) -> Void) throws -> [FoundCandidate] {
            var search = request(out: folder + "/\(name).csv")
            (search.model, search.ranking, search.maximum, search.frequencyMHz) = (.itm, .alone, 6, 900)
            adjust(&search)
            return try CandidateSearch.run(search).found
        }
        let indoors = try search("indoors") { $0.receiver.penetration = building }
        let weaker = try search("weaker") { $0.eirpDBm -= wall }
        #expect(indoors.count == 6 && indoors.map(\.location) == weaker.map(\.location))
        for (a, b) in zip(indoors, weaker) {
            #expect(abs(a.weightedResidentsInReach - b.weightedResidentsInReach) <= 1e-6 * b.weightedResidentsInReach, "\(a.id)")
        }
        let joined = try search("joined") {
            $0.receiver.penetration = building
            $0.environment.itm.location = 90
        }
        let flat = try search("flat") {
            $0.receiver.indoorLossDB = wall
            $0.environment.itm.location = 90
        }
        let total = { (found: [FoundCandidate]) in found.reduce(0) { $0 + $1.weightedResidentsInReach } }
        #expect(total(joined) < total(flat), "\(total(joined)) residents with the buildings' σ, \(total(flat)) without")
        let refused = try runProgram(phusongExecutable, [
            "candidates", "--terrain", terrain, "--population", communes, "--reach-by", "distance", "--indoor-penetration", "3gpp-low",
            "--out", folder + "/distance.csv",
        ])
        #expect(refused.status == 64 && refused.stderr.contains("--indoor-penetration and --indoor-loss-db need --reach-by footprint"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/distance.csv"))
    }
}
