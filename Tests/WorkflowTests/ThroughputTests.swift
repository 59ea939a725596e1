import Coverage
import Foundation
import Planning
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

extension SignalQualityTests {
    /// TR 36.942's downlink mapping, written out apart from the engine's: nothing below −10 dB (a tenth), 0.6 log2(1 + SINR)
    /// bits per second per hertz up to `peak` per layer (4G's 4.4), over `blockMHz` per resource block (4G's 180 kHz);
    /// from `transmit` to `receive` antennas the best rank r, each of its r layers at SINR × (receive − r + 1) / r.
    func expectedMbps(
        sinrDB: Double, resourceBlocks: Int, transmit: Int = 1, receive: Int = 1, peak: Double = 4.4, blockMHz: Double = 0.18
    ) -> Double {
        let sinr = pow(10, sinrDB / 10)
        let perHertz = (1...min(transmit, receive)).map { (rank: Int) -> Double in
            let layer: Double = sinr * Double(receive - rank + 1) / Double(rank)
            return layer < 0.1 ? 0 : Double(rank) * min(peak, 0.6 * log2(1 + layer))
        }.max()!
        return perHertz * Double(resourceBlocks) * blockMHz
    }

    /// Whether some rank's layers lie within 10⁻³ dB of the −10 dB floor at `sinrDB`, where float rounding may put
    /// the engine and `expectedMbps` on either side of it.
    func nearFloor(sinrDB: Double, receive: Int) -> Bool {
        (1...receive).contains { rank in
            let gainDB: Double = 10 * log10(Double(receive - rank + 1) / Double(rank))
            return abs(sinrDB + gainDB + 10) < 1e-3
        }
    }

