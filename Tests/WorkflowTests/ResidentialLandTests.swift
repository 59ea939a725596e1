import Coverage
import Foundation
import Planning
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Residential land covered per commune (--residential-classes)", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct ResidentialLandTests {
    /// An evaluation of one Bát Xát site (free space, 4 km, 90 m cells) with the DEM's whole extent in land-cover
    /// class `value` (0.01° pixels), class 50 counted as residential; `communes.csv` as rows of named fields.
    func evaluate(into folder: String, everywhere value: UInt8) throws -> (summary: FootprintSummary, communes: [[String: String]]) {
        try GeoTIFF.writeIntegers(
            path: folder + "/landcover.tif", width: 20, height: 22, values: [UInt8](repeating: value, count: 440), nodata: 0,
            georeference: RasterGeoreference(geoTransform: [103.75, 0.01, 0, 22.63, 0, -0.01], crs: .epsg(4326))
        )
        try "class,loss_db\n10,6\n50,10\n".write(toFile: folder + "/losses.csv", atomically: true, encoding: .utf8)
        var request = FootprintRequest(
            terrainPath: SharedData.path("terrain/batxat_copernicus_glo30.tif"), sitesPath: "sites", outputDirectory: folder + "/run",
            parameters: CoverageParameters(radius: 4_000, model: .fspl), resolution: 90,
            voidPolicy: VoidPolicy(maxVoidFraction: 0.95),
            residents: ResidentsRequest(populationPath: SharedData.path("population/laocai_communes_census2009.geojson"))
        )
        request.sites = [Site(
            id: "BX-1", location: GeoPoint(latitude: 22.53, longitude: 103.88), antennaHeight: 30, frequencyMHz: 900, eirpDBm: 45,
            technology: .gsm
        )]
        request.clutter = ClutterRequest(rasterPath: folder + "/landcover.tif", lossesPath: folder + "/losses.csv", residentialClasses: [50])
        let summary = try FootprintJob.run(request)
        let lines = try String(contentsOfFile: folder + "/run/communes.csv", encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = try #require(lines.first)
        return (summary, lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) })
    }

    @Test("""
        All land residential: each commune's residential area and shares equal its area and area shares, computed apart; \
        the summary pools them as coverage_by_class has them. No residential land: the columns are there, empty
        """)
    func residentialShares() throws {
        let folder = try temporaryFolder("residential")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (summary, communes) = try evaluate(into: folder, everywhere: 50)
        let onTerrain = communes.filter { Double($0["area_km2"] ?? "") ?? 0 > 0 }
        #expect(onTerrain.count >= 5, "\(onTerrain.count) communes on the DEM")
        for commune in onTerrain {
            #expect(commune["residential_area_km2"] == commune["area_km2"], "\(commune["commune"] ?? "")")
            for key in ["2g", "3g", "4g", "any"] { #expect(commune["residential_pct_\(key)"] == commune["area_pct_\(key)"]) }
        }
        #expect(onTerrain.contains { (Double($0["residential_pct_any"] ?? "") ?? 0) > 0 && (Double($0["residential_pct_any"] ?? "") ?? 100) < 100 })
        let land = try #require(summary.clutter?.residential)
        let built = try #require(summary.clutter?.coverageByClass["50"])
        #expect(land.classes == ["50"] && land.areaKm2 == built.areaKm2 && land.coveredPercent["any"] == built.coveredPercent["any"])
        #expect(land.byCommune.count == onTerrain.count)
        for commune in onTerrain {
            let share = try #require(land.byCommune[commune["commune_id"] ?? ""])
            #expect(String(format: "%.3f", share.coveredPercent["any"] ?? -1) == commune["residential_pct_any"])
        }

        try FileManager.default.createDirectory(atPath: folder + "/trees", withIntermediateDirectories: true)
        let (trees, treeCommunes) = try evaluate(into: folder + "/trees", everywhere: 10)
        #expect(trees.clutter?.residential == nil)
        #expect(treeCommunes.allSatisfy { $0["residential_area_km2"] == "0.0000" && $0["residential_pct_any"] == "" })
    }

    @Test("--residential-classes without --clutter, or with a class that is no whole number, is refused before any work")
    func optionRefusals() throws {
        let common = ["footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", Fixtures.path("sites/nh_two_sites.csv")]
        let folder = try temporaryFolder("residential-cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bare = try runProgram(phusongExecutable, common + ["--out", folder + "/a", "--residential-classes", "50"])
        #expect(bare.status != 0 && bare.stderr.contains("--residential-classes needs --clutter and --clutter-losses"))
        let wrong = try runProgram(phusongExecutable, common + [
            "--out", folder + "/b", "--clutter", "a.tif", "--clutter-losses", "b.csv", "--residential-classes", "50,x",
        ])
        #expect(wrong.status != 0 && wrong.stderr.contains("--residential-classes must be whole numbers separated by commas"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
