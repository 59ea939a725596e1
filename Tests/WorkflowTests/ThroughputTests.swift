import Coverage
import Foundation
import Planning
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

extension SignalQualityTests {
    /// TR 36.942's downlink mapping, written out apart from the engine's: nothing below −10 dB, 0.6 log2(1 + SINR)
    /// bits per second per hertz up to 4.4, over 180 kHz per resource block.
    func expectedMbps(sinrDB: Double, resourceBlocks: Int) -> Double {
        sinrDB < -10 ? 0 : min(4.4, 0.6 * log2(1 + pow(10, sinrDB / 10))) * Double(resourceBlocks) * 0.18
    }

    @Test("""
        throughput.tif, cell by cell: the server's carrier (20 MHz, 10 MHz) at its data SINR — the other 1800 MHz site at \
        the load whatever its reference-signal shift, unlike sinr.tif — through TR 36.942's mapping, up to the \
        4.4 bit/s/Hz peak; no rate where the server (2600 MHz) has no bandwidth, warned of; the statistics over \
        the covered cells, those without a bandwidth counted apart, and per server its median, mean and share under \
        the limit
        """)
    func throughputPerCell() throws {
        let folder = try temporaryFolder("throughput")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var sites = self.sites
        (sites[0].resourceBlocks, sites[1].resourceBlocks) = (100, 50)
        (sites[0].pci, sites[1].pci, sites[2].pci) = (0, 3, 1)
        let settings = SINRSettings(loadPercent: 50, throughput: ThroughputSettings(limitMbps: 20))
        let (summary, rates) = try run(into: folder, sites: sites, raster: "throughput.tif") { $0.sinr = settings }
        let sinr = try raster(folder + "/sinr.tif", summary)
        let powers = try powersOverGrid(sites)
        let noise = pow(10, (-174 + 10 * log10(15_000.0) + 7) / 10)
        var compared = 0, peak = 0, withoutBandwidth = 0, covered: [Double] = [], byServer: [Int: [Double]] = [:]
        for cell in rates.indices {
            let lte = (0..<3).filter { !powers[$0][cell].isNaN }
            guard let server = lte.max(by: { powers[$0][cell] < powers[$1][cell] }) else {
                #expect(rates[cell].isNaN)
                continue
            }
            let covers = Float(10 * log10(powers[server][cell])) >= -110
            guard server != 2 else {
                #expect(rates[cell].isNaN, "cell \(cell) served at 2600 MHz, without a bandwidth")
                if covers { withoutBandwidth += 1 }
                continue
            }
            let other = powers[1 - server][cell].isNaN ? 0 : powers[1 - server][cell]
            let dataSINR = 10 * log10(powers[server][cell] / (0.5 * other + noise))
            guard abs(dataSINR + 10) > 1e-3 else { continue }
            let expected = expectedMbps(sinrDB: dataSINR, resourceBlocks: server == 0 ? 100 : 50)
            #expect(abs(Double(rates[cell]) - expected) <= 1e-4 * max(1, expected), "cell \(cell): \(rates[cell]) against \(expected) Mbps")
            if other > 0 {
                let referenceSINR = 10 * log10(powers[server][cell] / (other + noise))
                #expect(abs(Double(sinr[cell]) - referenceSINR) < 1e-3, "one shift: the reference signals meet whole")
            }
            compared += 1
            if expected == 4.4 * Double(server == 0 ? 100 : 50) * 0.18 { peak += 1 }
            if covers {
                covered.append(expected)
                byServer[server, default: []].append(expected)
            }
        }
        #expect(compared > 5_000 && peak > 100 && peak < compared, "\(compared) cells, \(peak) at the peak")
        let figures = try #require(summary.lteThroughput)
        covered.sort()
        #expect(figures.limitMbps == 20 && figures.loadPercent == 50 && figures.attenuation == 0.6 && figures.peakBitsPerHertz == 4.4)
        #expect(figures.coveredCells == covered.count && figures.cellsWithoutBandwidth == withoutBandwidth && withoutBandwidth > 0)
        #expect(figures.coveredCells + figures.cellsWithoutBandwidth == summary.lteSINR?.coveredCells)
        #expect(abs(try #require(figures.medianMbps) - covered[covered.count / 2]) < 1e-3 * covered[covered.count / 2])
        #expect(abs(try #require(figures.percentile10Mbps) - covered[covered.count / 10]) < 1e-3 * max(1, covered[covered.count / 10]))
        let under = 100 * Double(covered.filter { $0 < 20 }.count) / Double(covered.count)
        #expect(abs(try #require(figures.percentUnderLimit) - under) < 0.05 && under > 0 && under < 100)
        #expect(figures.servers.map(\.id) == ["L1", "L2"] && byServer.keys.sorted() == [0, 1])
        // throughput.qml draws the rates under the limit in its first class, as the share under it counts them.
        let style = try StyleFile(folder + "/throughput.qml")
        #expect(style.entries.map(\.label) == ["below 20 Mbps", "20 to 40 Mbps", "40 to 80 Mbps", "80 to 160 Mbps", "160 Mbps and above"])
        #expect(rates.filter { !$0.isNaN }.allSatisfy { (style.entry(for: Double($0))?.label == "below 20 Mbps") == ($0 < 20) })
        for (server, index) in zip(figures.servers, [0, 1]) {
            let values = byServer[index]!.sorted(), mean = values.reduce(0, +) / Double(values.count)
            #expect(server.coveredCells == values.count && abs(server.medianMbps - values[values.count / 2]) < 1e-3 * values[values.count / 2])
            #expect(abs(server.meanMbps - mean) < 1e-4 * mean, "\(server.id)")
            #expect(abs(server.percentUnderLimit - 100 * Double(values.filter { $0 < 20 }.count) / Double(values.count)) < 0.05, "\(server.id)")
        }
        #expect(summary.warnings.contains("throughput: 1 4G site(s) have no bandwidth_mhz (L3), so the cells they serve have no rate in throughput.tif"))
    }

