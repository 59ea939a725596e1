import Foundation
import TestSupport
import Testing
import Workflows

/// The ground a site's antenna stands on, on the Bát Xát DEM (Copernicus 1″) at a 90 m grid.
@Suite("The ground under a site", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct SiteGroundTests {
    let terrain = SharedData.path("terrain/batxat_copernicus_glo30.tif")

    /// The DEM's height at a point, from GDAL's own reading of its pixels.
    func demHeight(latitude: Double, longitude: Double) throws -> Double {
        try gdalHeight(terrain, latitude: latitude, longitude: longitude)
    }

    @Test("""
        A site's ground is the DEM's own height where it stands (bilinear between its pixels), not the 90 m grid's, whose \
        cells move with the first site of the run: the same site second after two different first sites stands on the same ground
        """)
    func groundFromTheDEM() throws {
        let folder = try temporaryFolder("site-ground")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var grounds: [Double] = []
        for (index, first) in ["22.53,103.88", "22.50,103.83"].enumerated() {
            let sites = folder + "/sites-\(index).csv"
            try "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology\nFIRST,\(first),30,900,58,2G\nSH2,22.515,103.865,30,900,58,2G\n"
                .write(toFile: sites, atomically: true, encoding: .utf8)
            let out = folder + "/out-\(index)"
            let run = try runProgram(phusongExecutable, [
                "footprint", "--terrain", terrain, "--sites", sites, "--model", "los", "--radius-km", "3", "--resolution-m", "90",
                "--max-void-fraction", "0.7", "--out", out,
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let summary = try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
            grounds.append(try #require(summary.siteAreas.first { $0.id == "SH2" }?.groundM))
            let first = try #require(summary.siteAreas.first { $0.id == "FIRST" })
            #expect(abs(try #require(first.groundM) - (try demHeight(latitude: first.latitude, longitude: first.longitude))) < 0.01)
        }
        let dem = try demHeight(latitude: 22.515, longitude: 103.865)
        #expect(grounds.allSatisfy { abs($0 - dem) < 0.01 }, "\(grounds) against the DEM's \(dem) m")
    }

    @Test("A path's two ends stand on the DEM's own ground, and its profile CSV's ray starts and ends on it")
    func pathEnds() throws {
        let folder = try temporaryFolder("path-ground")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try runProgram(phusongExecutable, [
            "path", "--terrain", terrain, "--from", "22.53,103.88", "--to", "22.515,103.865", "--tx-height-m", "30", "--rx-height-m", "20",
            "--model", "itm", "--profile-csv", folder + "/profile.csv",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let from = try #require((report["from"] as? [String: Any])?["ground_m"] as? Double)
        let to = try #require((report["to"] as? [String: Any])?["ground_m"] as? Double)
        #expect(abs(from - (try demHeight(latitude: 22.53, longitude: 103.88))) < 0.01)
        #expect(abs(to - (try demHeight(latitude: 22.515, longitude: 103.865))) < 0.01)
        let rows = try String(contentsOfFile: folder + "/profile.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map { Double($0) } }
        let rays = (try #require(rows.first?[5]), try #require(rows.last?[5]))
        #expect(abs(rays.0 - (from + 30)) < 0.006 && abs(rays.1 - (to + 20)) < 0.006, "\(rays)")
    }
}
