import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

extension SignalQualityTests {
    @Test("""
        nr_throughput.tif, cell by cell: the 5G server's SS-SINR through 5G's mapping (TR 36.942's 0.6 log2(1 + SINR) \
        from −10 dB, up to 256QAM's 7.4063 bit/s/Hz per layer) at the best rank of its and the handset's antennas, over \
        its carrier's subcarriers (100 MHz at 30 kHz: 273 blocks, 98.28 MHz; 20 MHz at 15 kHz: 106 blocks, 19.08 MHz) for \
        the downlink's share of DDDSU:6 (64.3 %); no rate where the server has no bandwidth, warned of; 4G's \
        throughput.tif left to the 4G site; the statistics over the covered cells and per server
        """)
    func nrThroughputPerCell() throws {
        let folder = try temporaryFolder("nr-throughput")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let place = { (latitude: Double, longitude: Double) in GeoPoint(latitude: latitude, longitude: longitude) }
        let sites = [
            Site(
                id: "N1", location: place(44.45, -71.45), antennaHeight: 30, frequencyMHz: 3_500, eirpDBm: 40, technology: .nr,
                resourceBlocks: 273, transmitAntennas: 4
            ),
            Site(
                id: "N2", location: place(44.46, -71.40), antennaHeight: 30, frequencyMHz: 3_500, eirpDBm: 40, technology: .nr,
                resourceBlocks: 106, subcarrierSpacingKHz: 15
            ),
            Site(id: "N3", location: place(44.43, -71.42), antennaHeight: 30, frequencyMHz: 3_500, eirpDBm: 40, technology: .nr),
            Site(id: "L1", location: place(44.44, -71.43), antennaHeight: 30, frequencyMHz: 1_800, eirpDBm: 31, technology: .lte, resourceBlocks: 100),
        ]
        let frame = try TDDFrame(parsing: "DDDSU:6"), share = (3 * 14 + 6) / 70.0
        let settings = ThroughputSettings(limitMbps: 100, handsetAntennas: 4, nrFrame: frame)
        let (summary, rates) = try run(into: folder, sites: sites, raster: "nr_throughput.tif") { $0.sinr = SINRSettings(throughput: settings) }
        let ssSINR = try raster(folder + "/ss_sinr.tif", summary), powers = try powersOverGrid(sites)
        let bandwidths = [98.28, 19.08]
        var compared = 0, withoutBandwidth = 0, covered: [Double] = [], byServer: [Int: [Double]] = [:]
        for cell in rates.indices {
            let nr = (0..<3).filter { !powers[$0][cell].isNaN }
            guard let server = nr.max(by: { powers[$0][cell] < powers[$1][cell] }) else {
                #expect(rates[cell].isNaN)
                continue
            }
            let covers = Float(10 * log10(powers[server][cell])) >= -110
            guard server != 2 else {
                #expect(rates[cell].isNaN, "cell \(cell) served by N3, without a bandwidth")
                if covers { withoutBandwidth += 1 }
                continue
            }
            let sinr = Double(ssSINR[cell])
            guard !nearFloor(sinrDB: sinr, receive: 4) else { continue }
            let expected = share * expectedMbps(
                sinrDB: sinr, resourceBlocks: 1, transmit: server == 0 ? 4 : 2, receive: 4, peak: 7.4063, blockMHz: bandwidths[server]
            )
            #expect(abs(Double(rates[cell]) - expected) <= 1e-4 * max(1, expected), "cell \(cell): \(rates[cell]) against \(expected) Mbps")
            compared += 1
            if covers {
                covered.append(expected)
                byServer[server, default: []].append(expected)
            }
        }
        #expect(compared > 5_000 && byServer.keys.sorted() == [0, 1], "\(compared) cells")
        let figures = try #require(summary.nrThroughput)
        covered.sort()
        #expect(figures.peakBitsPerHertz == 7.4063 && figures.attenuation == 0.6 && figures.minimumSINRDB == -10 && figures.loadPercent == 100)
        let downlinkPercent = try #require(figures.downlinkPercent)
        #expect(figures.tddPattern == "DDDSU:6" && abs(downlinkPercent - 100 * share) < 1e-12)
        #expect(figures.servers.map(\.layers) == [4, 2] && figures.servers.map(\.id) == ["N1", "N2"])
        #expect(figures.coveredCells == covered.count && figures.cellsWithoutBandwidth == withoutBandwidth && withoutBandwidth > 0)
        #expect(figures.coveredCells + figures.cellsWithoutBandwidth == summary.nrSINR?.coveredCells)
        #expect(abs(try #require(figures.medianMbps) - covered[covered.count / 2]) < 1e-3 * covered[covered.count / 2])
        let under = 100 * Double(covered.filter { $0 < 100 }.count) / Double(covered.count)
        #expect(abs(try #require(figures.percentUnderLimit) - under) < 0.05 && under > 0 && under < 100)
        #expect(summary.warnings.contains("throughput: 1 5G site(s) have no bandwidth_mhz (N3), so the cells they serve have no rate in nr_throughput.tif"))
        let lteRates = try raster(folder + "/throughput.tif", summary)
        #expect(lteRates.indices.allSatisfy { lteRates[$0].isNaN == powers[3][$0].isNaN }, "4G's rates are the 4G site's alone")
        #expect(summary.lteThroughput?.tddPattern == nil && summary.lteThroughput?.peakBitsPerHertz == 4.4)
    }

