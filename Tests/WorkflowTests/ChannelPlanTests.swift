import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("BCCH channel plans (phusong channels, --channels)")
struct ChannelPlanTests {
    /// Every assignment of `sites` sites to `channels` channels, by brute force: the least cost.
    func optimum(_ planner: ChannelPlanner, sites: Int, channels: [Int]) -> ChannelPlanner.Cost {
        var best: ChannelPlanner.Cost?
        var assignment = [Int](repeating: 0, count: sites)
        for code in 0..<Int(pow(Double(channels.count), Double(sites))) {
            var rest = code
            for site in 0..<sites {
                assignment[site] = rest % channels.count
                rest /= channels.count
            }
            let cost = planner.cost(of: assignment, channels: channels)
            if best == nil || cost < best! { best = cost }
        }
        return best!
    }

    @Test("""
        The planner finds the least cost that trying every assignment finds — pairs of neighbours on one channel, then \
        cells of pairs on one channel, then on adjacent channels — on a complete graph and on matrices and neighbours \
        drawn at random, and gives the same plan twice
        """)
    func plannerReachesTheOptimum() {
        let four = ChannelPlanner(ids: ["A", "B", "C", "D"], pairs: [
            (0, 1, 50), (1, 0, 40), (0, 2, 30), (0, 3, 20), (1, 2, 25), (1, 3, 15), (2, 3, 5), (3, 2, 1),
        ])
        let spread = four.plan(channels: [1, 3, 5, 7])
        #expect(Set(spread).count == 4 && four.cost(of: spread, channels: [1, 3, 5, 7]) == .init(coChannelCells: 0, adjacentChannelCells: 0))
        let three = four.plan(channels: [1, 3, 5])
        #expect(four.cost(of: three, channels: [1, 3, 5]).coChannelCells == 6, "C and D, the lightest pair, share a channel")
        let separatedFour = ChannelPlanner(ids: four.ids, pairs: [
            (0, 1, 50), (1, 0, 40), (0, 2, 30), (0, 3, 20), (1, 2, 25), (1, 3, 15), (2, 3, 5), (3, 2, 1),
        ], separated: [(2, 3), (3, 2)])
        let apart = separatedFour.plan(channels: [1, 3, 5])
        #expect(separatedFour.cost(of: apart, channels: [1, 3, 5]) == .init(coChannelCells: 15), "C and D are neighbours: B and D share instead")
        #expect(separatedFour.neighboursOnChannel(of: 2, in: apart) == 0 && separatedFour.neighboursOnChannel(of: 2, in: three) == 1)
        var random = SeededGenerator(seed: 41)
        for instance in 0..<30 {
            let sites = 7
            let pairs = (0..<sites).flatMap { victim in
                (0..<sites).compactMap { interferer -> (victim: Int, interferer: Int, cells: Int)? in
                    victim == interferer || Int.random(in: 0..<3, using: &random) == 0 ? nil : (victim, interferer, Int.random(in: 1...500, using: &random))
                }
            }
            let separated = instance < 10 ? [] : (0..<sites).flatMap { first in
                (0..<sites).compactMap { second in first != second && Int.random(in: 0..<5, using: &random) == 0 ? (first, second) : nil }
            }
            let planner = ChannelPlanner(ids: (0..<sites).map { "S\($0)" }, pairs: pairs, separated: separated)
            for channels in [[1, 2, 3], [1, 3, 5], [10, 11, 30]] {
                let plan = planner.plan(channels: channels)
                #expect(planner.cost(of: plan, channels: channels) == optimum(planner, sites: sites, channels: channels), "\(pairs), \(separated) on \(channels)")
                #expect(planner.plan(channels: channels) == plan)
            }
        }
    }

