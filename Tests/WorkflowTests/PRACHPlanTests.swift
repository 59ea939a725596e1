import Foundation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("4G PRACH root-sequence plans (phusong prach)")
struct PRACHPlanTests {
    @Test("""
        A cell's reach takes the least cyclic shift of TS 36.211's unrestricted set whose samples outlast the round trip, \
        5 µs of delay spread and 2 samples (computed apart here); the root sequences give 64 preambles with none to \
        spare a sequence; blocks are whole runs of the roots listed
        """)
    func cyclicShift() throws {
        let table = [13, 15, 18, 22, 26, 32, 38, 46, 59, 76, 93, 119, 167, 279, 419]
        // Reach, km: (N_CS − 2) samples of 800/839 µs, less 5 µs, at half the speed of light; to a tenth below.
        let reaches = table.map { ((Double($0 - 2) * 800 / 839 - 5) * 0.149_896_229 * 10).rounded(.down) / 10 }
        for (index, samples) in table.enumerated() {
            let shift = try #require(PRACHCyclicShift(radiusKm: reaches[index]))
            #expect(shift.configuration == index + 1 && shift.shiftSamples == samples && shift.reachKm == reaches[index])
            #expect(PRACHCyclicShift(radiusKm: reaches[index] + 0.05)?.configuration == (index + 2 < 16 ? index + 2 : nil))
            let perRoot = 839 / samples
            #expect(shift.preamblesPerRoot == perRoot && shift.rootsPerCell * perRoot >= 64 && (shift.rootsPerCell - 1) * perRoot < 64)
        }
        #expect(PRACHCyclicShift(radiusKm: 0) == nil && PRACHCyclicShift.longestReachKm == reaches.last!)
        // The planning handbooks' case: 15 km takes N_CS 119, 7 preambles a root sequence, 10 root sequences a cell.
        let fifteen = try #require(PRACHCyclicShift(radiusKm: 15))
        #expect(fifteen.shiftSamples == 119 && fifteen.preamblesPerRoot == 7 && fifteen.rootsPerCell == 10)
        #expect(fifteen.blocks(within: Array(0...837)) == Array(stride(from: 0, through: 820, by: 10)))
        #expect(fifteen.blocks(within: Array(0...15) + Array(20...45)) == [0, 20, 30])
        #expect(fifteen.blocks(within: Array(0...8)).isEmpty)
        #expect(PRACHPlan.roots("0-815") == Array(0...815) && PRACHPlan.roots("0-838") == nil && PRACHPlan.roots("3,3") == nil)
    }

