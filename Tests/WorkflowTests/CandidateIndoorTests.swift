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
        for option in ["--indoor-penetration 3gpp-low", "--rx-gain-dbi 2", "--body-loss-db 3", "--foliage-loss-db 4"] {
            let refused = try runProgram(phusongExecutable, [
                "candidates", "--terrain", terrain, "--population", communes, "--reach-by", "distance", "--out", folder + "/distance.csv",
            ] + option.split(separator: " ").map(String.init))
            let name = String(option.prefix { $0 != " " })
            #expect(refused.status == 64 && refused.stderr.contains("\(name) needs --reach-by footprint"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/distance.csv"))
        }
    }

    @Test("""
        The command's handset (--rx-gain-dbi, --body-loss-db, --foliage-loss-db) finds, by free-space footprints, the \
        hilltops and residents a search with EIRP lowered by their net loss finds, and fewer residents than a bare handset
        """)
    func handsetOfTheCommand() throws {
        let folder = try temporaryFolder("candidates-handset")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func listing(_ name: String, eirp: Double = 10, _ options: [String]) throws -> [String] {
            let result = try runProgram(phusongExecutable, [
                "candidates", "--terrain", terrain, "--population", communes, "--out", folder + "/\(name).csv", "--model", "fspl",
                "--reach-km", "8", "--resolution-m", "90", "--eirp-dbm", "\(eirp)", "--max-void-fraction", "0.9", "--max-candidates", "6", "--ranking", "alone",
            ] + options)
            #expect(result.status == 0, "\(result.stderr)")
            // The hilltops' lines: id, position, elevation and residents reached.
            return result.stdout.split(separator: "\n").map(String.init).filter { $0.hasSuffix(" residents") }
        }
        let handset = try listing("handset", ["--rx-gain-dbi", "2", "--body-loss-db", "3", "--foliage-loss-db", "9"])
        let weaker = try listing("weaker", eirp: 0, [])
        let bare = try listing("bare", [])
        #expect(handset.count == 6 && handset == weaker, "\(handset) against \(weaker)")
        let residents = { (lines: [String]) in lines.compactMap { Double($0.split(separator: " ").dropLast().last ?? "") }.reduce(0, +) }
        #expect(residents(bare) > residents(handset), "\(residents(bare)) residents for a bare handset, \(residents(handset)) with losses")
    }
}
