import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

extension SignalQualityTests {
    /// Five 2G carriers over N44W072 — two on 935.2 MHz, one a channel above (935.4), one two channels above (935.6),
    /// one far off (937.0) — a 2G carrier on 1805.2 MHz and a 4G site on the same 1805.2 MHz.
    var gsmSites: [Site] {
        [
            ("G1", 44.45, -71.45, 935.2, Technology.gsm), ("G2", 44.46, -71.40, 935.2, .gsm), ("G3", 44.43, -71.42, 935.4, .gsm),
            ("G4", 44.49, -71.43, 935.6, .gsm), ("G5", 44.44, -71.47, 937.0, .gsm), ("G6", 44.40, -71.50, 1_805.2, .gsm),
            ("L1", 44.41, -71.49, 1_805.2, .lte),
        ].map { id, latitude, longitude, frequency, technology in
            Site(
                id: id, location: GeoPoint(latitude: latitude, longitude: longitude), antennaHeight: 30, frequencyMHz: frequency,
                eirpDBm: 57, technology: technology
            )
        }
    }

    func run(into folder: String, _ settings: CarrierToInterferenceSettings) throws -> (summary: FootprintSummary, ci: [Float]) {
        try run(into: folder, sites: gsmSites, raster: "ci.tif") { $0.ci = settings }
    }

    @Test("A 2G carrier's power interferes wholly on its own 200 kHz channel, 18 dB less one channel away, 50 dB less two away, not at all beyond")
    func interferingShares() {
        for (offset, share) in [(0.0, 1.0), (0.05, 1), (0.2, pow(10, -1.8)), (-0.2, pow(10, -1.8)), (0.25, pow(10, -1.8)), (0.4, 1e-5), (0.6, 0), (870, 0)] {
            #expect(abs(CarrierToInterferenceSettings.interferingShare(offsetMHz: offset) - share) < 1e-15, "\(offset) MHz")
        }
    }

