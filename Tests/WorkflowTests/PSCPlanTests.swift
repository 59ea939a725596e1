import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("3G scrambling-code plans (phusong psc, --psc, psc in site files)")
struct PSCPlanTests {
    @Test("""
        Each mast's sectors share a code group on indices 0, 1, 2… by id; its clashes are those counted from the \
        relations, per site twice the total; with groups enough none; with two groups no mast can move to the other \
        without more; the same lists give the same plan
        """)
    func plannerKeepsMastsInGroups() {
        var random = SeededGenerator(seed: 512)
        for _ in 0..<12 {
            let (sites, relations, onOneMast) = randomRelations(masts: 8, sectors: 1...4, share: 0.3, random: &random)
            let ids = (0..<sites).map { "U\(sites - $0)" }
            let planner = PSCPlanner(NeighbourRelations(ids: ids, relations: relations.map { ($0.0, $0.1, $0.2) }, onOneMast: onOneMast))
            let psc = planner.plan(groups: Array(0...63))
            #expect(planner.plan(groups: Array(0...63)) == psc)
            for mast in planner.masts {
                #expect(Set(mast.map { psc[$0] / 8 }).count == 1)
                let byId = mast.sorted { Int(ids[$0].dropFirst())! < Int(ids[$1].dropFirst())! }
                #expect(byId.map { psc[$0] % 8 } == Array(0..<mast.count))
            }
            #expect(planner.relations.clashes(in: psc) == NeighbourRelations.Clashes())
            let few = planner.plan(groups: [20, 21])
            let counted = planner.relations.clashes(in: few), expected = clashesCounted(relations, few)
            #expect(counted.collisions == expected.collisions && counted.confusions == expected.confusions && counted.reuse == 0, "\(relations)")
            let perSite = ids.indices.map { planner.relations.clashes(of: $0, in: few) }
            #expect(perSite.reduce(0) { $0 + $1.collisions } == 2 * counted.collisions)
            #expect(perSite.reduce(0) { $0 + $1.confusions } == 2 * counted.confusions)
            for mast in planner.masts {
                var moved = few
                for site in mast { moved[site] = 8 * (41 - few[site] / 8) + few[site] % 8 }
                let after = planner.relations.clashes(in: moved)
                #expect(after.collisions + after.confusions >= counted.collisions + counted.confusions, "\(relations)")
            }
        }
    }

    @Test("Sectors on one mast beyond eight take a second group; a large network's masts share no code with a neighbour or a neighbour's neighbour")
    func largeNetwork() {
        let ten = PSCPlanner(NeighbourRelations(ids: (0..<10).map { "U\($0)" }, relations: [(0, 9, 5)], onOneMast: (0..<9).map { ($0, $0 + 1) }))
        #expect(ten.masts == [Array(0..<8), [8, 9]])
        var random = SeededGenerator(seed: 64)
        let (sites, relations, onOneMast) = randomRelations(masts: 400, sectors: 1...3, share: 0.01, random: &random)
        let planner = PSCPlanner(NeighbourRelations(ids: (0..<sites).map { "U\($0)" }, relations: relations.map { ($0.0, $0.1, $0.2) }, onOneMast: onOneMast))
        let psc = planner.plan(groups: Array(0...63))
        #expect(planner.relations.clashes(in: psc) == NeighbourRelations.Clashes())
        #expect(clashesCounted(relations, psc) == (0, 0))
    }

    @Test("""
        Kept codes stay, and the plan goes around them: a neighbour of a site kept on 8 takes 0; on random networks the \
        kept sites keep theirs, the other sectors of their masts take the kept group on free indices, and with groups \
        enough nothing clashes; ids the lists lack are left out
        """)
    func keptCodes() {
        let pair = NeighbourRelations(ids: ["A", "B"], relations: [(0, 1, 5), (1, 0, 5)], onOneMast: [])
        #expect(PSCPlanner(pair).plan(groups: [0, 1]) == [0, 8])
        #expect(pair.numbered(["A": 8, "Z": 3]) == [0: 8])
        #expect(PSCPlanner(pair).plan(groups: [0, 1], keeping: pair.numbered(["A": 8, "Z": 3])) == [8, 0])
        var random = SeededGenerator(seed: 88)
        for _ in 0..<8 {
            let (sites, relations, onOneMast) = randomRelations(masts: 30, sectors: 1...4, share: 0.05, random: &random)
            let planner = PSCPlanner(NeighbourRelations(ids: (0..<sites).map { "U\($0)" }, relations: relations.map { ($0.0, $0.1, $0.2) }, onOneMast: onOneMast))
            let first = planner.plan(groups: Array(0...63))
            // Every other site keeps a code from another plan of half the groups, as a network on air would.
            let onAir = planner.plan(groups: Array(32...63))
            let kept = Dictionary(uniqueKeysWithValues: stride(from: 0, to: sites, by: 2).map { ($0, onAir[$0]) })
            let planned = planner.plan(groups: Array(0...63), keeping: kept)
            #expect(kept.allSatisfy { planned[$0.key] == $0.value })
            for mast in planner.masts where mast.contains(where: { kept[$0] != nil }) {
                let keptGroup = onAir[mast.first { kept[$0] != nil }!] / 8
                #expect(mast.allSatisfy { kept[$0] != nil || planned[$0] / 8 == keptGroup })
                #expect(Set(mast.map { planned[$0] % 8 }).count == mast.count)
            }
            #expect(planner.relations.clashes(in: planned) == NeighbourRelations.Clashes(), "\(relations)")
            #expect(planned != first)
        }
    }

