import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

extension SignalQualityTests {
    @Test("""
        Cell by cell, with every 4G site's PCI: at half load the other 1800 MHz site interferes whole where its reference \
        signals meet the server's — of two antenna ports on the server's PCI mod 3, of one on its PCI mod 6 — and at \
        half its power elsewhere; one 4G site without a PCI drops the shifts, with a warning
    """)
    func sinrByShift() throws {
        let folder = try temporaryFolder("sinr-shifts")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func withPCIs(_ values: [Int?], ports: [Int]) -> [Site] {
            var planned = sites
            for index in 0..<3 { (planned[index].pci, planned[index].transmitAntennas) = (values[index], ports[index]) }
            return planned
        }
        let settings = SINRSettings(loadPercent: 50)
        let powers = try powersOverGrid(sites), noise = pow(10, settings.noiseDBm / 10)
        // Whether the reference signals of `other` (its PCI, its ports) land on those of a server of PCI `server`.
        func meets(_ other: (pci: Int, ports: Int), server: Int) -> Bool { other.pci % (other.ports == 1 ? 6 : 3) == server % (other.ports == 1 ? 6 : 3) }
        let cases: [([Int?], [Int])] = [
            ([0, 3, 1], [2, 2, 2]), ([0, 4, 2], [2, 2, 2]), ([0, nil, 1], [2, 2, 2]), ([0, 3, 1], [1, 1, 2]), ([0, 6, 1], [1, 1, 2]),
            ([0, 3, 1], [1, 2, 2]),
        ]
        var wholeAndAtLoad = Set<Bool>()
        for (pcis, ports) in cases {
            let (summary, sinr) = try run(into: folder + "/\(pcis)-\(ports)", sites: withPCIs(pcis, ports: ports), raster: "sinr.tif") { $0.sinr = settings }
            let shifts = !pcis.contains(nil)
            #expect(summary.lteSINR?.referenceSignalShifts == shifts)
            #expect(summary.warnings.contains { $0.hasPrefix("sinr: 1 4G site(s) have no PCI") } == !shifts)
            var compared = 0
            for cell in sinr.indices {
                let lte = (0..<3).filter { !powers[$0][cell].isNaN }
                guard let server = lte.max(by: { powers[$0][cell] < powers[$1][cell] }), server != 2 else { continue }
                let other = 1 - server
                let whole = shifts && meets((pcis[other]!, ports[other]), server: pcis[server]!)
                let share = whole ? 1.0 : 0.5
                if shifts, lte.contains(other) { wholeAndAtLoad.insert(whole) }
                let interference = lte.contains(other) ? share * powers[other][cell] : 0
                let expected = 10 * log10(powers[server][cell] / (interference + noise))
                #expect(abs(Double(sinr[cell]) - expected) < 1e-3, "cell \(cell): \(sinr[cell]) against \(expected)")
                compared += 1
            }
            #expect(compared > 10_000)
        }
        #expect(wholeAndAtLoad == [true, false])
    }
}

