import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("4G and 5G PCI plans (phusong pci, --pci, pci in site files)")
struct PCIPlanTests {
    @Test("""
        The sectors of a mast share a group on distinct shifts; the cells of neighbours on one shift are the least that \
        trying every mast's every permutation finds; with groups enough there is no collision, confusion nor pair of \
        neighbours on one PCI mod 30 (counted pair by pair), with ten groups alike mod 10 every pair on one shift is one; with two \
        groups no mast can move to the other without more conflicts; with one group the costs of the plan are \
        those counted from its PCIs; the same lists give the same plan
        """)
    func plannerReachesTheOptimum() {
        var random = SeededGenerator(seed: 504)
        for _ in 0..<12 {
            let (sites, relations, onOneMast) = randomRelations(masts: 5, sectors: 1...3, share: 0.3, random: &random)
            let planner = PCIPlanner(ids: (0..<sites).map { "E\($0)" }, relations: relations, onOneMast: onOneMast)
            let pci = planner.plan(groups: Array(0...167))
            #expect(planner.plan(groups: Array(0...167)) == pci)
            for mast in planner.masts {
                #expect(Set(mast.map { pci[$0] / 3 }).count == 1 && Set(mast.map { pci[$0] % 3 }).count == mast.count)
            }
            let cost = planner.cost(of: pci)
            #expect(cost.collisions == 0 && cost.confusions == 0 && cost.sameMod30Neighbours == 0)
            // Neighbours on one PCI mod 30, counted pair by pair: with groups all alike mod 10, every pair on one shift.
            func pairs(_ pci: [Int], modulo: Int) -> Int {
                Set(relations.filter { pci[$0.0] % modulo == pci[$0.1] % modulo }.map { [min($0.0, $0.1), max($0.0, $0.1)] }).count
            }
            let alike = planner.plan(groups: [3, 13, 23, 33, 43, 53, 63, 73, 83, 93])
            #expect(planner.cost(of: alike).sameMod30Neighbours == pairs(alike, modulo: 30))
            #expect(pairs(alike, modulo: 30) == pairs(alike, modulo: 3))
            #expect(planner.cost(of: planner.plan(groups: Array(0...9))).sameMod30Neighbours == 0, "\(relations)")
            // Every mast on a group of its own, every permutation of its shifts tried.
            let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
            var best = Int.max, trial = Array(repeating: 0, count: sites)
            for code in 0..<Int(pow(6.0, Double(planner.masts.count))) {
                var rest = code
                for (group, mast) in planner.masts.enumerated() {
                    for (slot, site) in mast.enumerated() { trial[site] = 3 * group + orders[rest % 6][slot] }
                    rest /= 6
                }
                best = min(best, planner.cost(of: trial).sameShiftCells)
            }
            #expect(cost.sameShiftCells == best, "\(relations)")
            // With two groups conflicts remain, but moving any one mast to the other group adds to them.
            let few = planner.plan(groups: [7, 8])
            func conflicts(_ pci: [Int]) -> Int { planner.cost(of: pci).collisions + planner.cost(of: pci).confusions }
            for mast in planner.masts {
                var moved = few
                for site in mast { moved[site] = 3 * (15 - few[site] / 3) + few[site] % 3 }
                #expect(conflicts(moved) >= conflicts(few), "\(relations)")
            }
            let crowded = planner.plan(groups: [7])
            #expect(crowded.allSatisfy { $0 / 3 == 7 })
            let counted = planner.ids.indices.map { planner.cost(of: $0, in: crowded) }
            #expect(counted.reduce(0) { $0 + $1.collisions } == 2 * planner.cost(of: crowded).collisions)
            #expect(counted.reduce(0) { $0 + $1.sameShiftCells } == 2 * planner.cost(of: crowded).sameShiftCells)
            #expect(counted.reduce(0) { $0 + $1.sameMod30Neighbours } == 2 * planner.cost(of: crowded).sameMod30Neighbours)
        }
    }

