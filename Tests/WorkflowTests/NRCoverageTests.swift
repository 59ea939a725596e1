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
        A 5G PCI plan: phusong pci --technology 5G plans the 5G neighbour lists on the groups given (PCIs beyond 4G's \
        503), each mast one group on distinct shifts, without collision or confusion; --pci applies it to the 5G sites, \
        whose neighbour lists then count no identity clash (and every pair of neighbours with all on one PCI); a 4G site \
        given a 5G PCI, and 4G groups beyond 167, are refused
        """)
    func physicalCellIdentities() throws {
        let folder = try temporaryFolder("nr-pci")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = folder + "/sectors.csv"
        try String(contentsOfFile: Fixtures.path("sites/batxat_sectors.csv"), encoding: .utf8)
            .replacingOccurrences(of: ",4G,1800,61,10,", with: ",5G,3500,72,100,").write(toFile: sites, atomically: true, encoding: .utf8)
        func footprint(into out: String, _ extra: [String]) throws -> [String: Any] {
            let result = try runProgram(phusongExecutable, [
                "footprint", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", sites, "--model", "itm",
                "--radius-km", "8", "--resolution-m", "90", "--max-void-fraction", "0.7", "--neighbours", "--out", out,
            ] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let neighbours = try #require(try json(out + "/summary.json")["neighbours"] as? [String: Any])
            return try #require((neighbours["technologies"] as? [[String: Any]])?.first { $0["technology"] as? String == "5G" })
        }
        let lists = try footprint(into: folder + "/lists", [])
        #expect(lists["identity_collisions"] == nil, "no PCI given, no clash counted")
        let planned = try runProgram(phusongExecutable, [
            "pci", "--neighbours", folder + "/lists/neighbours.csv", "--technology", "5G", "--groups", "300-335", "--out", folder + "/pci.csv",
        ])
        #expect(planned.status == 0 && planned.stdout.contains("PCI plan: 15 5G sites on 5 masts"), "\(planned.stdout)\(planned.stderr)")
        let rows = try csvTable(folder + "/pci.csv")
        let pci = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"]!, Int($0["pci"]!)!) })
        #expect(pci.count == 15 && pci.values.allSatisfy { (900...1_007).contains($0) })
        #expect(rows.allSatisfy { $0["collisions"] == "0" && $0["confusions"] == "0" })
        for mast in ["EX", "SH1", "SH2", "GF2", "GF3"] {
            let sectors = pci.filter { $0.key.hasPrefix(mast + "-") }.values
            #expect(sectors.count == 3 && Set(sectors.map { $0 / 3 }).count == 1 && Set(sectors.map { $0 % 3 }).count == 3, "\(mast)")
        }
        let applied = try footprint(into: folder + "/planned", ["--pci", folder + "/pci.csv"])
        #expect(applied["identity_collisions"] as? Int == 0 && applied["identity_confusions"] as? Int == 0)
        try (["id,pci"] + pci.keys.map { "\($0),700" }).joined(separator: "\n").write(toFile: folder + "/one.csv", atomically: true, encoding: .utf8)
        let clashing = try footprint(into: folder + "/one", ["--pci", folder + "/one.csv"])
        let pairs = Set(try csvTable(folder + "/lists/neighbours.csv").map { [$0["source"]!, $0["target"]!].sorted() }).count
        #expect(clashing["identity_collisions"] as? Int == pairs && pairs > 0)

        let refused = try runProgram(phusongExecutable, [
            "footprint", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", Fixtures.path("sites/batxat_sectors.csv"),
            "--radius-km", "2", "--max-void-fraction", "0.7", "--pci", folder + "/pci.csv", "--out", folder + "/refused",
        ])
        #expect(refused.status == 1 && refused.stderr.contains("pci.csv: site 'EX-1' is a 4G site: its PCI lies within 0–503, not \(pci["EX-1"]!)"), "\(refused.stderr)")
        let wide = try runProgram(phusongExecutable, ["pci", "--neighbours", folder + "/lists/neighbours.csv", "--groups", "160-200", "--out", folder + "/x.csv"])
        #expect(wide.status == 64 && wide.stderr.contains("--groups must list 4G PCI groups (0–167)"), "\(wide.stderr)")
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