    @Test("""
        A reuse distance keeps sites nearer than it, neighbours or not, off one code: two pairs of neighbours 1 km \
        apart share no code in two groups, which they do without it; on random networks the clashes within it are \
        those counted pair by pair from the sites' places, and fewer than a plan without it leaves; a site the site \
        list lacks is refused naming the list
        """)
    func reuseDistance() throws {
        func site(_ id: String, kilometresEast: Double) -> Site {
            Site(
                id: id, location: GeoPoint(latitude: 44.45, longitude: -71.45 + kilometresEast / 79.5), antennaHeight: 30,
                frequencyMHz: 2_110, eirpDBm: 33, technology: .umts
            )
        }
        let sites = [site("A", kilometresEast: 0), site("B", kilometresEast: 10), site("C", kilometresEast: 1), site("D", kilometresEast: 11)]
        let pairs = NeighbourRelations(ids: ["A", "B", "C", "D"], relations: [(0, 1, 9), (1, 0, 9), (2, 3, 9), (3, 2, 9)], onOneMast: [])
        let apart = pairs.keepingApart(within: 3_000, locations: try pairs.perSite(sites, path: "sites.csv").map(\.location))
        let without = PSCPlanner(pairs).plan(groups: [0, 1]), with = PSCPlanner(apart).plan(groups: [0, 1])
        #expect(apart.clashes(in: without).reuse == 2 && apart.clashes(in: with) == NeighbourRelations.Clashes(), "\(without) \(with)")
        let missing = try #require(throws: InputError.self) { try pairs.perSite(Array(sites.prefix(3)), path: "sites.csv") }
        #expect(missing.path == "sites.csv" && missing.reason == "site 'D' of the neighbour lists is not in the site list")

        var random = SeededGenerator(seed: 2_100)
        for _ in 0..<6 {
            let (count, relations, onOneMast) = randomRelations(masts: 40, sectors: 1...3, share: 0.02, random: &random)
            var mastPlace: [Int: Double] = [:], mastOf = Array(0..<count)
            for (first, second) in onOneMast { mastOf[max(first, second)] = mastOf[min(first, second)] }
            for index in 0..<count { mastOf[index] = mastOf[mastOf[index]] }
            let located = (0..<count).map { index in
                let east = mastPlace[mastOf[index]] ?? Double.random(in: 0..<40, using: &random)
                mastPlace[mastOf[index]] = east
                return site("U\(index)", kilometresEast: east)
            }
            let read = NeighbourRelations(ids: located.map(\.id), relations: relations.map { ($0.0, $0.1, $0.2) }, onOneMast: onOneMast)
            let kept = read.keepingApart(within: 4_000, locations: located.map(\.location))
            let planned = PSCPlanner(kept).plan(groups: [0, 1, 2]), unplanned = PSCPlanner(read).plan(groups: [0, 1, 2])
            let related = Set(relations.map { [min($0.0, $0.1), max($0.0, $0.1)] })
            func reuseClashes(_ psc: [Int]) -> Int {
                (0..<count).reduce(0) { total, first in
                    total + (first + 1..<count).filter { second in
                        !related.contains([first, second]) && psc[first] == psc[second]
                            && located[first].location.distance(to: located[second].location) < 4_000
                    }.count
                }
            }
            #expect(kept.clashes(in: planned).reuse == reuseClashes(planned) && kept.clashes(in: unplanned).reuse == reuseClashes(unplanned))
            #expect(reuseClashes(planned) < reuseClashes(unplanned), "\(reuseClashes(planned)) against \(reuseClashes(unplanned))")
        }
    }

