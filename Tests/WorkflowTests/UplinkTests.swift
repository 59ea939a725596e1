import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("The uplink: coverage where both links close", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct UplinkTests {
    let terrain = SharedData.path("terrain/N44W072.hgt")

    /// A site file in a new folder: a 4G sector of 46 dBm over 20 MHz (RSRP 30.8 dB lower), 18 dBi, 2 dB of feeder,
    /// plus the columns in `extra`.
    func siteFile(extra: [String: String] = [:]) throws -> (folder: String, path: String) {
        let folder = try temporaryFolder("uplink")
        let columns = [
            "id": "L1", "lat": "44.45", "lon": "-71.45", "height_m": "30", "technology": "4G", "tx_power_dbm": "46",
            "antenna_gain_dbi": "18", "feeder_loss_db": "2", "bandwidth_mhz": "20", "azimuth_deg": "120",
        ].merging(extra) { $1 }
        let names = columns.keys.sorted()
        let path = folder + "/sites.csv"
        try (names.joined(separator: ",") + "\n" + names.map { columns[$0]! }.joined(separator: ",") + "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    func run(_ sites: String, into folder: String, uplink: Bool) throws -> FootprintSummary {
        var parameters = CoverageParameters(radius: 12_000, model: .itm)
        parameters.checksUplink = uplink
        return try FootprintJob.run(FootprintRequest(terrainPath: terrain, sitesPath: sites, outputDirectory: folder, parameters: parameters))
    }

    @Test("""
        A 4G sector over N44W072 with --uplink: its covered cells are those where the downlink reaches −110 dBm RSRP \
        and the handset's 23 dBm reaches the site's −101.5 dBm through the same path, pattern and 16 dB of net gain
        """)
    func coverageWhereBothLinksClose() throws {
        let (folder, sites) = try siteFile()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let site = try #require(try SiteFile.load(sites).first)
        let referenceEIRP = 46 + 18 - 2 - 10 * log10(1_200.0)
        #expect(abs(site.eirpDBm - referenceEIRP) < 1e-9)
        let grid = try DEMSource.open(terrain).metricGrid(around: [site.location], radius: 12_000).grid
        let position = try CoverageEngine.positions(of: [site], on: grid)[0]
        let downlink = try CoverageEngine.coverage(
            of: site, at: position, on: grid, parameters: CoverageParameters(radius: 12_000, model: .itm)
        ).power.filter { !$0.isNaN }.map(Double.init)
        // Path gain (path loss and the sector's pattern, the same both ways) = RSRP − reference signal's EIRP; the
        // uplink's received power = handset power + path gain + the site's antenna gain less feeder loss.
        let uplinkPower = downlink.map { 23 + ($0 - referenceEIRP) + (18 - 2) }
        let downlinkOnly = downlink.filter { $0 >= -110 }.count
        let both = zip(downlink, uplinkPower).filter { $0.0 >= -110 && $0.1 >= -101.5 }.count

        let without = try run(sites, into: folder + "/downlink", uplink: false)
        let with = try run(sites, into: folder + "/both", uplink: true)
        #expect(without.siteAreas[0].coveredCells == downlinkOnly && without.siteAreas[0].uplink == nil)
        #expect(with.siteAreas[0].coveredCells == both, "\(with.siteAreas[0].coveredCells) against \(both)")
        #expect(both < downlinkOnly, "the uplink limits this site: \(both) of \(downlinkOnly) cells")
        let budget = try #require(with.siteAreas[0].uplink)
        #expect(budget.handsetPowerDBm == 23 && budget.sensitivityDBm == -101.5 && budget.antennaNetGainDB == 16)
        #expect(budget.limitingLink == "uplink" && budget.downlinkThresholdDBm == -110)
        #expect(abs(with.siteAreas[0].thresholdDBm - (-101.5 - 23 + referenceEIRP - 16)) < 1e-9 && with.settings.uplink)
    }

    @Test("A site stating bts_sensitivity_dbm is checked without --uplink; where the downlink needs more, it limits")
    func statedUplink() throws {
        let (folder, sites) = try siteFile(extra: ["bts_sensitivity_dbm": "-125", "ue_power_dbm": "26"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try run(sites, into: folder + "/run", uplink: false)
        let budget = try #require(summary.siteAreas[0].uplink)
        #expect(budget.sensitivityDBm == -125 && budget.handsetPowerDBm == 26)
        #expect(budget.limitingLink == "downlink" && summary.siteAreas[0].thresholdDBm == -110 && !summary.settings.uplink)
    }

    @Test("Technology defaults: 3GPP power classes and reference sensitivities, DCS 1800 handsets at 30 dBm")
    func defaults() {
        #expect(Technology.gsm.handsetPowerDBm(frequencyMHz: 900) == 33 && Technology.gsm.handsetPowerDBm(frequencyMHz: 1_800) == 30)
        #expect(Technology.umts.handsetPowerDBm(frequencyMHz: 2_100) == 24 && Technology.lte.handsetPowerDBm(frequencyMHz: 1_800) == 23)
        #expect(Technology.gsm.referenceSensitivityDBm(bandwidthMHz: nil) == -104)
        #expect(Technology.umts.referenceSensitivityDBm(bandwidthMHz: nil) == -121)
        #expect([1.4, 3, 5, 20, nil].map { Technology.lte.referenceSensitivityDBm(bandwidthMHz: $0) } == [-106.8, -103.0, -101.5, -101.5, -101.5])
    }

    @Test("""
        Refused, naming the file and nothing written: --uplink with a site given its EIRP alone, handset power without \
        an antenna gain, a sensitivity out of range
        """)
    func refusals() throws {
        let cases: [([String: String], [String], String)] = [
            (["tx_power_dbm": "", "antenna_gain_dbi": "", "eirp_dbm": "60"], ["--uplink"], "site 'L1': --uplink needs the site's antenna gain"),
            (["tx_power_dbm": "", "antenna_gain_dbi": "", "eirp_dbm": "60", "ue_power_dbm": "23"], [], "ue_power_dbm and bts_sensitivity_dbm need the site's antenna gain"),
            (["bts_sensitivity_dbm": "-30"], [], "bts_sensitivity_dbm -30.0 is outside −150 to −50 dBm"),
        ]
        for (extra, options, message) in cases {
            let (folder, sites) = try siteFile(extra: extra)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let result = try runProgram(phusongExecutable, [
                "footprint", "--terrain", terrain, "--sites", sites, "--out", folder + "/out", "--radius-km", "5",
            ] + options)
            #expect(result.status != 0 && result.stderr.contains(sites) && result.stderr.contains(message), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        }
    }
}
