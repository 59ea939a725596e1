import Foundation
import TestSupport
import Testing

@Suite("5G NR sites", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct NRCoverageTests {
    /// A 4G omni site and a 5G sector on its mast: the 5G carrier 100 MHz wide at 30 kHz (273 resource blocks), 72 dBm
    /// EIRP in its beam.
    let sitesCSV = """
        id,lat,lon,height_m,technology,eirp_dbm,frequency_mhz,bandwidth_mhz,azimuth_deg,beamwidth_deg,antenna_gain_dbi
        L,LAT,LON,30,4G,61,1800,20,,,
        N,LAT,LON,30,5G,72,3500,100,90,65,24
        """

    func writeSites(in folder: String, latitude: Double, longitude: Double, only: String? = nil) throws -> String {
        let rows = sitesCSV.replacingOccurrences(of: "LAT", with: "\(latitude)").replacingOccurrences(of: "LON", with: "\(longitude)")
            .split(separator: "\n").filter { row in only.map { row.hasPrefix("id,") || row.hasPrefix($0 + ",") } ?? true }
        let path = folder + "/sites-\(only ?? "all").csv"
        try rows.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test("""
        A 5G site covers where its SS-RSRP reaches the 5G threshold: its footprint is its raster's cells at or above \
        --threshold-5g, which moves it and leaves the 4G site's as it was
        """)
    func footprintAtItsThreshold() throws {
        let folder = try temporaryFolder("nr-footprint")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try writeSites(in: folder, latitude: 44.45, longitude: -71.45)
        var covered: [String: [String: Int]] = [:]
        for threshold in [-110.0, -100.0] {
            let out = folder + "/out\(Int(threshold))"
            let result = try runProgram(phusongExecutable, [
                "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", sites, "--out", out,
                "--model", "itm", "--radius-km", "8", "--resolution-m", "90", "--threshold-5g", "\(threshold)",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let summary = try json(out + "/summary.json")
            #expect((summary["thresholds_dbm"] as? [String: Double])?["5G"] == threshold)
            let areas = try #require(summary["site_areas"] as? [[String: Any]])
            let nr = try #require(areas.first { $0["id"] as? String == "N" })
            #expect(nr["technology"] as? String == "5G" && nr["threshold_dbm"] as? Double == threshold)
            #expect(abs(try #require(nr["eirp_dbm"] as? Double) - (72 - 10 * log10(12 * 273.0))) < 1e-9)
            let power = try rasterValues(out + "/sites/N.tif")
            #expect(nr["covered_cells"] as? Int == power.filter { Double($0) >= threshold }.count)
            covered[String(Int(threshold))] = Dictionary(uniqueKeysWithValues: areas.map { ($0["id"] as! String, $0["covered_cells"] as! Int) })
        }
        let low = try #require(covered["-110"]), high = try #require(covered["-100"])
        #expect(high["N"]! < low["N"]! && high["N"]! > 0, "a higher 5G threshold covers less")
        #expect(high["L"] == low["L"], "the 4G site keeps its own threshold")
    }

    @Test("""
        Residents count in a 5G layer of their own: the 5G site's alone, whatever the 4G site covers; switching off 2G, 3G \
        and 4G loses the residents the 5G site does not cover
        """)
    func residentsInTheFiveGLayer() throws {
        let folder = try temporaryFolder("nr-residents")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func evaluate(_ sites: String, into out: String, _ extra: [String] = []) throws -> [String: Any] {
            let result = try runProgram(phusongExecutable, [
                "evaluate", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", sites,
                "--population", SharedData.path("population/laocai_communes_census2009.geojson"), "--model", "itm",
                "--radius-km", "8", "--resolution-m", "90", "--max-void-fraction", "0.7", "--out", out,
            ] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return try json(out + "/summary.json")
        }
        func residents(_ summary: [String: Any]) throws -> [String: Double] {
            let total = try #require((summary["residents"] as? [String: Any])?["total"] as? [String: Any])
            return try #require(total["covered_residents"] as? [String: Double])
        }
        let both = try evaluate(try writeSites(in: folder, latitude: 22.52, longitude: 103.85), into: folder + "/both", ["--sunset", "2G,3G,4G"])
        let alone = try residents(try evaluate(try writeSites(in: folder, latitude: 22.52, longitude: 103.85, only: "N"), into: folder + "/alone"))
        let layers = try residents(both)
        #expect(alone["5G"]! > 0 && alone["5G"] == alone["any"] && alone["4G"] == 0)
        #expect(abs(layers["5G"]! - alone["5G"]!) < 1e-9 && layers["4G"]! > layers["5G"]!)
        let sunset = try #require(both["sunset"] as? [String: Any])
        #expect(sunset["technologies"] as? [String] == ["2G", "3G", "4G"])
        #expect(abs(try #require(sunset["residents_losing_coverage"] as? Double) - (layers["any"]! - layers["5G"]!)) < 1e-6)
    }
}
