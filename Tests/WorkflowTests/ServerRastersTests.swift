import Coverage
import Foundation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Best server and server count rasters", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct ServerRastersTests {
    /// A raster read whole: its frame and values (nodata as NaN).
    func raster(_ path: String) throws -> ElevationRaster {
        try #require(try DEMSource.open(path).read(covering: MapBounds(minX: -1e9, minY: -1e9, maxX: 1e9, maxY: 1e9), holding: .quantities))
    }

    @Test("""
        best_server.tif and server_count.tif agree cell by cell with the sites' own rasters: the covering site (each at \
        its technology's threshold) with the strongest power, the earlier site on a tie; summary.json and the raster's \
        metadata number the sites; their QGIS styles colour the covered cells and name the servers; a run of one site \
        writes neither
        """)
    func agreeWithSiteRasters() throws {
        let folder = try temporaryFolder("servers")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A and its twin give the same power everywhere (a tie A wins); B is 4G, covered down to −110 dBm, not −95.
        let sites = folder + "/sites.csv"
        try """
            id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology
            A,44.45,-71.45,30,900,60,2G
            B,44.48,-71.40,40,1800,58,4G
            A-twin,44.45,-71.45,30,900,60,2G
            """.write(toFile: sites, atomically: true, encoding: .utf8)
        var parameters = CoverageParameters(radius: 8_000)
        parameters.model = .itm
        let out = folder + "/out"
        let summary = try FootprintJob.run(FootprintRequest(
            terrainPath: SharedData.path("terrain/N44W072.hgt"), sitesPath: sites, outputDirectory: out, parameters: parameters
        ))
        #expect(summary.siteAreas.map(\.server) == [1, 2, 3])
        let best = try raster(out + "/best_server.tif"), count = try raster(out + "/server_count.tif")
        let grid = best.frame
        var expectedBest = [Float](repeating: .nan, count: grid.width * grid.height)
        var expectedCount = [Int](repeating: 0, count: grid.width * grid.height)
        var bestPower = [Float](repeating: -.infinity, count: grid.width * grid.height)
        for site in summary.siteAreas {
            let own = try raster(out + "/" + site.raster)
            let column = Int(((own.frame.cornerX - grid.cornerX) / grid.pixelWidth).rounded())
            let row = Int(((grid.cornerY - own.frame.cornerY) / grid.pixelHeight).rounded())
            for y in 0..<own.height {
                for x in 0..<own.width {
                    let power = own.values[y * own.width + x], index = (row + y) * grid.width + column + x
                    guard power >= Float(site.thresholdDBm) else { continue }
                    expectedCount[index] += 1
                    if power > bestPower[index] { (bestPower[index], expectedBest[index]) = (power, Float(site.server ?? 0)) }
                }
            }
        }
        let counted = count.values.map { $0.isNaN ? 0 : Int($0) }
        #expect(counted == expectedCount)
        #expect(zip(best.values, expectedBest).allSatisfy { $0.isNaN ? $1.isNaN : $0 == $1 })
        // Every cell A covers has two servers at least and never its twin as the best; B serves where it is strongest.
        #expect(!best.values.contains(3) && best.values.contains(1) && best.values.contains(2) && counted.contains(3))
        let info = try runProgram("gdalinfo", ["-json", out + "/best_server.tif"])
        let metadata = try #require(
            ((try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])?["metadata"] as? [String: Any])?[""]
                as? [String: String]
        )
        #expect(metadata["PHUSONG_SERVER_1"] == "A" && metadata["PHUSONG_SERVER_2"] == "B" && metadata["PHUSONG_SERVER_3"] == "A-twin")

        // The styles QGIS opens them with: the servers by id; the power classes from the 4G and 2G thresholds, every cell
        // a site covers opaque and only what lies below both thresholds transparent (the strongest power, a 2G site's
        // below its own threshold among them, is what the raster holds); each site's raster from its own threshold,
        // opaque exactly where the site covers.
        #expect(try StyleFile(out + "/server_count.qml").entries.map(\.label) == ["1 server", "2 servers", "3 servers", "more than 3 servers"])
        let palette = try StyleFile(out + "/best_server.qml")
        #expect(palette.entries.map(\.label) == ["A", "B", "A-twin"])
        func alphas(_ raster: ElevationRaster, _ style: StyleFile) -> [Int] {
            raster.values.map { $0.isNaN ? -1 : style.entry(for: Double($0))?.alpha ?? -2 }
        }
        let classes = try StyleFile(out + "/coverage_power.qml"), strongest = try raster(out + "/coverage.tif")
        #expect(classes.entries.prefix(3).map(\.label) == ["below -110 dBm", "-110 to -95 dBm", "-95 to -85 dBm"])
        let shown = alphas(strongest, classes)
        #expect(zip(shown, counted).allSatisfy { $1 == 0 || $0 == 255 }, "every covered cell opaque")
        #expect(zip(shown, strongest.values).allSatisfy { $1.isNaN || ($0 == 0) == ($1 < -110) }, "transparent below both thresholds")
        for site in summary.siteAreas {
            let own = try raster(out + "/" + site.raster), style = try StyleFile(out + "/" + site.raster.replacingOccurrences(of: ".tif", with: ".qml"))
            let opaque = zip(alphas(own, style), own.values).filter { !$1.isNaN }
            #expect(!opaque.isEmpty && opaque.allSatisfy { ($0 == 255) == ($1 >= Float(site.thresholdDBm)) }, "\(site.id)")
        }

        let one = folder + "/one"
        try "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology\nA,44.45,-71.45,30,900,60,2G\n"
            .write(toFile: folder + "/one.csv", atomically: true, encoding: .utf8)
        let single = try FootprintJob.run(FootprintRequest(
            terrainPath: SharedData.path("terrain/N44W072.hgt"), sitesPath: folder + "/one.csv", outputDirectory: one,
            parameters: parameters
        ))
        #expect(single.siteAreas.map(\.server) == [nil])
        #expect(try FileManager.default.contentsOfDirectory(atPath: one).sorted() == ["coverage.gpkg", "coverage.tif", "coverage_power.qml", "footprints.geojson", "footprints.qml", "sites", "summary.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: one + "/sites").sorted() == ["A.qml", "A.tif"])
    }
}
