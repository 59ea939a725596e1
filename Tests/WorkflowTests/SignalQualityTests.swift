import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("4G reference-signal SINR and 5G SS-SINR (--sinr), 3G pilot Ec/Io (--ecio) and 2G C/I (--ci)", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct SignalQualityTests {
    let terrain = SharedData.path("terrain/N44W072.hgt")
    /// Two 4G sites 4 km apart on 1800 MHz, a third on 2600 MHz and a 2G site: only the first two interfere.
    let sites = [
        Site(id: "L1", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 1_800, eirpDBm: 31, technology: .lte),
        Site(id: "L2", location: GeoPoint(latitude: 44.46, longitude: -71.40), antennaHeight: 30, frequencyMHz: 1_800, eirpDBm: 31, technology: .lte),
        Site(id: "L3", location: GeoPoint(latitude: 44.43, longitude: -71.42), antennaHeight: 30, frequencyMHz: 2_600, eirpDBm: 31, technology: .lte),
        Site(id: "G1", location: GeoPoint(latitude: 44.44, longitude: -71.43), antennaHeight: 30, frequencyMHz: 900, eirpDBm: 57, technology: .gsm),
    ]
    let parameters = CoverageParameters(radius: 5_000, model: .fspl)

    /// Two 3G sites on 2100 MHz, one on 900 MHz and a 4G site: only the first two interfere with each other.
    let umtsSites = [
        Site(id: "U1", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 2_100, eirpDBm: 33, technology: .umts),
        Site(id: "U2", location: GeoPoint(latitude: 44.46, longitude: -71.40), antennaHeight: 30, frequencyMHz: 2_100, eirpDBm: 33, technology: .umts),
        Site(id: "U3", location: GeoPoint(latitude: 44.43, longitude: -71.42), antennaHeight: 30, frequencyMHz: 900, eirpDBm: 33, technology: .umts),
        Site(id: "L1", location: GeoPoint(latitude: 44.44, longitude: -71.43), antennaHeight: 30, frequencyMHz: 1_800, eirpDBm: 31, technology: .lte),
    ]

    func run(into folder: String, _ settings: SINRSettings) throws -> (summary: FootprintSummary, sinr: [Float]) {
        try run(into: folder, sites: sites, raster: "sinr.tif") { $0.sinr = settings }
    }

    func run(into folder: String, _ settings: EcIoSettings) throws -> (summary: FootprintSummary, ecio: [Float]) {
        try run(into: folder, sites: umtsSites, raster: "ecio.tif") { $0.ecio = settings }
    }

    /// A run of `sites` into `folder` with the settings `asking` sets, its summary and the raster `name` it wrote.
    func run(
        into folder: String, sites: [Site], raster name: String, asking: (inout FootprintRequest) -> Void
    ) throws -> (FootprintSummary, [Float]) {
        var request = FootprintRequest(terrainPath: terrain, sitesPath: "sites", outputDirectory: folder, parameters: parameters)
        request.sites = sites
        asking(&request)
        let summary = try FootprintJob.run(request)
        return (summary, try raster(folder + "/" + name, summary))
    }

    /// A Float32 raster the run wrote, checked to lie on its grid.
    func raster(_ path: String, _ summary: FootprintSummary) throws -> [Float] {
        let source = try DEMSource.open(path)
        let raster = try #require(try source.read(covering: source.describe().frame.bounds, holding: .quantities))
        #expect(raster.frame.width == summary.gridWidth && raster.frame.height == summary.gridHeight)
        return raster.values
    }

    /// Each site's received power (dBm) over the run's grid, recomputed site by site; NaN beyond its window.
    func powersInDBm(_ sites: [Site]) throws -> [[Float]] {
        let grid = try DEMSource.open(terrain).metricGrid(around: sites.map(\.location), radius: parameters.radius).grid
        let positions = try CoverageEngine.positions(of: sites, on: grid)
        return try zip(sites, positions).map { site, position in
            let coverage = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
            var dBm = [Float](repeating: .nan, count: grid.width * grid.height)
            for row in 0..<coverage.height {
                for column in 0..<coverage.width {
                    dBm[(coverage.row + row) * grid.width + coverage.column + column] = coverage.power[row * coverage.width + column]
                }
            }
            return dBm
        }
    }

    /// Every site's received power (mW) over the run's grid, recomputed site by site; NaN beyond its window.
    func powersOverGrid(_ sites: [Site]) throws -> [[Double]] {
        try powersInDBm(sites).map { site in site.map { $0.isNaN ? .nan : pow(10, Double($0) / 10) } }
    }

    /// The summary's median and 10th percentile are those of the covered cells' values, `covered` sorted (over a
    /// thousand of them).
    func expectPercentiles(_ covered: [Double], median: Double?, percentile10: Double?) throws {
        #expect(covered.count > 1_000)
        #expect(abs(try #require(median) - covered[covered.count / 2]) < 1e-3)
        #expect(abs(try #require(percentile10) - covered[covered.count / 10]) < 1e-3)
    }

    /// The summary's figures per server are those of the values `byServer` holds for each (site n − 1's under n − 1),
    /// in the sites' order, with the share under `limit`.
    func expectServers(_ servers: [FootprintSummary.ServerQuality], _ byServer: [Int: [Double]], ids: [String], limit: Double) {
        #expect(servers.map(\.id) == byServer.keys.sorted().map { ids[$0] })
        for (server, index) in zip(servers, byServer.keys.sorted()) {
            let values = byServer[index]!.sorted()
            #expect(server.coveredCells == values.count && abs(server.medianDB - values[values.count / 2]) < 1e-3, "\(server.id)")
            #expect(server.percentUnderLimit == 100 * Double(values.filter { $0 < limit }.count) / Double(values.count), "\(server.id)")
        }
    }

    @Test("""
        5G cell by cell: the strongest 5G site's SS-RSRP against the other 3500 MHz site whole — at any 4G load — and \
        −122.2 dBm of noise (a 30 kHz subcarrier, 7 dB noise figure; −125.2 dBm for the site of 15 kHz spacing); 3700 MHz \
        and 4G add nothing; the statistics overall \
        and per server; sinr.tif stays the 4G site's
        """)
    func synchronisationSINRPerCell() throws {
        let folder = try temporaryFolder("ss-sinr")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let nrSites = [
            Site(id: "N1", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 3_500, eirpDBm: 40, technology: .nr),
            Site(
                id: "N2", location: GeoPoint(latitude: 44.46, longitude: -71.40), antennaHeight: 30, frequencyMHz: 3_500, eirpDBm: 40, technology: .nr,
                subcarrierSpacingKHz: 15
            ),
            Site(id: "N3", location: GeoPoint(latitude: 44.43, longitude: -71.42), antennaHeight: 30, frequencyMHz: 3_700, eirpDBm: 40, technology: .nr),
            Site(id: "L1", location: GeoPoint(latitude: 44.44, longitude: -71.43), antennaHeight: 30, frequencyMHz: 3_500, eirpDBm: 31, technology: .lte),
        ]
        let (summary, ssSINR) = try run(into: folder, sites: nrSites, raster: "ss_sinr.tif") { $0.sinr = SINRSettings(loadPercent: 0) }
        let powers = try powersOverGrid(nrSites)
        let noise = [30_000.0, 15_000].map { pow(10, (-174 + 10 * log10($0) + 7) / 10) }
        #expect(abs(10 * log10(noise[0]) - -122.229) < 0.001 && abs(10 * log10(noise[1]) - -125.239) < 0.001)
        #expect(summary.nrSINR?.noiseDBmBySpacing == ["30": 10 * log10(noise[0]), "15": 10 * log10(noise[1])])
        var compared = 0, covered: [Double] = [], byServer: [Int: [Double]] = [:]
        for cell in ssSINR.indices {
            let nr = (0..<3).filter { !powers[$0][cell].isNaN }
            guard let server = nr.max(by: { powers[$0][cell] < powers[$1][cell] }) else {
                #expect(ssSINR[cell].isNaN)
                continue
            }
            let interference = server == 2 ? 0 : nr.filter { $0 != server && $0 != 2 }.reduce(0) { $0 + powers[$1][cell] }
            let expected = 10 * log10(powers[server][cell] / (interference + noise[server == 1 ? 1 : 0]))
            #expect(abs(Double(ssSINR[cell]) - expected) < 1e-3, "cell \(cell): \(ssSINR[cell]) against \(expected)")
            compared += 1
            if Float(10 * log10(powers[server][cell])) >= -110 {
                covered.append(expected)
                byServer[server, default: []].append(expected)
            }
        }
        #expect(compared > 5_000, "\(compared) cells")
        let quality = try #require(summary.nrSINR)
        covered.sort()
        #expect(quality.noiseFigureDB == 7 && quality.coveredCells == covered.count && covered.contains { $0 < 10 })
        try expectPercentiles(covered, median: quality.medianDB, percentile10: quality.percentile10DB)
        #expect(quality.percentUnder0DB == 100 * Double(covered.filter { $0 < 0 }.count) / Double(covered.count))
        expectServers(quality.servers, byServer, ids: nrSites.map(\.id), limit: 0)
        let lteSINR = try raster(folder + "/sinr.tif", summary)
        let snr = lteSINR.indices.filter { !powers[3][$0].isNaN }.map { Double(lteSINR[$0]) - 10 * log10(powers[3][$0] / pow(10, -125.239 / 10)) }
        #expect(!snr.isEmpty && snr.allSatisfy { abs($0) < 0.01 }, "the lone 4G site on 3500 MHz meets noise alone, not the 5G sites")
    }

    @Test("""
        Cell by cell: the strongest 4G site's RSRP against the other 1800 MHz site at full load and −125.2 dBm of noise \
        (7 dB noise figure); 2600 MHz and 2G add nothing; where the two 1800 MHz sites are within 1 dB of each other, \
        SINR lies between 0 and 1 dB; at zero load, SINR is RSRP over noise; the statistics overall and \
        per server
        """)
    func sinrPerCell() throws {
        let folder = try temporaryFolder("sinr")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let full = try run(into: folder + "/full", SINRSettings())
        let idle = try run(into: folder + "/idle", SINRSettings(loadPercent: 0, noiseFigureDB: 9))
        let powers = try powersOverGrid(sites)
        let noise = pow(10, (-174 + 10 * log10(15_000.0) + 7) / 10)
        #expect(abs(10 * log10(noise) - -125.239) < 0.001 && full.summary.lteSINR?.noiseDBm == 10 * log10(noise))
        var compared = 0, balanced = 0, covered: [Double] = [], byServer: [Int: [Double]] = [:]
        for cell in full.sinr.indices {
            let lte = (0..<3).filter { !powers[$0][cell].isNaN }
            guard let server = lte.max(by: { powers[$0][cell] < powers[$1][cell] }) else {
                #expect(full.sinr[cell].isNaN)
                continue
            }
            let interference = server == 2 ? 0 : lte.filter { $0 != server && $0 != 2 }.reduce(0) { $0 + powers[$1][cell] }
            let expected = 10 * log10(powers[server][cell] / (interference + noise))
            #expect(abs(Double(full.sinr[cell]) - expected) < 1e-3, "cell \(cell): \(full.sinr[cell]) against \(expected)")
            let snr = 10 * log10(powers[server][cell] / pow(10, (-174 + 10 * log10(15_000.0) + 9) / 10))
            #expect(abs(Double(idle.sinr[cell]) - snr) < 1e-3)
            compared += 1
            if Float(10 * log10(powers[server][cell])) >= -110 {
                covered.append(expected)
                byServer[server, default: []].append(expected)
            }
            if server != 2, lte.contains(1 - server), abs(10 * log10(powers[0][cell] / powers[1][cell])) < 1 {
                #expect(full.sinr[cell] > -0.1 && full.sinr[cell] < 1.001, "the server at most 1 dB above the other: \(full.sinr[cell])")
                balanced += 1
            }
        }
        #expect(compared > 5_000 && balanced > 50, "\(compared) cells, \(balanced) between the two 1800 MHz sites")
        let quality = try #require(full.summary.lteSINR)
        covered.sort()
        #expect(quality.loadPercent == 100 && quality.noiseFigureDB == 7 && quality.coveredCells == covered.count)
        try expectPercentiles(covered, median: quality.medianDB, percentile10: quality.percentile10DB)
        #expect(quality.percentUnder0DB == 100 * Double(covered.filter { $0 < 0 }.count) / Double(covered.count))
        expectServers(quality.servers, byServer, ids: sites.map(\.id), limit: 0)
    }

    @Test("""
        Cell by cell: the strongest 3G site's pilot against the whole power of both 2100 MHz cells (ten times their pilots \
        at full load with a 10 % pilot) and −101.2 dBm of noise over 3.84 MHz; 900 MHz and 4G add nothing; at no load only \
        the pilots count; a cell alone tends to −10 dB; the statistics count the cells a 3G server covers, overall and \
        per server
        """)
    func ecioPerCell() throws {
        let folder = try temporaryFolder("ecio")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let full = try run(into: folder + "/full", EcIoSettings())
        let idle = try run(into: folder + "/idle", EcIoSettings(loadPercent: 0, pilotSharePercent: 20, noiseFigureDB: 9, limitDB: -6))
        let powers = try powersOverGrid(umtsSites)
        let noise = pow(10, (-174 + 10 * log10(3_840_000.0) + 7) / 10), idleNoise = pow(10, (-174 + 10 * log10(3_840_000.0) + 9) / 10)
        #expect(abs(10 * log10(noise) - -101.157) < 0.001 && full.summary.umtsEcIo?.noiseDBm == 10 * log10(noise))
        var compared = 0, alone = 0, covered: [Double] = [], byServer: [Int: [Double]] = [:]
        for cell in full.ecio.indices {
            let umts = (0..<3).filter { !powers[$0][cell].isNaN }
            guard let server = umts.max(by: { powers[$0][cell] < powers[$1][cell] }) else {
                #expect(full.ecio[cell].isNaN)
                continue
            }
            let carrier = server == 2 ? [2] : umts.filter { $0 != 2 }
            let pilots = carrier.reduce(0) { $0 + powers[$1][cell] }
            let expected = 10 * log10(powers[server][cell] / (10 * pilots + noise))
            #expect(abs(Double(full.ecio[cell]) - expected) < 1e-3, "cell \(cell): \(full.ecio[cell]) against \(expected)")
            #expect(abs(Double(idle.ecio[cell]) - 10 * log10(powers[server][cell] / (pilots + idleNoise))) < 1e-3)
            compared += 1
            if Float(10 * log10(powers[server][cell])) >= -100 {
                covered.append(expected)
                byServer[server, default: []].append(expected)
            }
            if carrier.count == 1, powers[server][cell] > 1e3 * noise {
                #expect(full.ecio[cell] <= -9.9999 && full.ecio[cell] > -10.01, "a cell alone, far above the noise: \(full.ecio[cell])")
                alone += 1
            }
        }
        #expect(compared > 5_000 && alone > 100, "\(compared) cells, \(alone) served alone")
        let quality = try #require(full.summary.umtsEcIo)
        covered.sort()
        #expect(quality.loadPercent == 100 && quality.pilotSharePercent == 10 && quality.coveredCells == covered.count)
        try expectPercentiles(covered, median: quality.medianDB, percentile10: quality.percentile10DB)
        let under = 100 * Double(covered.filter { $0 < -12 }.count) / Double(covered.count)
        #expect(quality.limitDB == -12 && quality.percentUnderLimit == under && under > 0 && under < 100)
        expectServers(quality.servers, byServer, ids: umtsSites.map(\.id), limit: -12)
        #expect(idle.summary.umtsEcIo?.limitDB == -6 && idle.summary.lteSINR == nil && full.summary.lteSINR == nil)
    }

    @Test("""
        A 3G site giving pilot_offset_db or load_percent sends its own total over its pilot (7 dB down: 5.01 times at \
        full load, 13 dB: 19.95 times; a 10 % pilot at 40 % load: 4.6 times), the others the run's pilot share's and load's \
        (10 %, full: ten times), cell by cell; a cell alone under a pilot 13 dB down tends to −13 dB; the summary counts them
        """)
    func ecioWithSitesOwnPilotOffsets() throws {
        let folder = try temporaryFolder("ecio-offsets")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var sites = umtsSites
        sites[0].pilotOffsetDB = 7
        sites[2].pilotOffsetDB = 13
        sites[1].loadPercent = 40
        let (summary, ecio) = try run(into: folder, sites: sites, raster: "ecio.tif") { $0.ecio = EcIoSettings() }
        #expect(summary.umtsEcIo?.sitesWithOwnPilotOffset == 2 && summary.umtsEcIo?.sitesAtOwnLoad == 1)
        let powers = try powersOverGrid(sites), totalOverPilot = [pow(10, 0.7), 4.6, pow(10, 1.3)]
        let noise = pow(10, (-174 + 10 * log10(3_840_000.0) + 7) / 10)
        var compared = 0, alone = 0
        for cell in ecio.indices {
            let umts = (0..<3).filter { !powers[$0][cell].isNaN }
            guard let server = umts.max(by: { powers[$0][cell] < powers[$1][cell] }) else {
                #expect(ecio[cell].isNaN)
                continue
            }
            let carrier = server == 2 ? [2] : umts.filter { $0 != 2 }
            let sent = carrier.reduce(0) { $0 + totalOverPilot[$1] * powers[$1][cell] }
            let expected = 10 * log10(powers[server][cell] / (sent + noise))
            #expect(abs(Double(ecio[cell]) - expected) < 1e-3, "cell \(cell): \(ecio[cell]) against \(expected)")
            compared += 1
            if server == 2, powers[2][cell] > 1e3 * noise {
                #expect(ecio[cell] <= -12.9999 && ecio[cell] > -13.01, "a cell alone, far above the noise: \(ecio[cell])")
                alone += 1
            }
        }
        #expect(compared > 5_000 && alone > 100, "\(compared) cells, \(alone) served alone")
    }

    @Test("Without --sinr there is no sinr.tif nor lte_sinr, nor with it and no 4G or 5G site (a warning says so), nor ecio.tif without 3G sites; the scenario's lte_load_percent without sinr: true and umts_load_percent without ecio: true are refused")
    func optIn() throws {
        let folder = try temporaryFolder("sinr-off")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var request = FootprintRequest(terrainPath: terrain, sitesPath: "sites", outputDirectory: folder + "/run", parameters: parameters)
        request.sites = sites
        let summary = try FootprintJob.run(request)
        #expect(summary.lteSINR == nil && !FileManager.default.fileExists(atPath: folder + "/run/sinr.tif"))
        request.outputDirectory = folder + "/gsm"
        request.sites = sites.filter { $0.technology == .gsm }
        request.sinr = SINRSettings()
        let gsm = try FootprintJob.run(request)
        #expect(gsm.lteSINR == nil && gsm.nrSINR == nil && gsm.warnings.contains { $0.hasPrefix("sinr: no 4G or 5G site in the run") })
        #expect(!FileManager.default.fileExists(atPath: folder + "/gsm/sinr.tif"))
        request.outputDirectory = folder + "/gsm-ecio"
        request.sinr = nil
        request.ecio = EcIoSettings()
        let noUMTS = try FootprintJob.run(request)
        #expect(noUMTS.umtsEcIo == nil && noUMTS.warnings.contains { $0.hasPrefix("ecio: no 3G site in the run") })
        #expect(!FileManager.default.fileExists(atPath: folder + "/gsm-ecio/ecio.tif"))
        for (field, fault) in [
            ("\"lte_load_percent\": 50", "lte_load_percent: applies with sinr: true"),
            ("\"umts_load_percent\": 50", "umts_load_percent: applies with ecio: true"),
        ] {
            let refused = try verifyClaim(holding: field, in: folder)
            #expect(refused.status != 0 && refused.stderr.contains(fault), "\(refused.stderr)")
        }
    }

    /// `phusong verify` on a claim whose scenario holds `field` (a JSON member) besides placeholder sites and population.
    func verifyClaim(holding field: String, in folder: String) throws -> ProgramOutput {
        let claim = folder + "/claim.json"
        try """
            {"scenario": {"terrain": "\(terrain)", "sites": "s.csv", "population": "p.gpkg", \(field)},
             "claimed": {"province": {"any": 90}}}
            """.write(toFile: claim, atomically: true, encoding: .utf8)
        for name in ["s.csv", "p.gpkg"] { try "x".write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return try runProgram(phusongExecutable, ["verify", "--claim", claim, "--out", folder + "/out"])
    }
}