    @Test("""
        throughput.tif, cell by cell: the server's carrier (20 MHz, 10 MHz) at its data SINR — the other 1800 MHz site at \
        the load whatever its reference-signal shift, unlike sinr.tif — through TR 36.942's mapping, up to the \
        4.4 bit/s/Hz peak per layer, at the best rank its and the handset's antennas allow; no rate where the server \
        (2600 MHz) has no bandwidth, warned of; the statistics over the covered cells, those without a bandwidth \
        counted apart, and per server its layers, median, mean and share under the limit
        """, arguments: [([1, 1], 1), ([2, 4], 2), ([2, 4], 4)])
    func throughputPerCell(transmitAntennas: [Int], handsetAntennas: Int) throws {
        let folder = try temporaryFolder("throughput")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var sites = self.sites
        (sites[0].resourceBlocks, sites[1].resourceBlocks) = (100, 50)
        // One shift by PCI mod 6 as well as mod 3, so that the reference signals meet whether the cells have one port or more.
        (sites[0].pci, sites[1].pci, sites[2].pci) = (0, 6, 1)
        (sites[0].transmitAntennas, sites[1].transmitAntennas) = (transmitAntennas[0], transmitAntennas[1])
        let layers = transmitAntennas.map { min($0, handsetAntennas) }
        // The limit grows with the handset's antennas, so that each run has cells on both sides of it.
        let limit = 20 * Double(handsetAntennas)
        let settings = SINRSettings(loadPercent: 50, throughput: ThroughputSettings(limitMbps: limit, handsetAntennas: handsetAntennas))
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
            guard !nearFloor(sinrDB: dataSINR, receive: handsetAntennas) else { continue }
            let expected = expectedMbps(
                sinrDB: dataSINR, resourceBlocks: server == 0 ? 100 : 50, transmit: transmitAntennas[server], receive: handsetAntennas
            )
            #expect(abs(Double(rates[cell]) - expected) <= 1e-4 * max(1, expected), "cell \(cell): \(rates[cell]) against \(expected) Mbps")
            if other > 0 {
                let referenceSINR = 10 * log10(powers[server][cell] / (other + noise))
                #expect(abs(Double(sinr[cell]) - referenceSINR) < 1e-3, "one shift: the reference signals meet whole")
            }
            compared += 1
            if expected == 4.4 * Double(layers[server]) * Double(server == 0 ? 100 : 50) * 0.18 { peak += 1 }
            if covers {
                covered.append(expected)
                byServer[server, default: []].append(expected)
            }
        }
        #expect(compared > 5_000 && peak > 100 && peak < compared, "\(compared) cells, \(peak) at the peak")
        let figures = try #require(summary.lteThroughput)
        covered.sort()
        #expect(figures.limitMbps == limit && figures.loadPercent == 50 && figures.attenuation == 0.6 && figures.peakBitsPerHertz == 4.4)
        #expect(figures.handsetAntennas == handsetAntennas && figures.servers.map(\.layers) == layers)
        #expect(figures.coveredCells == covered.count && figures.cellsWithoutBandwidth == withoutBandwidth && withoutBandwidth > 0)
        #expect(figures.coveredCells + figures.cellsWithoutBandwidth == summary.lteSINR?.coveredCells)
        #expect(abs(try #require(figures.medianMbps) - covered[covered.count / 2]) < 1e-3 * covered[covered.count / 2])
        #expect(abs(try #require(figures.percentile10Mbps) - covered[covered.count / 10]) < 1e-3 * max(1, covered[covered.count / 10]))
        let under = 100 * Double(covered.filter { $0 < limit }.count) / Double(covered.count)
        #expect(abs(try #require(figures.percentUnderLimit) - under) < 0.05 && under > 0 && under < 100)
        #expect(figures.servers.map(\.id) == ["L1", "L2"] && byServer.keys.sorted() == [0, 1])
        // throughput.qml draws the rates under the limit in its first class, as the share under it counts them.
        let style = try StyleFile(folder + "/throughput.qml")
        let bounds = [1.0, 2, 4, 8].map { String(format: "%g", $0 * limit) }
        #expect(style.entries.map(\.label) == ["below \(bounds[0]) Mbps"] + zip(bounds, bounds.dropFirst()).map { "\($0) to \($1) Mbps" } + ["\(bounds[3]) Mbps and above"])
        #expect(rates.filter { !$0.isNaN }.allSatisfy { (style.entry(for: Double($0))?.label == "below \(bounds[0]) Mbps") == (Double($0) < limit) })
        for (server, index) in zip(figures.servers, [0, 1]) {
            let values = byServer[index]!.sorted(), mean = values.reduce(0, +) / Double(values.count)
            #expect(server.coveredCells == values.count && abs(server.medianMbps - values[values.count / 2]) < 1e-3 * values[values.count / 2])
            #expect(abs(server.meanMbps - mean) < 1e-4 * mean, "\(server.id)")
            #expect(abs(server.percentUnderLimit - 100 * Double(values.filter { $0 < limit }.count) / Double(values.count)) < 0.05, "\(server.id)")
        }
        #expect(summary.warnings.contains("throughput: 1 4G site(s) have no bandwidth_mhz (L3), so the cells they serve have no rate in throughput.tif"))
    }

    @Test("""
        The rate's mapping: nothing below −10 dB, 0.6 log2(1 + SINR) from there, 4.4 bit/s/Hz from 22.05 dB; Mbps over \
        180 kHz per block; with more antennas the best rank's layers, a 2 × 2 link 3 dB ahead of one antenna at each end \
        up to its rank-2 crossing, never behind it, and twice the peak from 25.06 dB
        """)
    func throughputMapping() throws {
        let links = [(1, 1), (2, 1), (1, 2), (2, 2), (4, 2), (2, 4), (4, 4), (8, 4)]
        for tenth in -300...400 {
            let sinr = Double(tenth) / 10
            for (transmit, receive) in links {
                let engine = RateMapping.lte.bitsPerHertz(sinrDB: sinr, transmitAntennas: transmit, receiveAntennas: receive)
                let written = expectedMbps(sinrDB: sinr, resourceBlocks: 1, transmit: transmit, receive: receive) / 0.18
                #expect(nearFloor(sinrDB: sinr, receive: receive) || abs(engine - written) < 1e-12, "\(sinr) dB, \(transmit) × \(receive)")
            }
            let single = RateMapping.lte.bitsPerHertz(sinrDB: sinr)
            let twoByTwo = RateMapping.lte.bitsPerHertz(sinrDB: sinr, transmitAntennas: 2, receiveAntennas: 2)
            #expect(twoByTwo >= single && twoByTwo <= 2 * 4.4, "\(sinr) dB")
            if sinr < 6 { #expect(twoByTwo == RateMapping.lte.bitsPerHertz(sinrDB: sinr + 10 * log10(2.0)), "rank 1 at \(sinr) dB") }
        }
        #expect(RateMapping.lte.bitsPerHertz(sinrDB: 25.05, transmitAntennas: 2, receiveAntennas: 2) < 8.8)
        #expect(RateMapping.lte.bitsPerHertz(sinrDB: 25.07, transmitAntennas: 2, receiveAntennas: 2) == 8.8)
        let twentyMHz = Site(
            id: "L", location: GeoPoint(latitude: 0, longitude: 0), antennaHeight: 30, frequencyMHz: 1_800, eirpDBm: 30, technology: .lte,
            resourceBlocks: 100, transmitAntennas: 4
        )
        #expect(abs(try #require(ThroughputSettings(handsetAntennas: 4).megabitsPerSecond(sinrDB: 40, from: twentyMHz)) - 4 * 79.2) < 1e-9)
        for tenth in -300...400 {
            let sinr = Double(tenth) / 10
            #expect(abs(RateMapping.lte.bitsPerHertz(sinrDB: sinr) - expectedMbps(sinrDB: sinr, resourceBlocks: 1) / 0.18) < 1e-12, "\(sinr) dB")
        }
        #expect(RateMapping.lte.bitsPerHertz(sinrDB: -10.01) == 0 && RateMapping.lte.bitsPerHertz(sinrDB: -10) > 0.08)
        #expect(RateMapping.lte.bitsPerHertz(sinrDB: 22.0) < 4.4 && RateMapping.lte.bitsPerHertz(sinrDB: 22.1) == 4.4)
        #expect(abs(try #require(ThroughputSettings(handsetAntennas: 1).megabitsPerSecond(sinrDB: 30, from: twentyMHz)) - 79.2) < 1e-9)
    }

    @Test("""
        `phusong footprint --sinr --throughput --throughput-limit-mbps 10` writes throughput.tif from a site file's \
        bandwidth_mhz and names it among the results; with --ue-antennas 2 the site of tx_antennas 2 sends two layers, \
        the one of tx_antennas 1 one; --throughput without --sinr, a limit of 0, --ue-antennas without --throughput or of 3, and \
        tx_antennas on a 2G site or of 3 are refused; a run without --throughput has no throughput.tif nor lte_throughput
        """)
    func throughputOptions() throws {
        let folder = try temporaryFolder("throughput-cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sitesFile = folder + "/lte.csv"
        let header = "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology,bandwidth_mhz,tx_antennas\n"
        try (header + "L1,44.45,-71.45,30,1815,61,4G,10,2\nL2,44.46,-71.42,30,1815,61,4G,10,1\n").write(toFile: sitesFile, atomically: true, encoding: .utf8)
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
        #expect(figures.handsetAntennas == 1 && figures.servers.map(\.layers) == [1, 1])
        let mimo = try footprint(["--sinr", "--throughput", "--ue-antennas", "2"], into: folder + "/mimo")
        #expect(mimo.status == 0, "\(mimo.stderr)")
        let mimoSummary = try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/mimo/summary.json")))
        let mimoFigures = try #require(mimoSummary.lteThroughput)
        #expect(mimoFigures.handsetAntennas == 2 && mimoFigures.servers.map(\.layers) == [2, 1])
        let mimoRates = try raster(folder + "/mimo/throughput.tif", mimoSummary)
        #expect(mimoRates.allSatisfy { $0.isNaN || (0...Float(2 * peak) + 1e-4).contains($0) } && mimoRates.contains { $0 > Float(peak) + 1 })
        let plain = try footprint(["--sinr"], into: folder + "/plain")
        #expect(plain.status == 0 && !FileManager.default.fileExists(atPath: folder + "/plain/throughput.tif"))
        #expect(try String(contentsOfFile: folder + "/plain/summary.json", encoding: .utf8).contains("lte_throughput") == false)
        for (options, message) in [
            (["--throughput"], "--throughput needs --sinr"), (["--sinr", "--throughput", "--throughput-limit-mbps", "0"], "--throughput-limit-mbps must be within 0.01–1000 Mbps"),
            (["--sinr", "--ue-antennas", "2"], "--ue-antennas needs --throughput"), (["--sinr", "--throughput", "--ue-antennas", "3"], "--ue-antennas must be 1, 2 or 4"),
        ] {
            let refused = try footprint(options, into: folder + "/refused")
            #expect(refused.status != 0 && refused.stderr.contains(message), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
        }
        for (row, fault) in [
            ("G1,44.45,-71.45,30,900,61,2G,,2", "tx_antennas applies to 4G and 5G sites"), ("L1,44.45,-71.45,30,1815,61,4G,10,3", "tx_antennas 3 is not a count of transmit antennas"),
        ] {
            try (header + row + "\n").write(toFile: sitesFile, atomically: true, encoding: .utf8)
            let refused = try footprint([], into: folder + "/refused")
            #expect(refused.status != 0 && refused.stderr.contains("lte.csv") && refused.stderr.contains(fault), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
        }
    }

    @Test("""
        An evaluation with --throughput counts each commune's residents where 4G (or 5G) covers them at the limit or \
        faster: recounted from residents.tif, coverage.tif and throughput.tif (nr_throughput.tif) over the grid, the total \
        in summary.json, the communes' column (…_5g) summing to it, never above their covered residents, with their shares
        """, arguments: [Technology.lte, .nr])
    func residentsAtRate(technology: Technology) throws {
        let folder = try temporaryFolder("throughput-residents")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var request = FootprintRequest(
            terrainPath: SharedData.path("terrain/batxat_copernicus_glo30.tif"), sitesPath: "sites", outputDirectory: folder,
            parameters: CoverageParameters(radius: 4_000, model: .fspl), resolution: 90, voidPolicy: VoidPolicy(maxVoidFraction: 0.95),
            residents: ResidentsRequest(populationPath: SharedData.path("population/laocai_communes_census2009.geojson"))
        )
        // A 5G carrier of 100 MHz at 30 kHz: 273 blocks, its rate at the limit six times 4G's 20 MHz.
        let nr = technology == .nr, limit = nr ? 240.0 : 40
        request.sites = [(22.53, 103.88), (22.545, 103.905)].enumerated().map { index, place in
            Site(
                id: "BX-\(index + 1)", location: GeoPoint(latitude: place.0, longitude: place.1), antennaHeight: 30,
                frequencyMHz: nr ? 3_500 : 1_815, eirpDBm: nr ? 36.2 : 33.2, technology: technology, resourceBlocks: nr ? 273 : 100
            )
        }
        request.sinr = SINRSettings(throughput: ThroughputSettings(limitMbps: limit))
        let summary = try FootprintJob.run(request)
        let residents = try raster(folder + "/residents.tif", summary), power = try raster(folder + "/coverage.tif", summary)
        let rates = try raster(folder + (nr ? "/nr_throughput.tif" : "/throughput.tif"), summary)
        var atRate = 0.0, covered = 0.0
        for cell in residents.indices where power[cell] >= -110 {
            covered += Double(residents[cell])
            if rates[cell] >= Float(limit) { atRate += Double(residents[cell]) }
        }
        let figures = try #require(nr ? summary.nrThroughput : summary.lteThroughput)
        #expect((nr ? summary.lteThroughput : summary.nrThroughput) == nil)
        #expect(atRate > 100 && atRate < covered - 100, "\(atRate) of \(covered) covered residents at \(limit) Mbps")
        #expect(abs(try #require(figures.residentsAtRate) - atRate) < 1e-3 * atRate)
        let total = try #require(summary.residents?.total)
        #expect(abs(try #require(figures.residentsPercentAtRate) - 100 * atRate / total.residents) < 1e-6)
        let lines = try String(contentsOfFile: folder + "/communes.csv", encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let communes = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
        let suffix = nr ? "_5g" : ""
        #expect(lines[0].filter { $0.hasPrefix("residents_at_rate") } == ["residents_at_rate" + suffix])
        let column = communes.map { Double($0["residents_at_rate" + suffix] ?? "") ?? -1 }
        #expect(abs(column.reduce(0, +) - atRate) < 0.01 * Double(communes.count) + 1e-3 * atRate && column.allSatisfy { $0 >= 0 })
        for (commune, value) in zip(communes, column) {
            #expect(value <= (Double(commune["covered_residents_" + technology.rawValue.lowercased()] ?? "") ?? 0) + 0.01, "\(commune["commune"] ?? "")")
            let residents = Double(commune["residents"] ?? "") ?? 0
            guard residents > 0 else {
                #expect(commune["residents_pct_at_rate" + suffix] == "")
                continue
            }
            // Both figures are written to 0.01 residents.
            let share = try #require(Double(commune["residents_pct_at_rate" + suffix] ?? "")), rounding = 100 * 0.005 * (1 + value / residents) / residents
            #expect(abs(share - 100 * value / residents) <= rounding + 0.0005, "\(commune)")
        }
        #expect(column.contains { $0 > 0 })
    }

    @Test("""
        A folder holding, in computed/, everything a run of all four technologies writes with every radio option on — \
        signal quality, the rate, neighbour lists and their lines — may take a run's outputs again
        """)
    func everyOutputIsKnown() throws {
        let folder = try temporaryFolder("known-outputs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var sites = neighbourSites
        for index in sites.indices where sites[index].technology == .lte { sites[index].resourceBlocks = 100 }
        sites.append(Site(
            id: "N1", location: sites[0].location, antennaHeight: 30, frequencyMHz: 3_500, eirpDBm: 40, technology: .nr, resourceBlocks: 273
        ))
        _ = try run(into: folder + "/computed", sites: sites, raster: "throughput.tif") { request in
            request.sinr = SINRSettings(throughput: ThroughputSettings())
            request.ecio = EcIoSettings()
            request.ci = CarrierToInterferenceSettings()
            request.neighbours = NeighbourSettings()
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: folder + "/computed")
        #expect(Set(["throughput.tif", "nr_throughput.tif", "ss_sinr.tif", "neighbours.geojson", "inter_technology_neighbours.csv", "interference.csv"]).isSubset(of: Set(written)), "\(written)")
        try checkOutputFolder(folder)
    }
}