extension SignalQualityTests {
    @Test("""
        Cell by cell, with 4G sites' own loads (L1 20 %, L2 80 %; the run's 50 % for the rest): the other 1800 MHz site \
        interferes at its own load in sinr.tif without PCIs or on another shift, whole on the server's shift; in \
        throughput.tif's data SINR at its own load whatever the shift; the summary counts the sites at their own load
        """)
    func sinrAtSitesOwnLoads() throws {
        let folder = try temporaryFolder("sinr-own-loads")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var loaded = sites
        (loaded[0].loadPercent, loaded[1].loadPercent) = (20, 80)
        (loaded[0].resourceBlocks, loaded[1].resourceBlocks) = (100, 50)
        let settings = SINRSettings(loadPercent: 50, throughput: ThroughputSettings(limitMbps: 20, handsetAntennas: 1))
        let powers = try powersOverGrid(loaded), noise = pow(10, settings.noiseDBm / 10), loads = [0.2, 0.8]
        for pcis in [[nil, nil, nil], [0, 4, 1], [0, 3, 1]] as [[Int?]] {
            for index in 0..<3 { loaded[index].pci = pcis[index] }
            let (summary, sinr) = try run(into: folder + "/\(pcis)", sites: loaded, raster: "sinr.tif") { $0.sinr = settings }
            let rates = try raster(folder + "/\(pcis)/throughput.tif", summary)
            #expect(summary.lteSINR?.sitesAtOwnLoad == 2 && summary.lteSINR?.loadPercent == 50)
            var compared = 0
            for cell in sinr.indices {
                let lte = (0..<3).filter { !powers[$0][cell].isNaN }
                guard let server = lte.max(by: { powers[$0][cell] < powers[$1][cell] }), server != 2 else { continue }
                let other = 1 - server, heard = lte.contains(other) ? powers[other][cell] : 0
                let whole = pcis[server].map { $0 % 3 == pcis[other]! % 3 } ?? false
                let expected = 10 * log10(powers[server][cell] / ((whole ? 1 : loads[other]) * heard + noise))
                #expect(abs(Double(sinr[cell]) - expected) < 1e-3, "\(pcis) cell \(cell): \(sinr[cell]) against \(expected)")
                let dataSINR = 10 * log10(powers[server][cell] / (loads[other] * heard + noise))
                guard !nearFloor(sinrDB: dataSINR, receive: 1) else { continue }
                let rate = expectedMbps(sinrDB: dataSINR, resourceBlocks: server == 0 ? 100 : 50)
                #expect(abs(Double(rates[cell]) - rate) <= 1e-4 * max(1, rate), "\(pcis) cell \(cell): \(rates[cell]) against \(rate) Mbps")
                compared += 1
            }
            #expect(compared > 10_000)
        }
    }
}