    @Test("""
        TDD patterns: DDDSU:10 gives 52 of 70 symbols to the downlink, DDDSU 10 by default, DDDDDDDSUU:6 and D (FDD) theirs; \
        slots other than D, S and U, more than 40 slots, a special slot of 14 downlink symbols, or none at all, are refused
        """)
    func tddPatterns() throws {
        for (text, share, written) in [
            ("DDDSU:10", 52.0 / 70, "DDDSU:10"), ("dddsu", 52.0 / 70, "DDDSU:10"), ("DDDDDDDSUU:6", 104.0 / 140, "DDDDDDDSUU:6"),
            ("D", 1, "D"), ("DSUUU:2", 16.0 / 70, "DSUUU:2"),
        ] {
            let frame = try TDDFrame(parsing: text)
            #expect(abs(frame.downlinkShare - share) < 1e-15 && frame.text == written, "\(text)")
        }
        #expect(TDDFrame.default == (try TDDFrame(parsing: "DDDSU")))
        for (text, fault) in [
            ("DDXSU", "is not a TDD pattern"), ("", "is not a TDD pattern"), ("DDDSU:14", "is not a special slot's downlink symbols"),
            ("DDDSU:x", "is not a special slot's downlink symbols"), ("DDDSU:6:2", "is not a TDD pattern"),
            (String(repeating: "DDDSU", count: 9), "has 45 slots, more than 40"), ("SUU:0", "has no downlink symbol"), ("U", "has no downlink symbol"),
        ] {
            #expect(throws: TDDFrameError.self, "\(text)") { try TDDFrame(parsing: text) }
            do { _ = try TDDFrame(parsing: text) } catch { #expect(error.description.contains(fault), "\(error.description)") }
        }
    }

    @Test("""
        `phusong footprint --sinr --throughput --nr-tdd-pattern D` writes nr_throughput.tif from a 5G site file's \
        bandwidth_mhz, scs_khz and tx_antennas and names it among the results, its rates a fifth above DDDSU's (1/0.743); \
        a malformed pattern, or one without --throughput, and --nr-load beyond 0–100 % or without --throughput, are refused \
        before anything is written
        """)
    func nrThroughputOptions() throws {
        let folder = try temporaryFolder("nr-throughput-cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sitesFile = folder + "/nr.csv"
        try """
            id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology,bandwidth_mhz,scs_khz,tx_antennas
            N1,44.45,-71.45,30,3500,72,5G,100,30,4
            N2,44.46,-71.42,30,3500,72,5G,40,15,8

            """.write(toFile: sitesFile, atomically: true, encoding: .utf8)
        func footprint(_ options: [String], into out: String) throws -> (ProgramOutput, [Float]?) {
            let run = try runProgram(phusongExecutable, ["footprint", "--terrain", terrain, "--sites", sitesFile, "--out", out, "--model", "fspl", "--radius-km", "3"] + options)
            guard run.status == 0 else { return (run, nil) }
            let summary = try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
            return (run, try raster(out + "/nr_throughput.tif", summary))
        }
        let (tdd, tddRates) = try footprint(["--sinr", "--throughput", "--ue-antennas", "4"], into: folder + "/tdd")
        let (fdd, fddRates) = try footprint(["--sinr", "--throughput", "--ue-antennas", "4", "--nr-tdd-pattern", "D"], into: folder + "/fdd")
        #expect(tdd.status == 0 && fdd.status == 0 && fdd.stdout.contains(folder + "/fdd/nr_throughput.tif"), "\(tdd.stderr) \(fdd.stderr)")
        let (slow, fast) = (try #require(tddRates), try #require(fddRates))
        let pairs = zip(slow, fast).filter { !$0.0.isNaN && $0.0 > 0 }
        #expect(pairs.count > 1_000 && pairs.allSatisfy { abs(Double($0.1) / Double($0.0) - 70.0 / 52) < 1e-5 })
        // 100 MHz at 30 kHz is 273 blocks; 40 MHz at 15 kHz, 216: four layers of 7.4063 bit/s/Hz over 98.28 and 38.88 MHz at most.
        #expect(fast.allSatisfy { $0.isNaN || Double($0) <= 4 * 7.4063 * 98.28 + 1e-3 } && fast.contains { Double($0) > 4 * 7.4063 * 38.88 })
        for (options, message) in [
            (["--sinr", "--throughput", "--nr-tdd-pattern", "DDXSU"], "--nr-tdd-pattern: 'DDXSU' is not a TDD pattern"),
            (["--sinr", "--nr-tdd-pattern", "D"], "--nr-tdd-pattern needs --throughput"),
            (["--sinr", "--nr-load", "50"], "--nr-load needs --throughput"), (["--sinr", "--throughput", "--nr-load", "120"], "--nr-load must be within 0–100 %"),
        ] {
            let (refused, _) = try footprint(options, into: folder + "/refused")
            #expect(refused.status != 0 && refused.stderr.contains(message), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
        }
    }
}

extension SignalQualityTests {
    @Test("""
        5G's rate at a part load, cell by cell: the server against the other 3500 MHz sites at --nr-load 50 % (one at its \
        own load_percent of 20 %) and the noise of a subcarrier of its spacing; ss_sinr.tif still counts every cell whole; \
        nr_throughput's load is the run's
        """)
    func nrThroughputAtLoad() throws {
        let folder = try temporaryFolder("nr-throughput-load")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let place = { (latitude: Double, longitude: Double) in GeoPoint(latitude: latitude, longitude: longitude) }
        let sites = [
            Site(id: "N1", location: place(44.45, -71.45), antennaHeight: 30, frequencyMHz: 3_500, eirpDBm: 40, technology: .nr, resourceBlocks: 273),
            Site(
                id: "N2", location: place(44.46, -71.40), antennaHeight: 30, frequencyMHz: 3_500, eirpDBm: 40, technology: .nr,
                resourceBlocks: 106, subcarrierSpacingKHz: 15, loadPercent: 20
            ),
            Site(id: "N3", location: place(44.43, -71.42), antennaHeight: 30, frequencyMHz: 3_500, eirpDBm: 40, technology: .nr, resourceBlocks: 273),
        ]
        let settings = SINRSettings(throughput: ThroughputSettings(limitMbps: 100, nrFrame: try TDDFrame(parsing: "D")), nrLoadPercent: 50)
        let (summary, rates) = try run(into: folder, sites: sites, raster: "nr_throughput.tif") { $0.sinr = settings }
        let ssSINR = try raster(folder + "/ss_sinr.tif", summary), powers = try powersOverGrid(sites)
        let noise = [30_000.0, 15_000, 30_000].map { pow(10, (-174 + 10 * log10($0) + 7) / 10) }, loads = [0.5, 0.2, 0.5]
        var compared = 0, lighter = 0
        for cell in rates.indices {
            let reaching = (0..<3).filter { !powers[$0][cell].isNaN }
            guard let server = reaching.max(by: { powers[$0][cell] < powers[$1][cell] }) else { continue }
            let others = reaching.filter { $0 != server }
            let whole = 10 * log10(powers[server][cell] / (others.reduce(0) { $0 + powers[$1][cell] } + noise[server]))
            let data = 10 * log10(powers[server][cell] / (others.reduce(0) { $0 + loads[$1] * powers[$1][cell] } + noise[server]))
            #expect(abs(Double(ssSINR[cell]) - whole) < 1e-3, "cell \(cell): SS-SINR counts every cell whole")
            guard !nearFloor(sinrDB: data, receive: 1) else { continue }
            let expected = expectedMbps(sinrDB: data, resourceBlocks: 1, peak: 7.4063, blockMHz: [98.28, 19.08, 98.28][server])
            #expect(abs(Double(rates[cell]) - expected) <= 1e-4 * max(1, expected), "cell \(cell): \(rates[cell]) against \(expected) Mbps")
            compared += 1
            if data > whole + 1 { lighter += 1 }
        }
        #expect(compared > 5_000 && lighter > 1_000, "\(compared) cells, \(lighter) over 1 dB above their SS-SINR")
        #expect(summary.nrThroughput?.loadPercent == 50)
    }
}
