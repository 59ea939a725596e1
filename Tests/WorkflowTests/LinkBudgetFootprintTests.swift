import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Link budget in footprints", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct LinkBudgetFootprintTests {
    let sitesPath = Fixtures.path("sites/nh_sectors_linkbudget.geojson")

    @Test("Sites given by transmit power, antenna gain (property or pattern file) and feeder loss")
    func eirpFromParts() throws {
        let sites = try SiteFile.load(sitesPath)
        #expect(abs(sites[0].eirpDBm - (43 + 15.9 + 2.15 - 3)) < 1e-9)
        #expect(sites[0].thresholdDBm == -90)
        guard case .measured(let file) = sites[0].antenna.pattern else { Issue.record("expected the MSI pattern"); return }
        #expect(file.name == "PHUSONG-TEST-SECTOR-65-900" && sites[0].antenna.mechanicalTilt == 1)
        #expect(sites[1].eirpDBm == 43 + 17 - 2)
        #expect(sites[1].frequencyMHz == 2_100)
        #expect(sites[1].antenna.electricalTilt == 3)
    }

    @Test("""
        A 4G site given its carrier's bandwidth: its EIRP is the whole carrier's, its reference signal's one resource \
        element's is 10 log10(12 × resource blocks) lower (20 MHz: 100 blocks, 30.79 dB); a bandwidth elsewhere is refused
        """)
    func referenceSignalFromBandwidth() throws {
        let folder = try temporaryFolder("bandwidth")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try linkBudgetSites(
            lastColumn: "bandwidth_mhz", ["L20,44.45,-71.45,30,4G,46,18,3,20", "L1.4,44.45,-71.45,30,LTE,46,18,3,1.4", "L,44.45,-71.45,30,4G,46,18,3,"],
            in: folder
        )
        #expect(abs(sites[0].eirpDBm - (61 - 10 * log10(1_200.0))) < 1e-9 && abs(sites[0].eirpDBm - 30.21) < 0.01)
        #expect(abs(sites[1].eirpDBm - (61 - 10 * log10(72.0))) < 1e-9)
        #expect(sites[2].eirpDBm == 61, "without a bandwidth the EIRP is the reference signal's already")
        try expectRefused(lastColumn: "bandwidth_mhz", [
            ("G,44.45,-71.45,30,2G,46,18,3,20", "bandwidth_mhz applies to 4G and 5G sites (for RSRP)"),
            ("L7,44.45,-71.45,30,4G,46,18,3,7", "bandwidth_mhz 7.0 is not an LTE channel bandwidth (1.4, 3, 5, 10, 15 or 20 MHz)"),
        ], in: folder)
    }

    @Test("""
        A 5G site given its carrier's bandwidth (and subcarrier spacing, 30 kHz unless given): its SS-RSRP's resource \
        element lies 10 log10(12 × resource blocks) below the whole carrier's EIRP (100 MHz at 30 kHz: 273 blocks; 20 MHz \
        at 15 kHz: 106), its full load is the carrier's EIRP and its uplink's sensitivity NR's; a spacing on 4G, alone, \
        or unknown, and a bandwidth the spacing lacks, are refused
        """)
    func nrSynchronisationSignalFromBandwidth() throws {
        let folder = try temporaryFolder("nr-bandwidth")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let columns = "bandwidth_mhz,scs_khz"
        let sites = try linkBudgetSites(
            lastColumn: columns, ["N100,44.45,-71.45,30,5G,49,24,1,100,", "N20,44.45,-71.45,30,NR,49,24,1,20,15", "N,44.45,-71.45,30,5G,49,24,1,,"],
            in: folder
        )
        #expect(sites.allSatisfy { $0.technology == .nr && $0.frequencyMHz == 3_500 })
        #expect(abs(sites[0].eirpDBm - (72 - 10 * log10(12 * 273.0))) < 1e-9 && abs(sites[1].eirpDBm - (72 - 10 * log10(12 * 106.0))) < 1e-9)
        #expect(sites[2].eirpDBm == 72, "without a bandwidth the EIRP is the synchronisation signal's already")
        let fullLoads = try sites[0...1].map { try #require($0.fullLoadEIRPDBm) }
        #expect(fullLoads.allSatisfy { abs($0 - 72) < 1e-9 }, "a 5G carrier's full load is its whole EIRP")
        #expect(sites[2].fullLoadEIRPDBm == nil && sites[2].fullLoadMissing.hasPrefix("bandwidth_mhz"))
        #expect(sites.map { $0.uplink?.sensitivityDBm } == [-101.8, -101.7, -101.8] && sites.allSatisfy { $0.uplink?.handsetPowerDBm == 23 })
        #expect(sites.map(\.subcarrierSpacingKHz) == [30, 15, 30] && sites[2].occupiedBandwidthMHz == nil)
        #expect(zip(sites[0...1].compactMap(\.occupiedBandwidthMHz), [98.28, 19.08]).allSatisfy { abs($0 - $1) < 1e-9 }, "12 subcarriers a block")
        try expectRefused(lastColumn: columns, [
            ("L,44.45,-71.45,30,4G,46,18,3,20,30", "scs_khz applies to 5G sites"),
            ("N,44.45,-71.45,30,5G,49,24,1,,30", "scs_khz goes with bandwidth_mhz"),
            ("N,44.45,-71.45,30,5G,49,24,1,20,60", "scs_khz 60.0 is not an FR1 subcarrier spacing PhuSong takes (15 or 30 kHz)"),
            ("N,44.45,-71.45,30,5G,49,24,1,100,15", "bandwidth_mhz 100.0 is not an NR channel bandwidth at 15 kHz spacing (5, 10, 15, 20, 25, 30, 35, 40, 45, 50 MHz)"),
            ("N,44.45,-71.45,30,5G,49,24,1,1.4,", "bandwidth_mhz 1.4 is not an NR channel bandwidth at 30 kHz spacing"),
        ], in: folder)
    }

    @Test("""
        A 3G site given its pilot's offset: its EIRP is the whole carrier's, its pilot's (CPICH, for RSCP) that many dB \
        lower; an offset on 2G or 4G, or beyond 0–30 dB, is refused
        """)
    func pilotFromOffset() throws {
        let folder = try temporaryFolder("pilot")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try linkBudgetSites(
            lastColumn: "pilot_offset_db", ["U,44.45,-71.45,30,3G,43,17,2,10", "W,44.45,-71.45,30,WCDMA,43,17,2,7.5", "P,44.45,-71.45,30,3G,43,17,2,"],
            in: folder
        )
        #expect(sites.map(\.eirpDBm) == [48, 50.5, 58])
        try expectRefused(lastColumn: "pilot_offset_db", [
            ("G,44.45,-71.45,30,2G,43,17,2,10", "pilot_offset_db applies to 3G sites (for RSCP)"),
            ("L,44.45,-71.45,30,4G,43,17,2,10", "pilot_offset_db applies to 3G sites (for RSCP)"),
            ("U,44.45,-71.45,30,3G,43,17,2,31", "pilot_offset_db 31.0 is outside 0–30 dB"),
        ], in: folder)
    }

    @Test("A 3G, 4G or 5G site's own load_percent is kept as given (absent: the run's); on a 2G site, or beyond 0–100 %, it is refused")
    func ownLoad() throws {
        let folder = try temporaryFolder("load")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try linkBudgetSites(
            lastColumn: "load_percent", [
                "U,44.45,-71.45,30,3G,43,17,2,35", "L,44.45,-71.45,30,4G,43,17,2,0", "P,44.45,-71.45,30,3G,43,17,2,", "N,44.45,-71.45,30,5G,43,17,2,60",
            ],
            in: folder
        )
        #expect(sites.map(\.loadPercent) == [35, 0, nil, 60])
        try expectRefused(lastColumn: "load_percent", [
            ("G,44.45,-71.45,30,2G,43,17,2,50", "load_percent applies to 3G, 4G and 5G sites"),
            ("L,44.45,-71.45,30,4G,43,17,2,120", "load_percent 120.0 is outside 0–100 %"),
        ], in: folder)
    }

    @Test("""
        A 2G site given its ARFCN transmits on that channel's downlink carrier (GSM 900 and E-GSM, GSM 850, DCS 1800); \
        an ARFCN on 3G or 4G, outside those bands, fractional or against a different frequency_mhz is refused
        """)
    func carrierFromChannelNumber() throws {
        let folder = try temporaryFolder("arfcn")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let channels = [1, 62, 124, 0, 975, 1_023, 128, 251, 512, 885]
        let sites = try linkBudgetSites(lastColumn: "arfcn", channels.map { "G\($0),44.45,-71.45,30,2G,43,17,3,\($0)" }, in: folder)
        let expected = [935.2, 947.4, 959.8, 935, 925.2, 934.8, 869.2, 893.8, 1_805.2, 1_879.8]
        for (site, frequency) in zip(sites, expected) { #expect(abs(site.frequencyMHz - frequency) < 1e-9, "\(site.id): \(site.frequencyMHz)") }
        let agreeing = try linkBudgetSites(lastColumn: "frequency_mhz,arfcn", ["G,44.45,-71.45,30,2G,43,17,3,947.4,62"], in: folder)
        #expect(abs(agreeing[0].frequencyMHz - 947.4) < 1e-9)
        try expectRefused(lastColumn: "arfcn", [
            ("U,44.45,-71.45,30,3G,43,17,3,10", "arfcn applies to 2G sites (a GSM channel number)"),
            ("G,44.45,-71.45,30,2G,43,17,3,300", "arfcn 300.0 is not a GSM channel number (GSM 900: 0–124, 955–1023; GSM 850: 128–251; DCS 1800: 512–885)"),
            ("G,44.45,-71.45,30,2G,43,17,3,12.5", "arfcn 12.5 is not a GSM channel number"),
        ], in: folder)
        try expectRefused(lastColumn: "frequency_mhz,arfcn", [
            ("G,44.45,-71.45,30,2G,43,17,3,900,62", "arfcn 62 is 947.4 MHz but frequency_mhz is 900.0: give one of them"),
        ], in: folder)
    }

    /// Sites from a CSV of `rows` under the link-budget columns and `column` last, written in `folder`.
    func linkBudgetSites(lastColumn column: String, _ rows: [String], in folder: String) throws -> [Site] {
        let path = folder + "/sites.csv"
        try (["id,lat,lon,height_m,technology,tx_power_dbm,antenna_gain_dbi,feeder_loss_db,\(column)"] + rows)
            .joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return try SiteFile.load(path)
    }

    /// Each row alone, under the same columns, is refused with a reason holding its fault.
    func expectRefused(lastColumn column: String, _ cases: [(row: String, fault: String)], in folder: String) throws {
        for (row, fault) in cases {
            let error = try #require(throws: InputError.self) { try linkBudgetSites(lastColumn: column, [row], in: folder) }
            #expect(error.reason.contains(fault), "\(error.reason)")
        }
    }

    @Test("Received power = EIRP + pattern − path loss + receiver gain − margins; per-site threshold used")
    func receivedPower() throws {
        let site = try SiteFile.load(sitesPath)[0]
        let grid = try DEMSource.open(SharedData.path("terrain/N44W072.hgt")).metricGrid(around: [site.location], radius: 3_000).grid
        let position = try CoverageEngine.positions(of: [site], on: grid)[0]
        let receiver = ReceiverBudget(antennaGainDBi: 2, indoorLossDB: 12, bodyLossDB: 3, foliageLossDB: 4)
        let parameters = CoverageParameters(radius: 3_000, model: .fspl, receiver: receiver)
        let coverage = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
        #expect(coverage.threshold == -90)
        let ground = Double(grid.siteGround(at: position)!) + site.antennaHeight
        var checked = 0
        for index in stride(from: 0, to: coverage.power.count, by: 31) where !coverage.power[index].isNaN {
            let column = coverage.column + index % coverage.width, row = coverage.row + index / coverage.width
            let cell = grid.center(column: column, row: row)
            let east = cell.x - position.x, north = cell.y - position.y
            let horizontal = (east * east + north * north).squareRoot()
            let rise = Double(grid[column, row]) + 1.5 - parameters.earth.drop(atDistance: horizontal) - ground
            let slant = (horizontal * horizontal + rise * rise).squareRoot()
            let pattern = site.antenna.relativeGain(azimuth: atan2(east, north) * 180 / .pi, elevation: atan2(rise, horizontal) * 180 / .pi)
            let expected = site.eirpDBm + pattern - freeSpaceLoss(distance: slant, frequencyMHz: 900) + 2 - 12 - 3 - 4
            #expect(abs(Double(coverage.power[index]) - expected) < 1e-3)
            checked += 1
        }
        #expect(checked > 50)
    }
}