    @Test("The rate's mapping: nothing below −10 dB, 0.6 log2(1 + SINR) from there, 4.4 bit/s/Hz from 22.05 dB; Mbps over 180 kHz per block")
    func throughputMapping() {
        for tenth in -300...400 {
            let sinr = Double(tenth) / 10
            #expect(abs(ThroughputSettings.bitsPerHertz(sinrDB: sinr) - expectedMbps(sinrDB: sinr, resourceBlocks: 1) / 0.18) < 1e-12, "\(sinr) dB")
        }
        #expect(ThroughputSettings.bitsPerHertz(sinrDB: -10.01) == 0 && ThroughputSettings.bitsPerHertz(sinrDB: -10) > 0.08)
        #expect(ThroughputSettings.bitsPerHertz(sinrDB: 22.0) < 4.4 && ThroughputSettings.bitsPerHertz(sinrDB: 22.1) == 4.4)
        #expect(abs(ThroughputSettings.megabitsPerSecond(sinrDB: 30, resourceBlocks: 100) - 79.2) < 1e-9)
    }

    @Test("""
        `phusong footprint --sinr --throughput --throughput-limit-mbps 10` writes throughput.tif from a site file's \
        bandwidth_mhz and names it among the results; --throughput without --sinr, and a limit of 0, are refused; a run \
        without --throughput has no throughput.tif nor lte_throughput
        """)
    func throughputOptions() throws {
        let folder = try temporaryFolder("throughput-cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sitesFile = folder + "/lte.csv"
        try "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology,bandwidth_mhz\nL1,44.45,-71.45,30,1815,61,4G,10\nL2,44.46,-71.42,30,1815,61,4G,10\n"
            .write(toFile: sitesFile, atomically: true, encoding: .utf8)
        func footprint(_ options: [String], into out: String) throws -> ProgramOutput {
            try runProgram(phusongExecutable, ["footprint", "--terrain", terrain, "--sites", sitesFile, "--out", out, "--model", "fspl", "--radius-km", "3"] + options)
        }
        let cli = try footprint(["--sinr", "--throughput", "--throughput-limit-mbps", "10"], into: folder + "/cli")
        #expect(cli.status == 0 && cli.stdout.contains(folder + "/cli/throughput.tif"), "\(cli.stderr)")
        let summary = try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/cli/summary.json")))
        let figures = try #require(summary.lteThroughput)
        #expect(figures.limitMbps == 10 && figures.cellsWithoutBandwidth == 0 && figures.coveredCells == summary.lteSINR?.coveredCells)
        let peak = 4.4 * 50 * 0.18
        #expect(try raster(folder + "/cli/throughput.tif", summary).allSatisfy { $0.isNaN || (0...Float(peak) + 1e-4).contains($0) })
        let plain = try footprint(["--sinr"], into: folder + "/plain")
        #expect(plain.status == 0 && !FileManager.default.fileExists(atPath: folder + "/plain/throughput.tif"))
        #expect(try String(contentsOfFile: folder + "/plain/summary.json", encoding: .utf8).contains("lte_throughput") == false)
        for (options, message) in [
            (["--throughput"], "--throughput needs --sinr"), (["--sinr", "--throughput", "--throughput-limit-mbps", "0"], "--throughput-limit-mbps must be within 0.01–1000 Mbps"),
        ] {
            let refused = try footprint(options, into: folder + "/refused")
            #expect(refused.status != 0 && refused.stderr.contains(message), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
        }
    }

    @Test("""
        An evaluation with --throughput counts each commune's residents where 4G covers them at the limit or faster: \
        recounted from residents.tif, coverage.tif and throughput.tif over the grid, the total in summary.json, the \
        communes' column summing to it, never above their 4G-covered residents, with their shares
        """)
    func residentsAtRate() throws {
        let folder = try temporaryFolder("throughput-residents")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var request = FootprintRequest(
            terrainPath: SharedData.path("terrain/batxat_copernicus_glo30.tif"), sitesPath: "sites", outputDirectory: folder,
            parameters: CoverageParameters(radius: 4_000, model: .fspl), resolution: 90, voidPolicy: VoidPolicy(maxVoidFraction: 0.95),
            residents: ResidentsRequest(populationPath: SharedData.path("population/laocai_communes_census2009.geojson"))
        )
        request.sites = [(22.53, 103.88), (22.545, 103.905)].enumerated().map { index, place in
            Site(
                id: "BX-L\(index + 1)", location: GeoPoint(latitude: place.0, longitude: place.1), antennaHeight: 30, frequencyMHz: 1_815,
                eirpDBm: 33.2, technology: .lte, resourceBlocks: 100
            )
        }
        request.sinr = SINRSettings(throughput: ThroughputSettings(limitMbps: 40))
        let summary = try FootprintJob.run(request)
        let residents = try raster(folder + "/residents.tif", summary), power = try raster(folder + "/coverage.tif", summary)
        let rates = try raster(folder + "/throughput.tif", summary)
        var atRate = 0.0, covered = 0.0
        for cell in residents.indices where power[cell] >= -110 {
            covered += Double(residents[cell])
            if rates[cell] >= 40 { atRate += Double(residents[cell]) }
        }
        let figures = try #require(summary.lteThroughput)
        #expect(atRate > 100 && atRate < covered - 100, "\(atRate) of \(covered) covered residents at 40 Mbps")
        #expect(abs(try #require(figures.residentsAtRate) - atRate) < 1e-3 * atRate)
        let total = try #require(summary.residents?.total)
        #expect(abs(try #require(figures.residentsPercentAtRate) - 100 * atRate / total.residents) < 1e-6)
        let lines = try String(contentsOfFile: folder + "/communes.csv", encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let communes = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
        let column = communes.map { Double($0["residents_at_rate"] ?? "") ?? -1 }
        #expect(abs(column.reduce(0, +) - atRate) < 0.01 * Double(communes.count) + 1e-3 * atRate && column.allSatisfy { $0 >= 0 })
        for (commune, value) in zip(communes, column) {
            #expect(value <= (Double(commune["covered_residents_4g"] ?? "") ?? 0) + 0.01, "\(commune["commune"] ?? "")")
            let residents = Double(commune["residents"] ?? "") ?? 0
            guard residents > 0 else {
                #expect(commune["residents_pct_at_rate"] == "")
                continue
            }
            // Both figures are written to 0.01 residents.
            let share = try #require(Double(commune["residents_pct_at_rate"] ?? "")), rounding = 100 * 0.005 * (1 + value / residents) / residents
            #expect(abs(share - 100 * value / residents) <= rounding + 0.0005, "\(commune)")
        }
        #expect(column.contains { $0 > 0 })
    }

    @Test("""
        A folder holding, in computed/, everything a run of all three technologies writes with every radio option on — \
        signal quality, the rate, neighbour lists and their lines — may take a run's outputs again
        """)
    func everyOutputIsKnown() throws {
        let folder = try temporaryFolder("known-outputs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var sites = neighbourSites
        for index in sites.indices where sites[index].technology == .lte { sites[index].resourceBlocks = 100 }
        _ = try run(into: folder + "/computed", sites: sites, raster: "throughput.tif") { request in
            request.sinr = SINRSettings(throughput: ThroughputSettings())
            request.ecio = EcIoSettings()
            request.ci = CarrierToInterferenceSettings()
            request.neighbours = NeighbourSettings()
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: folder + "/computed")
        #expect(Set(["throughput.tif", "neighbours.geojson", "inter_technology_neighbours.csv", "interference.csv"]).isSubset(of: Set(written)), "\(written)")
        try checkOutputFolder(folder)
    }
}