    @Test("Sectors on one mast beyond three take a second group; a large network's masts share no PCI with a neighbour or a neighbour's neighbour, nor a PCI mod 30 with a neighbour")
    func largeNetwork() {
        let four = PCIPlanner(ids: ["A", "B", "C", "D"], relations: [(0, 1, 5), (2, 3, 5)], onOneMast: [(0, 1), (1, 2), (2, 3)])
        #expect(four.masts == [[0, 1, 2], [3]])
        // Two masts whose sectors all neighbour each other: group 10 would put each pair on one shift on one PCI mod 30.
        let across = (0..<3).flatMap { a in (3..<6).flatMap { b in [(a, b, 50), (b, a, 50)] } }
        let coSite = [(0, 1), (1, 2), (3, 4), (4, 5)]
        let two = PCIPlanner(ids: (0..<6).map { "E\($0)" }, relations: across + coSite.map { ($0.0, $0.1, 10) }, onOneMast: coSite)
        let apart = two.plan(groups: [0, 10, 11])
        #expect(Set(apart.map { $0 / 3 }) == [0, 11] && two.cost(of: apart).sameMod30Neighbours == 0, "\(apart)")
        var random = SeededGenerator(seed: 168)
        let (sites, relations, onOneMast) = randomRelations(masts: 400, sectors: 1...3, share: 0.01, random: &random)
        let planner = PCIPlanner(ids: (0..<sites).map { "E\($0)" }, relations: relations, onOneMast: onOneMast)
        let cost = planner.cost(of: planner.plan(groups: Array(0...167)))
        #expect(cost.collisions == 0 && cost.confusions == 0 && cost.sameMod30Neighbours == 0, "\(cost)")
    }

    @Test("""
        Cells of one antenna port meet by PCI mod 6: two cells' reference signals meet where the SINR model has either \
        meet the other's; two masts whose sectors all neighbour part by their groups' parity when both are of one port, \
        not when one is of two ports or the groups are all even; on random networks of one-port cells the plan leaves \
        under half the cells meeting that one taking them for two ports leaves
        """)
    func onePortCells() {
        for ports in [[1, 1], [1, 2], [2, 1], [2, 2]] {
            let pair = PCIPlanner(ids: ["A", "B"], relations: [(0, 1, 1)], onOneMast: [], transmitAntennas: ports)
            // The SINR model's rule, one way: a cell's reference signals land on a server's by PCI mod 6 if it has one port, mod 3 if more.
            func lands(_ cell: Int, on server: Int, _ pci: [Int]) -> Bool { let m = ports[cell] == 1 ? 6 : 3; return pci[cell] % m == pci[server] % m }
            for first in 0..<12 {
                for second in 0..<12 {
                    let pci = [first, second]
                    #expect(pair.referenceSignalsMeet(0, 1, in: pci) == (lands(0, on: 1, pci) || lands(1, on: 0, pci)), "\(ports) \(pci)")
                }
            }
        }
        let across = (0..<3).flatMap { a in (3..<6).flatMap { b in [(a, b, 50), (b, a, 50)] } }
        let coSite = [(0, 1), (1, 2), (3, 4), (4, 5)]
        func meeting(_ ports: [Int], groups: [Int]) -> Int {
            let planner = PCIPlanner(ids: (0..<6).map { "E\($0)" }, relations: across + coSite.map { ($0.0, $0.1, 10) }, onOneMast: coSite, transmitAntennas: ports)
            let pci = planner.plan(groups: groups)
            #expect(planner.cost(of: pci).collisions == 0)
            return planner.cost(of: pci).sameShiftCells
        }
        #expect(meeting([1, 1, 1, 1, 1, 1], groups: Array(0...167)) == 0)
        #expect(meeting([1, 1, 1, 1, 1, 1], groups: [0, 2, 4]) == 300)
        #expect(meeting([1, 1, 1, 2, 2, 2], groups: Array(0...167)) == 300)
        #expect(meeting([2, 2, 2, 2, 2, 2], groups: Array(0...167)) == 300)
        var random = SeededGenerator(seed: 6)
        var aware = 0, blind = 0
        for _ in 0..<12 {
            let (sites, relations, onOneMast) = randomRelations(masts: 30, sectors: 1...3, share: 0.08, random: &random)
            let ids = (0..<sites).map { "E\($0)" }
            let onePort = PCIPlanner(ids: ids, relations: relations, onOneMast: onOneMast, transmitAntennas: Array(repeating: 1, count: sites))
            let planned = onePort.cost(of: onePort.plan(groups: Array(0...167)))
            let portBlind = onePort.cost(of: PCIPlanner(ids: ids, relations: relations, onOneMast: onOneMast).plan(groups: Array(0...167)))
            #expect(planned.collisions == 0 && planned.confusions == 0 && portBlind.collisions == 0 && portBlind.confusions == 0)
            aware += planned.sameShiftCells
            blind += portBlind.sameShiftCells
        }
        #expect(aware * 2 < blind, "\(aware) against \(blind)")
    }