    @Test("""
        Bad neighbour lists, plans and site codes are refused naming the file and the fault: lists with no 3G row; a \
        plan without its columns, a code of 512, a site twice, a site not 3G; a site file's psc on a 4G site or not a \
        whole number 0–511; --groups beyond 63
        """)
    func refusals() throws {
        let folder = try temporaryFolder("psc-errors")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func refusal(_ text: String, _ read: (String) throws(InputError) -> Void) throws -> String {
            try refusalReason(of: text, in: folder, read)
        }
        let problem: (String) throws(InputError) -> Void = { path throws(InputError) in _ = try PSCPlan.problem(path) }
        #expect(try refusal("technology,source,target,reason,cells\n4G,A,B,coverage,3\n", problem).contains("lists no 3G neighbours"))
        let load: (String) throws(InputError) -> Void = { path throws(InputError) in _ = try PSCPlan.load(path) }
        #expect(try refusal("id,pci\nA,1\n", load).contains("needs the columns id and psc: a scrambling code plan such as phusong psc writes"))
        #expect(try refusal("id,psc\nA,512\n", load).contains("line 2: site 'A' has no scrambling code (a whole number 0–511)"))
        #expect(try refusal("id,psc\nA,1\nA,2\n", load).contains("line 3: site 'A' is listed twice"))
        let sites = [
            Site(id: "U", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 2_110, eirpDBm: 33, technology: .umts),
            Site(id: "L", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 1_800, eirpDBm: 31, technology: .lte),
        ]
        let apply: (String) throws(InputError) -> Void = { path throws(InputError) in _ = try PSCPlan.apply(try PSCPlan.load(path), to: sites, path: path) }
        #expect(try refusal("id,psc\nL,1\n", apply).contains("site 'L' is a 4G site: a scrambling-code plan gives 3G sites their primary scrambling code"))
        #expect(try PSCPlan.apply(["U": 511], to: sites, path: "psc.csv").map(\.psc) == [511, nil])
        let siteFile: (String) throws(InputError) -> Void = { path throws(InputError) in _ = try SiteFile.load(path) }
        let columns = "id,lat,lon,height_m,eirp_dbm,technology,psc\n"
        #expect(try refusal(columns + "L,44.45,-71.45,30,31,4G,5\n", siteFile).contains("psc applies to 3G sites"))
        #expect(try refusal(columns + "U,44.45,-71.45,30,33,3G,512\n", siteFile).contains("psc 512.0 is not a primary scrambling code (a whole number 0–511)"))
        try (columns + "U,44.45,-71.45,30,33,3G,400\n").write(toFile: folder + "/ok.csv", atomically: true, encoding: .utf8)
        #expect(try SiteFile.load(folder + "/ok.csv").map(\.psc) == [400])
        #expect(PSCPlan.groups("0-63") == Array(0...63) && PSCPlan.groups("0-3,60") == [0, 1, 2, 3, 60])
        for malformed in ["64", "0-64", "9-8", "2,2", "x", ""] { #expect(PSCPlan.groups(malformed) == nil, "\(malformed)") }
    }

    @Test("""
        On N44W072, four 3G masts of three sectors: footprint --neighbours, then phusong psc, then footprint \
        --neighbours --psc: each mast one group, no collision nor confusion in the plan nor in the run; a plan in one \
        group has the clashes phusong psc predicted, and the run counts them
        """, .enabled(if: SharedData.isAvailable, SharedData.absence))
    func planThenCheck() throws {
        let folder = try temporaryFolder("psc-plan")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeFourMasts(to: folder + "/sites.csv", prefix: "U", technology: "3G", eirpDBm: 33)
        func footprint(_ out: String, _ extra: [String]) throws -> (figures: FootprintSummary.Neighbours.TechnologyNeighbours, warnings: [String]) {
            let result = try runProgram(phusongExecutable, [
                "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", folder + "/sites.csv", "--out", folder + "/" + out,
                "--model", "fspl", "--radius-km", "5", "--neighbours",
            ] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let summary = try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/\(out)/summary.json")))
            return (try #require(summary.neighbours?.technologies.first { $0.technology == "3G" }), summary.warnings)
        }
        #expect(try footprint("lists", []).figures.identityCollisions == nil)
        func plan(_ name: String, groups: String) throws -> (stdout: String, rows: [[String]]) {
            let result = try runProgram(phusongExecutable, [
                "psc", "--neighbours", folder + "/lists/neighbours.csv", "--groups", groups, "--out", folder + "/" + name,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let rows = try String(contentsOfFile: folder + "/" + name, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
            #expect(rows.first == ["id", "psc", "group", "collisions", "confusions", "reuse_clashes"] && rows.count == 13)
            return (result.stdout, Array(rows.dropFirst()))
        }
        let good = try plan("psc.csv", groups: "10-20")
        try "id,psc\nU0-1,200\nU0-2,201\nX,7\n".write(toFile: folder + "/on_air.csv", atomically: true, encoding: .utf8)
        let kept = try runProgram(phusongExecutable, [
            "psc", "--neighbours", folder + "/lists/neighbours.csv", "--keep", folder + "/on_air.csv", "--out", folder + "/kept.csv",
        ])
        #expect(kept.stdout.contains("kept: 2 sites' codes (1 of the file's sites are not in the lists)"), "\(kept.stdout)")
        let keptRows = try String(contentsOfFile: folder + "/kept.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(Set(keptRows.filter { $0[0].hasPrefix("U0-") }.map { "\($0[0]):\($0[1])" }) == ["U0-1:200", "U0-2:201", "U0-3:202"])
        try "id,psc\nU0-1,600\n".write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = try runProgram(phusongExecutable, ["psc", "--neighbours", folder + "/lists/neighbours.csv", "--keep", folder + "/bad.csv", "--out", folder + "/no.csv"])
        #expect(bad.status != 0 && bad.stderr.contains("bad.csv: line 2: site 'U0-1' has no scrambling code"), "\(bad.stderr)")
        let near = try runProgram(phusongExecutable, [
            "psc", "--neighbours", folder + "/lists/neighbours.csv", "--groups", "0-1", "--sites", folder + "/sites.csv",
            "--reuse-distance-km", "6", "--out", folder + "/near.csv",
        ])
        let nearRows = try String(contentsOfFile: folder + "/near.csv", encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(near.stdout.contains("sites within 6.0 km on one code, not neighbours: \(nearRows.reduce(0) { $0 + Int($1[5])! } / 2)"), "\(near.stdout)")
        for (options, fault) in [
            (["--reuse-distance-km", "6"], "--reuse-distance-km needs --sites"), (["--sites", folder + "/sites.csv"], "--sites applies to psc with --reuse-distance-km"),
            (["--sites", folder + "/sites.csv", "--reuse-distance-km", "0"], "--reuse-distance-km must be within 0–1000 km"),
        ] {
            let refused = try runProgram(phusongExecutable, ["psc", "--neighbours", folder + "/lists/neighbours.csv", "--out", folder + "/no.csv"] + options)
            #expect(refused.status != 0 && refused.stderr.contains(fault) && !FileManager.default.fileExists(atPath: folder + "/no.csv"), "\(refused.stderr)")
        }
        #expect(good.stdout.contains("Scrambling-code plan: 12 3G sites on 4 masts, 4 of 11 code groups used"), "\(good.stdout)")
        for mast in 0..<4 {
            let sectors = good.rows.filter { $0[0].hasPrefix("U\(mast)-") }.sorted { $0[0] < $1[0] }
            #expect(Set(sectors.map { $0[2] }).count == 1 && (10...20).contains(Int(sectors[0][2])!))
            #expect(sectors.map { Int($0[1])! % 8 } == [0, 1, 2])
        }
        #expect(good.rows.allSatisfy { $0[3] == "0" && $0[4] == "0" })
        let checked = try footprint("planned", ["--psc", folder + "/psc.csv"]).figures
        #expect(checked.identityCollisions == 0 && checked.identityConfusions == 0)
        let crowded = try plan("one-group.csv", groups: "7")
        let collisions = crowded.rows.reduce(0) { $0 + Int($1[3])! } / 2, confusions = crowded.rows.reduce(0) { $0 + Int($1[4])! } / 2
        #expect(collisions > 0 && confusions > 0)
        #expect(crowded.stdout.contains("collisions (a site and a neighbour on one code): \(collisions)"), "\(crowded.stdout)")
        #expect(crowded.stdout.contains("confusions (two neighbours of a site on one code): \(confusions)"), "\(crowded.stdout)")
        let measured = try footprint("crowded", ["--psc", folder + "/one-group.csv"])
        #expect(measured.figures.identityCollisions == collisions && measured.figures.identityConfusions == confusions)
        #expect(measured.warnings.contains { $0.hasPrefix("neighbours: \(collisions) pair(s) of 3G neighbours share their carrier and scrambling code") }, "\(measured.warnings)")
    }
}