    @Test("""
        A cell's range takes the preamble format of fewest subframes (the repeated sequence first of two alike) whose \
        cyclic prefix and guard time both outlast the round trip and 5 µs of delay spread: TS 36.211 Table 5.7.1-1's \
        lengths, computed apart here
        """)
    func preambleFormat() {
        // (T_CP, T_SEQ) in units of Ts = 1/30.72 µs, and the subframes each takes.
        let table: [(cyclicPrefix: Double, sequence: Double, subframes: Double)] = [(3_168, 24_576, 1), (21_024, 24_576, 2), (6_240, 49_152, 2), (21_024, 49_152, 3)]
        let reaches = table.map { format in
            let prefix = format.cyclicPrefix / 30.72, guardTime = format.subframes * 1_000 - (format.cyclicPrefix + format.sequence) / 30.72
            return ((min(prefix, guardTime) - 5) * 0.149_896_229 * 10).rounded(.down) / 10
        }
        #expect(reaches == [13.7, 76.5, 28.7, 101.8])
        for (number, reach) in reaches.enumerated() { #expect(PRACHPreambleFormat(rawValue: number)?.reachKm == reach) }
        for (range, format) in [(0.5, 0), (13.7, 0), (13.8, 2), (28.7, 2), (28.8, 1), (58.8, 1), (76.5, 1), (76.6, 3), (101.8, 3)] {
            #expect(PRACHPreambleFormat(rangeKm: range)?.rawValue == format, "\(range) km")
        }
        #expect(PRACHPreambleFormat(rangeKm: 101.9) == nil)
    }

    @Test("""
        With blocks enough no neighbours on one carrier, nor two of one site's, share a block; with three the clashes \
        are those counted from the relations, per site twice the total, and no site can move to another block with \
        fewer collisions, or as many and fewer confusions; the same lists give the same plan; kept sites keep theirs, the others planned around them without a clash
        """)
    func planner() {
        var random = SeededGenerator(seed: 838)
        let shift = PRACHCyclicShift(radiusKm: 10)!
        for _ in 0..<12 {
            let (sites, relations, onOneMast) = randomRelations(masts: 10, sectors: 1...3, share: 0.2, random: &random)
            let planner = PRACHPlanner(
                NeighbourRelations(ids: (0..<sites).map { "E\($0)" }, relations: relations, onOneMast: onOneMast), cyclicShift: shift
            )
            let blocks = shift.blocks(within: Array(0...837)), length = shift.rootsPerCell
            let starts = planner.plan(roots: Array(0...837))
            #expect(planner.plan(roots: Array(0...837)) == starts && starts.allSatisfy(blocks.contains))
            #expect(clashesCounted(relations, starts) == (0, 0))
            let onAir = planner.plan(roots: blocks.suffix(40).flatMap { $0..<($0 + length) })
            let kept = Dictionary(uniqueKeysWithValues: stride(from: 0, to: sites, by: 2).map { ($0, onAir[$0]) })
            let around = planner.plan(roots: Array(0...837), keeping: kept)
            #expect(kept.allSatisfy { around[$0.key] == $0.value } && clashesCounted(relations, around) == (0, 0))
            let few = planner.plan(roots: Array(0..<(3 * length)))
            let counted = planner.clashes(in: few), expected = clashesCounted(relations, few)
            #expect(counted.collisions == expected.collisions && counted.confusions == expected.confusions, "\(relations)")
            let perSite = (0..<sites).map { planner.clashes(of: $0, in: few) }
            #expect(perSite.reduce(0) { $0 + $1.collisions } == 2 * counted.collisions)
            for site in 0..<sites {
                for block in blocks.prefix(3) {
                    var moved = few
                    moved[site] = block
                    let after = planner.clashes(of: site, in: moved)
                    #expect((after.collisions, after.confusions) >= (perSite[site].collisions, perSite[site].confusions), "\(relations)")
                }
            }
        }
    }

    @Test("""
        Cells of different reach take their own shifts' blocks: with sequences enough no neighbours on one carrier, nor \
        two of one site's, share a sequence; with few the clashes are the pairs sharing one, counted from the relations, \
        and no site can move to another of its blocks with fewer collisions, or as many and fewer confusions
        """)
    func plannerOfMixedReach() {
        var random = SeededGenerator(seed: 839)
        let radii = [1.5, 4, 9, 15, 30]
        for _ in 0..<12 {
            let (sites, relations, onOneMast) = randomRelations(masts: 10, sectors: 1...3, share: 0.2, random: &random)
            let shifts = (0..<sites).map { _ in PRACHCyclicShift(radiusKm: radii.randomElement(using: &random)!)! }
            let planner = PRACHPlanner(
                NeighbourRelations(ids: (0..<sites).map { "E\($0)" }, relations: relations, onOneMast: onOneMast), shifts: shifts
            )
            // Sequences counted from each first, after 837 from 0.
            func sharing(_ starts: [Int]) -> (Int, Int) -> Bool {
                let sequences = (0..<sites).map { site in Set((0..<shifts[site].rootsPerCell).map { (starts[site] + $0) % 838 }) }
                return { !sequences[$0].isDisjoint(with: sequences[$1]) }
            }
            let starts = planner.plan(roots: Array(0...837))
            #expect((0..<sites).allSatisfy { shifts[$0].blocks(within: Array(0...837)).contains(starts[$0]) })
            #expect(clashesCounted(relations, sharing: sharing(starts)) == (0, 0), "\(starts)")
            // Kept cells anywhere, one across the end of the indices.
            let kept = [0: 830, 1: 100, 2: 417]
            let around = planner.plan(roots: Array(0...837), keeping: kept)
            #expect(kept.allSatisfy { around[$0.key] == $0.value } && clashesCounted(relations, sharing: sharing(around)) == (0, 0), "\(around)")
            let roots = Array(0..<64), few = planner.plan(roots: roots, keeping: kept)
            let counted = planner.clashes(in: few), expected = clashesCounted(relations, sharing: sharing(few))
            #expect(counted.collisions == expected.collisions && counted.confusions == expected.confusions, "\(relations)")
            for site in 0..<sites {
                let now = planner.clashes(of: site, in: few)
                for block in shifts[site].blocks(within: roots) where kept[site] == nil {
                    var moved = few
                    moved[site] = block
                    let after = planner.clashes(of: site, in: moved)
                    #expect((after.collisions, after.confusions) >= (now.collisions, now.confusions), "\(relations)")
                }
            }
        }
    }

    @Test("""
        On N44W072, four 4G masts of three sectors, one of them on another carrier: footprint --neighbours, then phusong \
        prach for 15 km cells: every site a block of 10 root sequences, no two neighbours on one carrier (nor two \
        neighbours of one site) on one, as neighbours.csv's rows show; a kept site keeps its own, and sites kept off the \
        blocks (one across the end of the indices) are planned around; bad radii, root lists, options and lists are refused
        """, .enabled(if: SharedData.isAvailable, SharedData.absence))
    func planOnTerrain() throws {
        let folder = try temporaryFolder("prach-plan")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeFourMasts(to: folder + "/sites.csv", prefix: "E", technology: "4G", eirpDBm: 32, columns: ["frequency_mhz"]) { mast in
            [mast == 3 ? "2630" : "1815"]
        }
        let lists = try runProgram(phusongExecutable, [
            "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", folder + "/sites.csv", "--out", folder + "/lists",
            "--model", "fspl", "--radius-km", "5", "--neighbours",
        ])
        #expect(lists.status == 0, "\(lists.stderr)")
        func prach(_ options: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            let result = try runProgram(phusongExecutable, ["prach", "--neighbours", folder + "/lists/neighbours.csv"] + options)
            return (result.status, result.stdout, result.stderr)
        }
        let planned = try prach(["--cell-radius-km", "15", "--roots", "0-89", "--out", folder + "/prach.csv"])
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(planned.stdout.contains("reaching 15.9 km: 7 preambles per root sequence, 10 root sequences per cell"), "\(planned.stdout)")
        #expect(planned.stdout.contains("collisions (a site and a neighbour on its carrier sharing a root sequence): 0"), "\(planned.stdout)")
        #expect(planned.stdout.contains("confusions (two such neighbours of a site sharing one): 0"), "\(planned.stdout)")
        let plan = try csvRows(folder + "/prach.csv")
        #expect(plan.count == 12 && plan.values.allSatisfy { Array(stride(from: 0, through: 80, by: 10)).contains(Int($0["root_sequence_index"]!)!) && $0["root_sequences"] == "10" })
        #expect(plan.values.allSatisfy { $0["preamble_format"] == "2" } && planned.stdout.contains("preamble formats: 2 (to 28.7 km) 12 sites"), "\(planned.stdout)")
        let relations = try csvTable(folder + "/lists/neighbours.csv").filter { $0["technology"] == "4G" }
        let block = { (id: String) in plan[id]!["root_sequence_index"]! }
        let sameCarrier = relations.filter { $0["same_frequency"] == "true" }
        #expect(sameCarrier.allSatisfy { block($0["source"]!) != block($0["target"]!) })
        for source in Set(sameCarrier.map { $0["source"]! }) {
            let targets = sameCarrier.filter { $0["source"] == source }.map { block($0["target"]!) }
            #expect(Set(targets).count == targets.count, "\(source)")
        }
        // Nine blocks for twelve sectors: the mast on 2630 MHz shares its neighbours' blocks across the carriers.
        #expect(relations.contains { $0["same_frequency"] == "false" && block($0["source"]!) == block($0["target"]!) })
        for (options, fault) in [
            (["--cell-radius-km", "60"], "--cell-radius-km must be more than 0 and within the longest cyclic shift's reach, 58.8 km"),
            (["--cell-radius-km", "15", "--roots", "0-8"], "--roots holds no 10 root sequences in a row"),
            (["--cell-radius-km", "15", "--roots", "0-838"], "--roots must list root sequences (0–837)"),
            (["--cell-radius-km", "15", "--sites", folder + "/sites.csv"], "--sites applies to prach with --reuse-distance-km"),
            (["--cell-radius-km", "15", "--cell-radius-from", folder + "/lists/summary.json"], "give either --cell-radius-km"),
            ([], "give either --cell-radius-km"),
        ] {
            let refused = try prach(options + ["--out", folder + "/no.csv"])
            #expect(refused.status != 0 && refused.stderr.contains(fault) && !FileManager.default.fileExists(atPath: folder + "/no.csv"), "\(refused.stderr)")
        }
        try "id,root_sequence_index\nE0-1,30\nE9-9,0\n".write(toFile: folder + "/on_air.csv", atomically: true, encoding: .utf8)
        let kept = try prach(["--cell-radius-km", "15", "--roots", "0-89", "--keep", folder + "/on_air.csv", "--out", folder + "/kept.csv"])
        #expect(kept.stdout.contains("kept: 1 sites' root sequences (1 of the file's sites are not in the lists)"), "\(kept.stdout)")
        #expect(try csvRows(folder + "/kept.csv")["E0-1"]?["root_sequence_index"] == "30")
        // On air anywhere, across the end of the indices too: 833–837 and 0–4.
        try "id,root_sequence_index\nE0-1,833\nE1-2,35\n".write(toFile: folder + "/shifted.csv", atomically: true, encoding: .utf8)
        let shifted = try prach(["--cell-radius-km", "15", "--roots", "0-89", "--keep", folder + "/shifted.csv", "--out", folder + "/shifted-plan.csv"])
        #expect(shifted.status == 0, "\(shifted.stderr)")
        let around = try csvRows(folder + "/shifted-plan.csv").mapValues { row in Set((0..<10).map { (Int(row["root_sequence_index"]!)! + $0) % 838 }) }
        #expect(around["E0-1"]?.contains(0) == true && around["E1-2"]?.contains(44) == true)
        #expect(sameCarrier.allSatisfy { around[$0["source"]!]!.isDisjoint(with: around[$0["target"]!]!) }, "\(around)")
        try ownReach(folder: folder, prach: prach)
        try "technology,source,target,reason,cells\n4G,A,B,coverage,3\n".write(toFile: folder + "/old.csv", atomically: true, encoding: .utf8)
        let old = try runProgram(phusongExecutable, ["prach", "--neighbours", folder + "/old.csv", "--cell-radius-km", "5", "--out", folder + "/no.csv"])
        #expect(old.status != 0 && old.stderr.contains("needs the columns technology, source, target, reason, cells and same_frequency"), "\(old.stderr)")
    }

    /// `prach --cell-radius-from` on the run in `folder/lists`: each site the shift of its own reach_km, its sequences a
    /// block of that shift, no two neighbours on one carrier sharing one, and those serving cells at the run's radius
    /// named; a site without a reach the shortest shift; summaries without a site of the lists, without reaches, or with
    /// one beyond every shift, refused.
    func ownReach(folder: String, prach: ([String]) throws -> (status: Int32, stdout: String, stderr: String)) throws {
        let summary = folder + "/lists/summary.json"
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summary))) as? [String: Any])
        let areas = try #require(json["site_areas"] as? [[String: Any]])
        let reaches = Dictionary(uniqueKeysWithValues: areas.map { ($0["id"] as! String, $0["reach_km"] as! Double) })
        let own = try prach(["--cell-radius-from", summary, "--out", folder + "/own.csv"])
        #expect(own.status == 0, "\(own.stderr)")
        let plan = try csvRows(folder + "/own.csv")
        #expect(plan.count == 12)
        var sequences = [String: Range<Int>]()
        for (id, row) in plan {
            let reach = try #require(reaches[id]), shift = try #require(PRACHCyclicShift(radiusKm: reach))
            let first = Int(row["root_sequence_index"]!)!, count = Int(row["root_sequences"]!)!
            #expect(Int(row["zero_correlation_zone_config"]!) == shift.configuration && count == shift.rootsPerCell && first % count == 0, "\(id): \(row)")
            #expect(Int(row["preamble_format"]!) == PRACHPreambleFormat(rangeKm: reach)?.rawValue, "\(id): \(row)")
            sequences[id] = first..<(first + count)
        }
        #expect(Set(plan.values.map { $0["zero_correlation_zone_config"]! }).count > 1, "\(reaches)")
        let sameCarrier = try csvTable(folder + "/lists/neighbours.csv").filter { $0["technology"] == "4G" && $0["same_frequency"] == "true" }
        #expect(!sameCarrier.isEmpty && sameCarrier.allSatisfy { !sequences[$0["source"]!]!.overlaps(sequences[$0["target"]!]!) })
        let radius = try #require(json["radius_km"] as? Double), cell = try #require(json["resolution_m"] as? Double) / 1_000
        let atRadius = reaches.values.filter { $0 >= radius - cell }.count
        #expect(atRadius > 0 && own.stdout.contains("warning: \(atRadius) sites serve cells at the run's radius, 5.0 km"), "\(own.stdout)")
        var served = json
        served["site_areas"] = areas.map { $0["id"] as? String == "E0-1" ? $0.filter { $0.key != "reach_km" } : $0 }
        try JSONSerialization.data(withJSONObject: served).write(to: URL(fileURLWithPath: folder + "/none.json"))
        let none = try prach(["--cell-radius-from", folder + "/none.json", "--out", folder + "/none.csv"])
        #expect(none.stdout.contains("serving no cell in the run, so given the shortest shift: 1 sites (E0-1)"), "\(none.stdout)")
        #expect(try csvRows(folder + "/none.csv")["E0-1"]?["zero_correlation_zone_config"] == "1")
        for (areas, fault) in [
            (areas.filter { $0["id"] as? String != "E0-1" }, "site 'E0-1' of the neighbour lists is not in its site_areas"),
            (areas.map { $0.filter { $0.key != "reach_km" } }, "no site has a reach_km"),
            (areas.map { $0["id"] as? String == "E0-1" ? $0.merging(["reach_km": 61]) { $1 } : $0 }, "site 'E0-1': reach_km 61.0 is not within a cyclic shift's reach"),
        ] {
            try JSONSerialization.data(withJSONObject: ["site_areas": areas, "radius_km": 5, "resolution_m": 90]).write(to: URL(fileURLWithPath: folder + "/other.json"))
            let refused = try prach(["--cell-radius-from", folder + "/other.json", "--out", folder + "/no.csv"])
            #expect(refused.status != 0 && refused.stderr.contains("other.json: " + fault) && !FileManager.default.fileExists(atPath: folder + "/no.csv"), "\(refused.stderr)")
        }
    }
}