    @Test("""
        With groups enough, the cells of neighbours whose reference signals meet are the least that trying every mast's \
        every permutation and group parity finds, on small networks of cells of one port and two drawn at random
        """)
    func onePortOptimum() {
        var random = SeededGenerator(seed: 66)
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
        for _ in 0..<10 {
            let (sites, relations, onOneMast) = randomRelations(masts: 4, sectors: 1...3, share: 0.4, random: &random)
            let ports = (0..<sites).map { _ in Bool.random(using: &random) ? 1 : 2 }
            let planner = PCIPlanner(ids: (0..<sites).map { "E\($0)" }, relations: relations, onOneMast: onOneMast, transmitAntennas: ports)
            let cost = planner.cost(of: planner.plan(groups: Array(0...167)))
            // Every mast on a group of its own (2 × mast + parity), every permutation of its shifts and both parities tried.
            var best = Int.max, trial = Array(repeating: 0, count: sites)
            for code in 0..<Int(pow(12.0, Double(planner.masts.count))) {
                var rest = code
                for (mast, sectors) in planner.masts.enumerated() {
                    for (slot, site) in sectors.enumerated() { trial[site] = 3 * (2 * mast + rest % 12 / 6) + orders[rest % 6][slot] }
                    rest /= 12
                }
                best = min(best, planner.cost(of: trial).sameShiftCells)
            }
            #expect(cost.collisions == 0 && cost.confusions == 0 && cost.sameShiftCells == best, "\(ports) \(relations)")
        }
    }

    @Test("Kept PCIs stay: the other sectors of their masts take the kept group on the shifts left, and with groups enough nothing clashes")
    func keptPCIs() {
        var random = SeededGenerator(seed: 169)
        for _ in 0..<8 {
            let (sites, relations, onOneMast) = randomRelations(masts: 30, sectors: 1...3, share: 0.05, random: &random)
            let planner = PCIPlanner(ids: (0..<sites).map { "E\($0)" }, relations: relations, onOneMast: onOneMast)
            let onAir = planner.plan(groups: Array(100...167))
            let kept = Dictionary(uniqueKeysWithValues: stride(from: 0, to: sites, by: 2).map { ($0, onAir[$0]) })
            let planned = planner.plan(groups: Array(0...167), keeping: kept)
            #expect(kept.allSatisfy { planned[$0.key] == $0.value })
            for mast in planner.masts where mast.contains(where: { kept[$0] != nil }) {
                let keptGroup = onAir[mast.first { kept[$0] != nil }!] / 3
                #expect(mast.allSatisfy { kept[$0] != nil || planned[$0] / 3 == keptGroup })
                #expect(Set(mast.map { planned[$0] % 3 }).count == mast.count)
            }
            let cost = planner.cost(of: planned)
            #expect(cost.collisions == 0 && cost.confusions == 0, "\(relations)")
        }
    }