    @Test("""
        Cell by cell: the strongest 2G carrier against the others on its channel, those a channel away 18 dB down and two \
        away 50 dB down, and −114.0 dBm of noise over 200 kHz (7 dB noise figure); the 4G site on a 2G carrier's \
        frequency adds nothing; a carrier no other is near has its C/N; the statistics count the cells a 2G server covers, \
        overall and per server
        """)
    func ciPerCell() throws {
        let folder = try temporaryFolder("ci")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reference = try run(into: folder + "/reference", CarrierToInterferenceSettings())
        let margin = try run(into: folder + "/margin", CarrierToInterferenceSettings(noiseFigureDB: 9, limitDB: 12))
        let sites = gsmSites, powers = try powersOverGrid(sites)
        func noise(_ figure: Double) -> Double { pow(10, (-174 + 10 * log10(200_000.0) + figure) / 10) }
        #expect(abs(10 * log10(noise(7)) - -113.990) < 0.001 && reference.summary.gsmCI?.noiseDBm == 10 * log10(noise(7)))
        let shares = [1, pow(10, -1.8), 1e-5]
        func share(_ a: Int, _ b: Int) -> Double {
            let channels = Int((abs(sites[a].frequencyMHz - sites[b].frequencyMHz) / 0.2).rounded())
            return channels < shares.count ? shares[channels] : 0
        }
        var covered: [Double] = [], coveredWithMargin: [Double] = [], byServer: [Int: [Double]] = [:], besideLTE = 0, balanced = 0
        var adjacent = 0
        for cell in reference.ci.indices {
            let reaching = (0..<6).filter { !powers[$0][cell].isNaN }
            guard let server = reaching.max(by: { powers[$0][cell] < powers[$1][cell] }) else {
                #expect(reference.ci[cell].isNaN)
                continue
            }
            let interference: Double = reaching.filter { $0 != server }.reduce(0) { total, other in total + share(server, other) * powers[other][cell] }
            let expected = 10 * log10(powers[server][cell] / (interference + noise(7)))
            #expect(abs(Double(reference.ci[cell]) - expected) < 1e-3, "cell \(cell): \(reference.ci[cell]) against \(expected)")
            let withMargin = 10 * log10(powers[server][cell] / (interference + noise(9)))
            #expect(abs(Double(margin.ci[cell]) - withMargin) < 1e-3)
            if Float(10 * log10(powers[server][cell])) >= -95 {
                covered.append(expected)
                coveredWithMargin.append(withMargin)
                byServer[server, default: []].append(expected)
            }
            if server >= 4 {
                #expect(abs(Double(reference.ci[cell]) - 10 * log10(powers[server][cell] / noise(7))) < 1e-3, "C/N where no 2G carrier is near")
                if server == 5, !powers[6][cell].isNaN { besideLTE += 1 }
            }
            if server < 2, reaching.contains(1 - server), abs(10 * log10(powers[0][cell] / powers[1][cell])) < 1 {
                #expect(reference.ci[cell] > -0.2 && reference.ci[cell] < 1.001, "two carriers on one channel within 1 dB: \(reference.ci[cell])")
                balanced += 1
            }
            if server == 2 {
                #expect(reference.ci[cell] > 18 - Float(10 * log10(3.0)) - 0.01, "a channel away from the three others: \(reference.ci[cell])")
                adjacent += 1
            }
        }
        #expect(besideLTE > 1_000 && balanced > 50 && adjacent > 1_000, "\(besideLTE) beside 4G, \(balanced) balanced, \(adjacent) a channel away")
        let quality = try #require(reference.summary.gsmCI)
        covered.sort()
        #expect(quality.coveredCells == covered.count && quality.adjacentChannelRejectionDB == [18, 50] && quality.noiseFigureDB == 7)
        try expectPercentiles(covered, median: quality.medianDB, percentile10: quality.percentile10DB)
        let under = 100 * Double(covered.filter { $0 < 9 }.count) / Double(covered.count)
        #expect(quality.limitDB == 9 && quality.percentUnderLimit == under && under > 0 && under < 100)
        expectServers(quality.servers, byServer, ids: sites.map(\.id), limit: 9)
        #expect(quality.servers.count == 6 && quality.servers.contains { $0.percentUnderLimit == 0 } && quality.servers.contains { $0.percentUnderLimit > 5 })
        let withMargin = try #require(margin.summary.gsmCI)
        let underMargin = 100 * Double(coveredWithMargin.filter { $0 < 12 }.count) / Double(coveredWithMargin.count)
        #expect(withMargin.limitDB == 12 && withMargin.percentUnderLimit == underMargin && underMargin > under)
        #expect(reference.summary.lteSINR == nil && reference.summary.umtsEcIo == nil)
    }

    /// Eight 2G sites 1–2 km apart on three channels, so that many cells hear more of them within 12 dB than a cell
    /// keeps for the interference matrix.
    var clusteredGSMSites: [Site] {
        (0..<8).map { index in
            Site(
                id: "C\(index)", location: GeoPoint(latitude: 44.44 + 0.01 * Double(index / 4), longitude: -71.46 + 0.015 * Double(index % 4)),
                antennaHeight: 30, frequencyMHz: 935.2 + 0.2 * Double(index % 3), eirpDBm: 57, technology: .gsm
            )
        }
    }

