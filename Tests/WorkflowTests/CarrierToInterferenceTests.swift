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
        Cell by cell: the strongest 2G carrier against the others on its channel, those a channel away 18 dB down and two \\
        away 50 dB down, and −114.0 dBm of noise over 200 kHz (7 dB noise figure); the 4G site on a 2G carrier's \\
        frequency adds nothing; a carrier no other is near has its C/N; the statistics count the cells a 2G server covers, \\
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

    @Test("""
        `phusong footprint --ci --ci-limit-db 12` writes ci.tif and gsm_ci with that limit, and refuses a limit of 40 dB; \\
        with no 2G site there is no ci.tif nor gsm_ci, and a warning says so; the scenario's ci_limit_db without ci: true \\
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