    @Test("""
        Bad neighbour lists, plans and site PCIs are refused naming the file and the fault: lists without their columns, \
        with a broken line or no 4G row; a plan without its columns, a PCI of 504, a site twice, a site not in the list or \
        not 4G; a site file's pci on a 2G site or not a whole number 0–503; --groups beyond 167
        """)
    func refusals() throws {
        let folder = try temporaryFolder("pci-errors")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func refusal(_ text: String, _ read: (String) throws(InputError) -> Void) throws -> String {
            try refusalReason(of: text, in: folder, read)
        }
        let problem: (String) throws(InputError) -> Void = { path throws(InputError) in _ = try PCIPlan.problem(path) }
        let header = "technology,source,target,reason,cells\n"
        #expect(try refusal("technology,source,target\n4G,A,B\n", problem).contains("needs the columns technology, source, target, reason and cells"))
        #expect(try refusal(header + "4G,A,B,coverage,many\n", problem).contains("line 2: expected a technology, two different site ids"))
        #expect(try refusal(header + "4G,A,A,coverage,3\n", problem).contains("line 2"))
        #expect(try refusal(header + "2G,A,B,coverage,3\n", problem).contains("lists no 4G neighbours"))
        let load: (String) throws(InputError) -> Void = { path throws(InputError) in _ = try PCIPlan.load(path) }
        #expect(try refusal("id,group\nA,1\n", load).contains("needs the columns id and pci"))
        #expect(try refusal("id,pci\nA,1008\n", load).contains("line 2: site 'A' has no PCI (a whole number 0–1007)"))
        let load4G: (String) throws(InputError) -> Void = { path throws(InputError) in _ = try PCIPlan.load(path, technology: .lte) }
        #expect(try refusal("id,pci\nA,504\n", load4G).contains("line 2: site 'A' has no 4G PCI (a whole number 0–503)"))
        #expect(try refusal("id,pci\nA,1\nA,2\n", load).contains("line 3: site 'A' is listed twice"))
        let sites = [
            Site(id: "G", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 900, eirpDBm: 57, technology: .gsm),
            Site(id: "L", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 1_800, eirpDBm: 31, technology: .lte),
        ]
        let apply: (String) throws(InputError) -> Void = { path throws(InputError) in _ = try PCIPlan.apply(try PCIPlan.load(path), to: sites, path: path) }
        #expect(try refusal("id,pci\nX,1\n", apply).contains("site 'X' is not in the site list"))
        #expect(try refusal("id,pci\nG,1\n", apply).contains("site 'G' is a 2G site: a PCI plan gives 4G and 5G sites their PCI"))
        #expect(try refusal("id,pci\nL,504\n", apply).contains("site 'L' is a 4G site: its PCI lies within 0–503, not 504"))
        #expect(try PCIPlan.apply(["L": 301], to: sites, path: "pci.csv").map(\.pci) == [nil, 301])
        let siteFile: (String) throws(InputError) -> Void = { path throws(InputError) in _ = try SiteFile.load(path) }
        let columns = "id,lat,lon,height_m,eirp_dbm,technology,pci\n"
        #expect(try refusal(columns + "G,44.45,-71.45,30,57,2G,5\n", siteFile).contains("pci applies to 4G and 5G sites"))
        #expect(try refusal(columns + "L,44.45,-71.45,30,31,4G,504\n", siteFile).contains("pci 504.0 is not a physical cell identity"))
        #expect(try refusal(columns + "L,44.45,-71.45,30,31,4G,2.5\n", siteFile).contains("pci 2.5 is not a physical cell identity"))
        #expect(try refusal(columns + "N,44.45,-71.45,30,31,5G,1008\n", siteFile).contains("pci 1008.0 is not a physical cell identity (a whole number 0–1007)"))
        try (columns + "L,44.45,-71.45,30,31,4G,17\nN,44.45,-71.45,30,31,NR,1007\n").write(toFile: folder + "/ok.csv", atomically: true, encoding: .utf8)
        #expect(try SiteFile.load(folder + "/ok.csv").map(\.pci) == [17, 1007], "a 5G cell's PCI runs to 1007")
        let nr = Site(id: "N", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 3_500, eirpDBm: 31, technology: .nr)
        #expect(try PCIPlan.apply(["N": 1007], to: [nr], path: "pci.csv").map(\.pci) == [1007], "a 5G site takes a PCI up to 1007")
        #expect(PCIPlan.groups("0-167") == Array(0...167) && PCIPlan.groups("3,5-6") == [3, 5, 6])
        #expect(PCIPlan.groups("0-335", technology: .nr) == Array(0...335) && PCIPlan.groups("336", technology: .nr) == nil)
        for malformed in ["168", "0-168", "5-3", "1,1", "a", ""] { #expect(PCIPlan.groups(malformed) == nil, "\(malformed)") }
    }
}