    @Test("""
        interference.csv, recounted cell by cell: for each 2G site's covered cells as the strongest 2G site, every other \
        2G site among the six strongest (whatever its frequency, the 4G site left out) less than the C/I limit below it, \
        with the share of the victim's cells and the channels between them; summary.json's totals, with the cells where \
        all six lie within the limit
        """, arguments: [false, true])
    func interferenceMatrix(clustered: Bool) throws {
        let folder = try temporaryFolder("ci-matrix")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = clustered ? clusteredGSMSites : gsmSites, gsm = sites.indices.filter { sites[$0].technology == .gsm }
        let summary = try run(into: folder, sites: sites, raster: "ci.tif") { $0.ci = CarrierToInterferenceSettings(limitDB: 12) }.0
        #expect(try StyleFile(folder + "/ci.qml").entries.map(\.label) == ["below 12 dB", "12 to 15 dB", "15 to 21 dB", "21 dB and above"])
        let dBm = try powersInDBm(sites)
        var served = [Int](repeating: 0, count: sites.count), crowded = 0
        var cells = [[Int]](repeating: [Int](repeating: 0, count: sites.count), count: sites.count)
        for cell in dBm[0].indices {
            let kept = gsm.filter { !dBm[$0][cell].isNaN }.sorted { dBm[$0][cell] > dBm[$1][cell] }.prefix(6)
            guard let server = kept.first, dBm[server][cell] >= -95 else { continue }
            served[server] += 1
            let within = kept.dropFirst().filter { Double(dBm[$0][cell]) > Double(dBm[server][cell]) - 12 }
            for other in within { cells[server][other] += 1 }
            if within.count == 5 { crowded += 1 }
        }
        var expected = ["victim,interferer,victim_cells,cells,percent,channels_apart"]
        for victim in sites.indices where served[victim] > 0 {
            for other in sites.indices.filter({ cells[victim][$0] > 0 }).sorted(by: { cells[victim][$0] > cells[victim][$1] }) {
                let apart = Int((abs(sites[victim].frequencyMHz - sites[other].frequencyMHz) / 0.2).rounded())
                let percent = String(format: "%.3f", 100 * Double(cells[victim][other]) / Double(served[victim]))
                expected.append("\(sites[victim].id),\(sites[other].id),\(served[victim]),\(cells[victim][other]),\(percent),\(apart)")
            }
        }
        let written = try String(contentsOfFile: folder + "/interference.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(written == expected)
        let totals = try #require(summary.gsmCI?.interferenceMatrix)
        #expect(totals.pairs == expected.count - 1 && totals.sitesKeptPerCell == 6 && totals.cellsWithEveryKeptSiteWithin == crowded)
        #expect(clustered ? crowded > 1_000 : expected.contains { $0.hasPrefix("G1,G2,") && $0.hasSuffix(",0") }, "\(crowded) crowded")
    }

    @Test("""
        `phusong footprint --ci --ci-limit-db 12` writes ci.tif and gsm_ci with that limit, and refuses a limit of 40 dB; \
        with no 2G site there is no ci.tif nor gsm_ci, and a warning says so; the scenario's ci_limit_db without ci: true \
        is refused
        """)
    func ciOptIn() throws {
        let folder = try temporaryFolder("ci-off")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sitesFile = folder + "/gsm.csv"
        try "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology\nG1,44.45,-71.45,30,935.2,57,2G\nG2,44.46,-71.40,30,935.4,57,2G\n"
            .write(toFile: sitesFile, atomically: true, encoding: .utf8)
        func footprint(_ limit: String, into out: String) throws -> ProgramOutput {
            try runProgram(phusongExecutable, [
                "footprint", "--terrain", terrain, "--sites", sitesFile, "--out", out, "--model", "fspl", "--radius-km", "3",
                "--ci", "--ci-limit-db", limit,
            ])
        }
        let cli = try footprint("12", into: folder + "/cli")
        #expect(cli.status == 0 && cli.stdout.contains(folder + "/cli/ci.tif"), "\(cli.stderr)")
        let summary = try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/cli/summary.json")))
        #expect(summary.gsmCI?.limitDB == 12 && summary.gsmCI?.coveredCells ?? 0 > 1_000)
        let tooHigh = try footprint("40", into: folder + "/high")
        #expect(tooHigh.status != 0 && tooHigh.stderr.contains("--ci-limit-db must be within −10–30 dB"), "\(tooHigh.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/high"))
        let noGSM = try run(into: folder + "/none", sites: umtsSites, raster: "coverage.tif") { $0.ci = CarrierToInterferenceSettings() }.0
        #expect(noGSM.gsmCI == nil && noGSM.warnings.contains { $0.hasPrefix("ci: no 2G site in the run") })
        #expect(!FileManager.default.fileExists(atPath: folder + "/none/ci.tif"))
        let refused = try verifyClaim(holding: "\"ci_limit_db\": 12", in: folder)
        #expect(refused.status != 0 && refused.stderr.contains("ci_limit_db: applies with ci: true"), "\(refused.stderr)")
    }
}
