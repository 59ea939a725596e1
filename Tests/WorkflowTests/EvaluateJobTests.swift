import Coverage
import Foundation
import Planning
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("phusong evaluate: residents covered", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct EvaluateJobTests {
    @Test("Cao Bằng's 199 communes (496,319 people) on synthetic terrain aggregate exactly to the census districts and province; outputs say synthetic")
    func caoBangAggregates() throws {
        let folder = try temporaryFolder("caobang")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrainPath = folder + "/synthetic_caobang.tif"
        let terrain = SyntheticTerrain(bounds: MapBounds(minX: 105.2, minY: 22.3, maxX: 106.9, maxY: 23.2), arcSeconds: 30).generate()
        try GeoTIFF.writeFloat32(
            path: terrainPath, width: terrain.width, height: terrain.height, values: terrain.values,
            georeference: RasterGeoreference(geoTransform: terrain.frame.geoTransform, crs: .epsg(4326)),
            metadata: [syntheticMetadataKey: "YES"]
        )
        let sitesPath = folder + "/sites.csv"
        try "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology\nCB-1,22.665,106.255,36,900,58,2G\n"
            .write(toFile: sitesPath, atomically: true, encoding: .utf8)
        let communes = SharedData.path("population/caobang_communes_census2009.geojson")
        let summary = try FootprintJob.run(FootprintRequest(
            terrainPath: terrainPath, sitesPath: sitesPath, outputDirectory: folder + "/out",
            parameters: CoverageParameters(radius: 10_000, model: .fspl), resolution: 1_000,
            residents: ResidentsRequest(populationPath: communes)
        ))
        let residents = try #require(summary.residents)
        #expect(summary.syntheticTerrain)
        #expect(residents.communes.count == 199)
        #expect(residents.total.population == 496_319)
        #expect(abs(residents.total.residents - 496_319) < 1e-6, "every commune lies on the synthetic terrain")
        #expect(residents.communes.allSatisfy { $0.terrainFraction == 1 && $0.figures.residents == $0.figures.population })

        let census = try AdminLayer.load(
            SharedData.path("population/caobang_districts_census2009.geojson"), fields: districtFields()
        )
        #expect(residents.districts.count == 13 && census.units.count == 13)
        for district in census.units {
            let aggregated = try #require(residents.districts.first { $0.id == district.id }, "district \(district.id)")
            #expect(aggregated.figures.population == district.population, "\(district.name)")
            #expect(abs(aggregated.figures.residents - district.population) < 1e-6)
        }
        let province = try #require(residents.provinces.first)
        #expect(residents.provinces.count == 1 && province.figures.population == 496_319)
        let covered = try #require(province.figures.residentsPercent("2G"))
        #expect(covered > 0 && covered < 100)

        let csv = try String(contentsOfFile: folder + "/out/communes.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 200)
        #expect(csv.dropFirst().allSatisfy { $0.hasSuffix(",yes") }, "synthetic_terrain column")
        let geojson = try String(contentsOfFile: folder + "/out/coverage.geojson", encoding: .utf8)
        #expect(geojson.components(separatedBy: "\"kind\":\"commune\"").count - 1 == 199)
        #expect(!geojson.contains("\"synthetic_terrain\":false"))
        let raster = try DEMSource.open(folder + "/out/residents.tif").inventory()
        #expect(raster.description.isSynthetic)
        // residents.qml: each cell's class by its density per km², none transparent.
        let density = try StyleFile(folder + "/out/residents.qml"), frame = raster.description.frame
        let cellKm2 = frame.pixelWidth * frame.pixelHeight / 1e6
        let drawn = try rasterValues(folder + "/out/residents.tif").filter { !$0.isNaN }.map { value in
            (Double(value) / cellKm2, try #require(density.entry(for: Double(value))))
        }
        for (perKm2, entry) in drawn {
            let bounds: [(Double, Double, String)] = [
                (0, 0, "no residents"), (0, 10, "up to 10 residents per km²"), (10, 50, "10 to 50 residents per km²"),
                (50, 200, "50 to 200 residents per km²"), (200, 1_000, "200 to 1000 residents per km²"),
            ]
            let expected = bounds.first { perKm2 <= $0.1 * (1 + 1e-9) && (perKm2 > $0.0 || $0.1 == 0) }?.2 ?? "over 1000 residents per km²"
            #expect(entry.label == expected, "\(perKm2) per km²")
            if entry.label == "no residents" { #expect(entry.alpha == 0) }
        }
        #expect(Set(drawn.map(\.1.label)).count >= 3)

        // Google Earth's KMZ: GDAL's KML reader finds the 199 communes, the 2G coverage and every gap of gaps.csv.
        let kmz = try runProgram("ogrinfo", ["-so", "-al", folder + "/out/coverage.kmz"])
        #expect(kmz.status == 0, "\(kmz.stderr)")
        let layers = kmz.stdout.components(separatedBy: "Layer name: ").dropFirst().map { section in
            (section.prefix { $0 != "\n" }, section.components(separatedBy: "Feature Count: ").last?.prefix { $0.isNumber } ?? "")
        }
        let gaps = try csvTable(folder + "/out/gaps.csv").count
        #expect(layers.map { "\($0.0)=\($0.1)" } == ["Communes=199", "Coverage=1", "Gaps=\(gaps)", "Sites=1"], "\(kmz.stdout)")
        // The quick-look map: a PNG of the grid's size, with colours besides the hillshade's greys.
        let png = try runProgram("gdalinfo", ["-json", "-stats", folder + "/out/map.png"])
        let info = try #require(try JSONSerialization.jsonObject(with: Data(png.stdout.utf8)) as? [String: Any])
        #expect(info["driverShortName"] as? String == "PNG")
        #expect(info["size"] as? [Int] == [summary.gridWidth, summary.gridHeight])
        let bands = try #require(info["bands"] as? [[String: Any]])
        let means = bands.compactMap { $0["mean"] as? Double }
        #expect(bands.count == 3 && means.count == 3 && means.max()! - means.min()! > 1, "tinted, not grey: \(means)")
    }

    @Test("Bad population layers stop phusong evaluate with one line naming the file, and nothing written")
    func badPopulation() throws {
        let folder = try temporaryFolder("badpopulation")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (file, fault) in [
            ("population/synthetic_no_population.geojson", "missing attribute 'population'"),
            ("population/synthetic_utm_coordinates.geojson", "CRS mismatch"),
        ] {
            let path = Fixtures.path(file)
            let result = try runProgram(phusongExecutable, [
                "evaluate", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"),
                "--sites", Fixtures.path("sites/batxat_one_site.geojson"), "--population", path,
                "--radius-km", "5", "--max-void-fraction", "0.7", "--out", folder + "/out",
            ])
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("phusong: error: \(path): ") && result.stderr.contains(fault), "\(result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        }
    }

    private func districtFields() -> AdminFields {
        var fields = AdminFields()
        fields.id = "district_id"
        fields.name = "district"
        return fields
    }
}