    @Test("""
        BSICs: the sites on one channel that share matrix cells or that one site lists together (itself among them) get \
        different BSICs from the 64; from one colour code's eight, the clashes counted are those left and no site can \
        lower its own by taking another code; --ncc lists
        """)
    func bsicPlans() {
        var random = SeededGenerator(seed: 45)
        for _ in 0..<10 {
            let sites = 24
            let pairs = (0..<60).map { _ in (victim: Int.random(in: 0..<sites, using: &random), interferer: Int.random(in: 0..<sites, using: &random), cells: 10) }
            let separated = (0..<40).map { _ in (Int.random(in: 0..<sites, using: &random), Int.random(in: 0..<sites, using: &random)) }
            let planner = ChannelPlanner(ids: (0..<sites).map { "S\($0)" }, pairs: pairs, separated: separated)
            let assignment = planner.plan(channels: [1, 3, 5], rounds: 5)
            // The pairs to tell apart, recounted from the inputs.
            var peers = Set<[Int]>()
            func pair(_ a: Int, _ b: Int) { if a != b && assignment[a] == assignment[b] { peers.insert([min(a, b), max(a, b)]) } }
            for (victim, interferer, _) in pairs { pair(victim, interferer) }
            for source in 0..<sites {
                let group = [source] + Set(separated.filter { $0.0 == source && $0.1 != source }.map(\.1)).sorted()
                for first in group { for second in group { pair(first, second) } }
            }
            let all = planner.bsics(for: assignment, codes: Array(0...63))
            #expect(!peers.isEmpty && peers.allSatisfy { all[$0[0]] != all[$0[1]] })
            let eight = planner.bsics(for: assignment, codes: Array(24..<32))
            let clashes = planner.bsicClashes(in: assignment, bsic: eight)
            #expect(eight.allSatisfy { $0 / 8 == 3 })
            #expect(clashes.reduce(0) { $0 + $1.peers } == 2 * peers.count)
            #expect(clashes.reduce(0) { $0 + $1.clashes } == 2 * peers.filter { eight[$0[0]] == eight[$0[1]] }.count)
            for site in 0..<sites where clashes[site].clashes > 0 {
                for code in 24..<32 {
                    var moved = eight
                    moved[site] = code
                    #expect(planner.bsicClashes(in: assignment, bsic: moved)[site].clashes >= clashes[site].clashes)
                }
            }
        }
        #expect(ChannelPlan.colourCodes("0-7") == Array(0...7) && ChannelPlan.colourCodes("3") == [3])
        for malformed in ["8", "0-8", "1,1", "x"] { #expect(ChannelPlan.colourCodes(malformed) == nil, "\(malformed)") }
    }

    @Test("--arfcns lists: ranges and single channels of GSM 900, E-GSM, GSM 850 and DCS 1800; a number outside them, a backward range, a channel twice or text are refused")
    func channelLists() {
        #expect(ChannelPlan.channels("1-12") == Array(1...12))
        #expect(ChannelPlan.channels("1,3, 5,60-62,975,512-513") == [1, 3, 5, 60, 61, 62, 975, 512, 513])
        for malformed in ["300", "5-3", "1,1", "1-3,2", "a", "", "1,,2", "1-2-3", "125-128"] {
            #expect(ChannelPlan.channels(malformed) == nil, "\(malformed)")
        }
    }

    @Test("""
        Bad plans and matrices are refused naming the file and the fault: a matrix without its columns or with a broken \
        line, a plan without an id or a channel, a channel no band has, a site twice, a site not in the list or not 2G, \
        a BCC of 8; a site file's ncc without bcc, beyond 7 or on a 4G site; a plan's and a site file's BSICs are read
        """)
    func refusals() throws {
        let folder = try temporaryFolder("channel-plan-errors")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func refusal(_ text: String, _ read: (String) throws(InputError) -> Void) throws -> String {
            try refusalReason(of: text, in: folder, read)
        }
        let matrix: (String) throws(InputError) -> Void = { path throws(InputError) in _ = try ChannelPlan.problem(matrix: path) }
        #expect(try refusal("a,b\n1,2\n", matrix).contains("needs the columns victim, interferer, cells and channels_apart"))
        #expect(try refusal("victim,interferer,cells,channels_apart\nA,B,x,0\n", matrix).contains("line 2: expected two different site ids"))
        #expect(try refusal("victim,interferer,cells,channels_apart\nA,A,3,0\n", matrix).contains("line 2"))
        #expect(try refusal("victim,interferer,cells,channels_apart\n", matrix).contains("lists no pair of sites"))
        let validMatrix = folder + "/matrix.csv"
        try "victim,interferer,cells,channels_apart\nA,B,3,0\n".write(toFile: validMatrix, atomically: true, encoding: .utf8)
        let neighbours: (String) throws(InputError) -> Void = { path throws(InputError) in
            _ = try ChannelPlan.problem(matrix: validMatrix, neighbours: path)
        }
        #expect(try refusal("source,target\nA,B\n", neighbours).contains("needs the columns technology, source, target and same_frequency"))
        #expect(try refusal("technology,source,target,same_frequency\n2G,A,B,maybe\n", neighbours).contains("line 2: expected a technology"))
        #expect(try refusal("technology,source,target,same_frequency\n6G,A,B,true\n", neighbours).contains("line 2"))
        #expect(try refusal("technology,source,target,same_frequency\n4G,A,B,true\n", neighbours).contains("lists no 2G neighbours"))
        let problem = try ChannelPlan.problem(matrix: validMatrix, neighbours: {
            try "technology,source,target,same_frequency\n2G,A,C,true\n2G,C,A,true\n2G,A,B,false\n4G,L,M,true\n".write(
                toFile: folder + "/neighbours.csv", atomically: true, encoding: .utf8
            )
            return folder + "/neighbours.csv"
        }())
        #expect(problem.planner.ids == ["A", "B", "C"] && problem.now == .init(neighboursOnOneChannel: 1, coChannelCells: 3))
        let load: (String) throws(InputError) -> Void = { path throws(InputError) in _ = try ChannelPlan.load(path) }
        #expect(try refusal("name,arfcn\nA,1\n", load).contains("needs the columns id and arfcn (or frequency_mhz)"))
        #expect(try refusal("id,arfcn\nA,300\n", load).contains("line 2: site 'A' has no GSM channel"))
        #expect(try refusal("id,arfcn\nA,1\nA,2\n", load).contains("line 3: site 'A' is listed twice"))
        let sites = [
            Site(id: "G", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 900, eirpDBm: 57, technology: .gsm),
            Site(id: "L", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 1_800, eirpDBm: 57, technology: .lte),
        ]
        let apply: (String) throws(InputError) -> Void = { path throws(InputError) in _ = try ChannelPlan.apply(try ChannelPlan.load(path), to: sites, path: path) }
        #expect(try refusal("id,arfcn\nX,1\n", apply).contains("site 'X' is not in the site list"))
        #expect(try refusal("id,arfcn\nL,1\n", apply).contains("site 'L' is a 4G site"))
        let planned = try ChannelPlan.apply(["G": .init(frequencyMHz: 947.4, bsic: 29)], to: sites, path: "plan.csv")
        #expect(planned.map(\.frequencyMHz) == [947.4, 1_800] && planned.map(\.bsic) == [29, nil])
        #expect(try refusal("id,arfcn,ncc,bcc\nG,1,3,8\n", load).contains("line 2: site 'G' has no ncc and bcc 0–7"))
        let siteFile: (String) throws(InputError) -> Void = { path throws(InputError) in _ = try SiteFile.load(path) }
        let columns = "id,lat,lon,height_m,eirp_dbm,technology,ncc,bcc\n"
        #expect(try refusal(columns + "G,44.45,-71.45,30,57,2G,3,\n", siteFile).contains("ncc and bcc go together"))
        #expect(try refusal(columns + "G,44.45,-71.45,30,57,2G,3,8\n", siteFile).contains("ncc 3.0 and bcc 8.0 must be whole numbers 0–7"))
        #expect(try refusal(columns + "L,44.45,-71.45,30,31,4G,3,5\n", siteFile).contains("ncc and bcc apply to 2G sites"))
        try (columns + "G,44.45,-71.45,30,57,2G,3,5\n").write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
        #expect(try SiteFile.load(folder + "/sites.csv").map(\.bsic) == [29])
        try "id,arfcn,ncc,bcc\nG,1,3,5\n".write(toFile: folder + "/bsic.csv", atomically: true, encoding: .utf8)
        #expect(try ChannelPlan.load(folder + "/bsic.csv") == ["G": .init(frequencyMHz: 935.2, bsic: 29)])
    }
}

@Suite("A channel plan on real terrain", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct ChannelPlanRunTests {
    /// Nine 2G sites on a 3 × 3 lattice about 2.7 km apart, all on 935.2 MHz, as `sites.csv` in `folder`.
    func writeNineSites(into folder: String) throws {
        let rows = (0..<9).map { "S\($0),\(44.43 + 0.025 * Double($0 / 3)),\(-71.48 + 0.033 * Double($0 % 3)),30,935.2,57,2G" }
        try (["id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology"] + rows).joined(separator: "\n")
            .write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
    }

    @Test("""
        Nine 2G sites on one channel: footprint --ci, then phusong channels on three channels, then footprint --ci \
        --channels: the sites take the plan's carriers, the cells on one channel fall to about what the plan predicted \
        and the share of cells under the C/I limit falls
        """)
    func planThenCheck() throws {
        let folder = try temporaryFolder("channel-plan")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeNineSites(into: folder)
        func footprint(_ out: String, _ extra: [String] = []) throws -> FootprintSummary {
            let result = try runProgram(phusongExecutable, [
                "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", folder + "/sites.csv", "--out", folder + "/" + out,
                "--model", "fspl", "--radius-km", "4", "--ci",
            ] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/\(out)/summary.json")))
        }
        func coChannelCells(_ out: String) throws -> Int {
            try String(contentsOfFile: folder + "/\(out)/interference.csv", encoding: .utf8).split(separator: "\n").dropFirst()
                .map { $0.split(separator: ",") }.filter { $0.last == "0" }.reduce(0) { $0 + Int($1[3])! }
        }
        let before = try footprint("before")
        let planning = try runProgram(phusongExecutable, [
            "channels", "--matrix", folder + "/before/interference.csv", "--arfcns", "1,3,5", "--out", folder + "/channels.csv",
        ])
        #expect(planning.status == 0, "\(planning.stderr)")
        let plan = try String(contentsOfFile: folder + "/channels.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",") }
        #expect(plan.first == ["id", "arfcn", "frequency_mhz", "co_channel_cells", "neighbours_on_channel", "ncc", "bcc", "bsic_clashes"] && plan.count == 10)
        let predicted = plan.dropFirst().reduce(0) { $0 + Int($1[3])! } / 2
        #expect(planning.stdout.contains("cells of pairs on one channel: \(try coChannelCells("before")) now, \(predicted) with the plan"), "\(planning.stdout)")
        let after = try footprint("after", ["--channels", folder + "/channels.csv"])
        #expect(after.siteAreas.map(\.frequencyMHz).sorted() == plan.dropFirst().map { Double($0[2])! }.sorted())
        let measured = try coChannelCells("after")
        #expect(abs(Double(measured - predicted)) <= 0.02 * Double(predicted) + 5, "\(measured) cells on one channel against \(predicted) predicted")
        let underBefore = try #require(before.gsmCI?.percentUnderLimit), underAfter = try #require(after.gsmCI?.percentUnderLimit)
        #expect(underAfter < underBefore / 3, "\(underBefore) → \(underAfter) % under 9 dB")
        let missing = try runProgram(phusongExecutable, [
            "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", folder + "/sites.csv", "--out", folder + "/none",
            "--model", "fspl", "--radius-km", "4", "--channels", folder + "/absent.csv",
        ])
        #expect(missing.status != 0 && missing.stderr.contains("absent.csv: no such file"), "\(missing.stderr)")
    }
}

extension ChannelPlanRunTests {
    @Test("""
        Nine 2G sites on one channel with --neighbours: phusong channels --neighbours on three channels keeps fewer \
        neighbours on one channel than a plan of the interference matrix alone, predicts the pairs left, and the run with \
        the plan finds them in neighbours.csv; --ncc 3 gives every BSIC that colour code, none shared where it must not be
        """)
    func planKeepsNeighboursApart() throws {
        let folder = try temporaryFolder("channel-plan-neighbours")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeNineSites(into: folder)
        /// The relations between sites on one channel in the neighbours.csv of a run with `extra` into `out`.
        func sameChannelNeighbours(_ out: String, _ extra: [String] = []) throws -> Int {
            let result = try runProgram(phusongExecutable, [
                "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", folder + "/sites.csv", "--out", folder + "/" + out,
                "--model", "fspl", "--radius-km", "4", "--ci", "--neighbours",
            ] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return try String(contentsOfFile: folder + "/\(out)/neighbours.csv", encoding: .utf8).split(separator: "\n").filter { $0.hasSuffix(",true") }.count
        }
        /// The plan of `extra` into `name`, and what `phusong channels` printed.
        func plan(_ name: String, _ extra: [String] = []) throws -> String {
            let result = try runProgram(phusongExecutable, [
                "channels", "--matrix", folder + "/before/interference.csv", "--arfcns", "1,3,5", "--out", folder + "/" + name,
            ] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout
        }
        let before = try sameChannelNeighbours("before")
        #expect(before > 20, "every neighbour shares the one channel: \(before) relations")
        let withNeighbours = try plan("apart.csv", ["--neighbours", folder + "/before/neighbours.csv", "--ncc", "3"])
        #expect(withNeighbours.contains("BSICs on 1 colour code(s): ") && withNeighbours.contains(", 0 of them on one BSIC"), "\(withNeighbours)")
        #expect(withNeighbours.contains("pairs of neighbours on one channel: \(before / 2) now, "), "\(withNeighbours)")
        let predicted = try String(contentsOfFile: folder + "/apart.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .reduce(0) { $0 + Int($1.split(separator: ",")[4])! }
        #expect(withNeighbours.contains("pairs of neighbours on one channel: \(before / 2) now, \(predicted / 2) with the plan"))
        let colours = try String(contentsOfFile: folder + "/apart.csv", encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",")[5] }
        #expect(colours.count == 9 && colours.allSatisfy { $0 == "3" })
        _ = try plan("matrix-only.csv")
        let apart = try sameChannelNeighbours("apart", ["--channels", folder + "/apart.csv"])
        let matrixOnly = try sameChannelNeighbours("matrix-only", ["--channels", folder + "/matrix-only.csv"])
        #expect(apart == predicted && apart < matrixOnly, "\(apart) relations on one channel against \(matrixOnly) without --neighbours")
    }
}