extension PCIPlanTests {
    @Test("""
        On N44W072, four 4G masts of three sectors, two of one antenna port: footprint --neighbours, then phusong pci \
        (sites within 20 km kept apart), then footprint --sinr --pci at 30 % load: the plan has no collision, confusion \
        nor reuse clash, each mast one group, its shifts' cells as pci.csv counts them (one-port neighbours by PCI mod \
        6), and a better SINR than every cell on one shift; --sites alone gives the ports, and must hold every site
        """, .enabled(if: SharedData.isAvailable, SharedData.absence))
    func planThenCheck() throws {
        let folder = try temporaryFolder("pci-plan")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (header, rows) = try writeFourMasts(
            to: folder + "/sites.csv", prefix: "E", technology: "4G", eirpDBm: 32, columns: ["frequency_mhz", "tx_antennas"]
        ) { mast in ["1815", mast < 2 ? "1" : "2"] }
        func footprint(_ out: String, _ extra: [String]) throws -> FootprintSummary {
            let result = try runProgram(phusongExecutable, [
                "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", folder + "/sites.csv", "--out", folder + "/" + out,
                "--model", "fspl", "--radius-km", "5",
            ] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/\(out)/summary.json")))
        }
        _ = try footprint("lists", ["--neighbours"])
        let planning = try runProgram(phusongExecutable, [
            "pci", "--neighbours", folder + "/lists/neighbours.csv", "--groups", "10-20", "--out", folder + "/pci.csv",
            "--sites", folder + "/sites.csv", "--reuse-distance-km", "20",
        ])
        #expect(planning.status == 0, "\(planning.stderr)")
        #expect(planning.stdout.contains("PCI plan: 12 4G sites on 4 masts, 4 of 11 groups used") && planning.stdout.contains("collisions (a site and a neighbour on one PCI): 0"), "\(planning.stdout)")
        let plan = try String(contentsOfFile: folder + "/pci.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(plan.first == ["id", "pci", "group", "shift", "collisions", "confusions", "reuse_clashes", "same_shift_cells", "same_mod30_neighbours"] && plan.count == 13)
        for mast in 0..<4 {
            let sectors = plan.dropFirst().filter { $0[0].hasPrefix("E\(mast)-") }
            #expect(Set(sectors.map { $0[2] }).count == 1 && Set(sectors.map { $0[3] }).count == 3 && (10...20).contains(Int(sectors[0][2])!))
        }
        #expect(plan.dropFirst().allSatisfy { $0[4] == "0" && $0[5] == "0" && $0[6] == "0" })
        #expect(planning.stdout.contains("sites within 20.0 km on one PCI, not neighbours: 0"), "\(planning.stdout)")
        #expect(planning.stdout.contains("sites of one antenna port (tx_antennas 1), whose reference signals go by PCI mod 6: 6"), "\(planning.stdout)")
        let predicted = plan.dropFirst().reduce(0) { $0 + Int($1[7])! } / 2
        #expect(planning.stdout.contains("cells of neighbours on one shift (PCI mod 3; mod 6 between one-port sites): \(predicted) of "), "\(planning.stdout)")
        // The same cells counted from neighbours.csv: a pair meets on one PCI mod 3, and mod 6 when both have one port.
        let pci = Dictionary(uniqueKeysWithValues: plan.dropFirst().map { ($0[0], Int($0[1])!) })
        let lists = try csvTable(folder + "/lists/neighbours.csv")
        let counted = lists.filter { $0["technology"] == "4G" }.reduce(0) { total, row in
            let (source, target) = (pci[row["source"]!]!, pci[row["target"]!]!)
            let onePort = [row["source"]!, row["target"]!].allSatisfy { $0.hasPrefix("E0-") || $0.hasPrefix("E1-") }
            return total + (source % (onePort ? 6 : 3) == target % (onePort ? 6 : 3) ? Int(row["cells"]!)! : 0)
        }
        #expect(counted == predicted)
        let portsOnly = try runProgram(phusongExecutable, [
            "pci", "--neighbours", folder + "/lists/neighbours.csv", "--groups", "10-20", "--out", folder + "/ports.csv", "--sites", folder + "/sites.csv",
        ])
        #expect(portsOnly.status == 0 && portsOnly.stdout.contains("whose reference signals go by PCI mod 6: 6"), "\(portsOnly.stderr)")
        try ([header] + rows.dropLast()).joined(separator: "\n")
            .write(toFile: folder + "/short.csv", atomically: true, encoding: .utf8)
        let short = try runProgram(phusongExecutable, [
            "pci", "--neighbours", folder + "/lists/neighbours.csv", "--out", folder + "/no.csv", "--sites", folder + "/short.csv",
        ])
        #expect(short.status != 0 && short.stderr.contains("short.csv: site 'E3-3' of the neighbour lists is not in the site list"), "\(short.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/no.csv"))
        let mod30 = plan.dropFirst().reduce(0) { $0 + Int($1[8])! } / 2
        #expect(planning.stdout.contains("neighbours on one PCI mod 30 (uplink reference signals): \(mod30)"), "\(planning.stdout)")
        try (["id,pci"] + (0..<12).map { "E\($0 / 3)-\($0 % 3 + 1),\(3 * $0)" }).joined(separator: "\n")
            .write(toFile: folder + "/one-shift.csv", atomically: true, encoding: .utf8)
        let planned = try #require(try footprint("planned", ["--sinr", "--lte-load", "30", "--pci", folder + "/pci.csv"]).lteSINR)
        let oneShift = try #require(try footprint("one-shift", ["--sinr", "--lte-load", "30", "--pci", folder + "/one-shift.csv"]).lteSINR)
        #expect(planned.referenceSignalShifts && oneShift.referenceSignalShifts)
        #expect(try #require(planned.medianDB) > (try #require(oneShift.medianDB)) + 1, "\(planned.medianDB!) against \(oneShift.medianDB!) dB")
    }
}
