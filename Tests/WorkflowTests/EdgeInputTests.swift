import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

/// Inputs at the edges: sites on tile borders, at the pole and either side of the antimeridian, zero-height antennas,
/// frequencies at each model's limits. Each gives a correct result or a clear error.
@Suite("Edge inputs")
struct EdgeInputTests {
    /// A geographic (WGS84) GeoTIFF of `columns` × `rows` cells of `cell` degrees from the north-west corner.
    func writeGeographicDEM(
        _ path: String, west: Double, north: Double, cell: Double, columns: Int, rows: Int,
        elevation: (_ longitude: Double, _ latitude: Double) -> Double
    ) throws {
        var values = [Float](repeating: 0, count: columns * rows)
        for row in 0..<rows {
            for column in 0..<columns {
                values[row * columns + column] = Float(elevation(west + (Double(column) + 0.5) * cell, north - (Double(row) + 0.5) * cell))
            }
        }
        try GeoTIFF.writeFloat32(
            path: path, width: columns, height: rows, values: values,
            georeference: RasterGeoreference(geoTransform: [west, cell, 0, north, 0, -cell], crs: .epsg(4326))
        )
    }

    func sitesFile(_ folder: String, _ rows: [String], name: String = "sites.csv") throws -> String {
        let path = folder + "/" + name
        try (["id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology"] + rows).joined(separator: "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Either side of the antimeridian: the grid takes zone 60 or 1 (not zone 31), mirrored sites cover mirrored areas")
    func antimeridian() throws {
        let folder = try temporaryFolder("antimeridian")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/tiles", withIntermediateDirectories: true)
        // Hills mirrored about the 180° meridian.
        let hills = { (offset: Double, latitude: Double) in 300 + 150 * sin(offset * 60) * cos(latitude * 45) }
        try writeGeographicDEM(folder + "/tiles/east.tif", west: 179, north: 66, cell: 1.0 / 240, columns: 240, rows: 240) {
            hills(180 - $0, $1)
        }
        try writeGeographicDEM(folder + "/tiles/west.tif", west: -180, north: 66, cell: 1.0 / 240, columns: 240, rows: 240) {
            hills($0 + 180, $1)
        }
        let summary = try FootprintJob.run(FootprintRequest(
            terrainPath: folder + "/tiles", sitesPath: try sitesFile(folder, ["E,65.5,179.98,30,900,60,2G", "W,65.5,-179.98,30,900,60,2G"]),
            outputDirectory: folder + "/out", parameters: CoverageParameters(radius: 5_000), resolution: 100
        ))
        #expect(["EPSG:32660", "EPSG:32601"].contains(summary.crs), "\(summary.crs)")
        let east = summary.siteAreas[0].areaKm2, west = summary.siteAreas[1].areaKm2
        #expect(east > 5 && abs(east - west) / east < 0.05, "east \(east) km², west \(west) km²")
        // RFC 7946: no polygon of footprints.geojson crosses the antimeridian; both sides are there.
        let text = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/footprints.geojson"))
        let features = try #require((try JSONSerialization.jsonObject(with: text) as? [String: Any])?["features"] as? [[String: Any]])
        var sides = Set<Bool>()
        for feature in features {
            let polygons = try #require((feature["geometry"] as? [String: Any])?["coordinates"] as? [[[[Double]]]])
            for polygon in polygons {
                let longitudes = polygon.flatMap { $0.map { $0[0] } }
                #expect(longitudes.max()! - longitudes.min()! < 1, "a polygon spans \(longitudes.min()!) to \(longitudes.max()!)")
                sides.insert(longitudes[0] > 0)
            }
        }
        #expect(sides == [true, false])
    }

    @Test("At the North Pole: a site on the pole and one beside it cover their whole disc of a convex bowl")
    func pole() throws {
        let folder = try temporaryFolder("pole")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Ground rising 300 m per degree away from the pole: convex, so every cell within the radius is in sight.
        try writeGeographicDEM(folder + "/cap.tif", west: -180, north: 90, cell: 0.05, columns: 7_200, rows: 40) { _, latitude in
            2_000 + (90 - latitude) * 300
        }
        let summary = try FootprintJob.run(FootprintRequest(
            terrainPath: folder + "/cap.tif", sitesPath: try sitesFile(folder, ["P,90,0,30,900,60,2G", "Q,89.9,45,30,900,60,2G"]),
            outputDirectory: folder + "/out", parameters: CoverageParameters(radius: 10_000), resolution: 250
        ))
        for site in summary.siteAreas {
            #expect(abs(site.areaKm2 - .pi * 100) / (.pi * 100) < 0.01, "\(site.id): \(site.areaKm2) km²")
        }
        #expect(summary.voids.gridVoidCells == 0)
        // The footprint around the pole is written cut at the antimeridian and closed along 90° N.
        let text = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/footprints.geojson"))
        let features = try #require((try JSONSerialization.jsonObject(with: text) as? [String: Any])?["features"] as? [[String: Any]])
        let onPole = try #require((features[0]["geometry"] as? [String: Any])?["coordinates"] as? [[[[Double]]]])
        let points = onPole.flatMap { $0.flatMap { $0 } }
        #expect(points.allSatisfy { (-180...180).contains($0[0]) && $0[1] > 89.8 })
        #expect(points.contains { $0[1] == 90 } && points.contains { $0[0] == 180 } && points.contains { $0[0] == -180 })
    }

    @Test("""
        A site exactly on a tile's edge and on its corner keeps its elevation; the area beyond is void, not covered, and \
        the site is warned of the share of its disc without terrain (a site inside is not)
        """, .enabled(if: SharedData.isAvailable, SharedData.absence))
    func tileEdgeAndCorner() throws {
        let folder = try temporaryFolder("tile-edge")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, row, voidShare) in [("edge", "B,44.0,-71.5,30,900,60,2G", 0.5), ("corner", "C,45.0,-72.0,30,900,60,2G", 0.75),
                                       ("inside", "D,44.2,-71.5,30,900,60,2G", 0)] {
            var request = FootprintRequest(
                terrainPath: SharedData.path("terrain/N44W072.hgt"), sitesPath: try sitesFile(folder, [row], name: name + ".csv"),
                outputDirectory: folder + "/" + name, parameters: CoverageParameters(radius: 5_000),
                voidPolicy: VoidPolicy(maxVoidFraction: 0.8)
            )
            request.writeTerrain = true
            let summary = try FootprintJob.run(request)
            #expect(summary.siteAreas[0].areaKm2 > 1, "\(name)")
            #expect(abs(summary.voids.gridVoidFraction - voidShare) < 0.03, "\(name): \(summary.voids.gridVoidFraction)")
            let prefix = "site '\(summary.siteAreas[0].id)': "
            let suffix = " % of the area within 5.0 km has no terrain (beyond the DEM or void): the site covers nothing there"
            let warned = summary.warnings.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }
                .compactMap { Double($0.dropFirst(prefix.count).dropLast(suffix.count)) }
            if voidShare == 0 {
                #expect(summary.warnings.isEmpty, "\(name): \(summary.warnings)")
            } else {
                #expect(warned.count == 1 && abs(warned[0] - voidShare * 100) < 3, "\(name): \(summary.warnings)")
            }
            // No covered cell lies on a void.
            let terrain = try DEMSource.open(folder + "/\(name)/terrain.tif").read(covering: MapBounds(minX: -1e9, minY: -1e9, maxX: 1e9, maxY: 1e9))
            let power = try DEMSource.open(folder + "/\(name)/coverage.tif").read(covering: MapBounds(minX: -1e9, minY: -1e9, maxX: 1e9, maxY: 1e9))
            let elevations = try #require(terrain).values, received = try #require(power).values
            #expect(zip(elevations, received).allSatisfy { !$0.isNaN || $1.isNaN })
        }
    }

    @Test("Zero-height antennas: a result where the model allows it, an error naming the height where it does not",
          .enabled(if: SharedData.isAvailable, SharedData.absence))
    func zeroHeightAntenna() throws {
        let folder = try temporaryFolder("zero-height")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try sitesFile(folder, ["Z,44.45,-71.45,0,900,60,2G"])
        for model in PathLossModel.allCases {
            var parameters = CoverageParameters(radius: 3_000)
            parameters.model = model
            let request = FootprintRequest(
                terrainPath: SharedData.path("terrain/N44W072.hgt"), sitesPath: sites, outputDirectory: folder + "/" + model.rawValue,
                parameters: parameters
            )
            switch model {
            case .los, .fspl, .p526:
                #expect(try FootprintJob.run(request).siteAreas[0].areaKm2 > 0, "\(model)")
            case .hata, .cost231, .itm, .itmArea, .rma, .uma, .umi:
                let error = try #require(throws: InputError.self, "\(model)") { try FootprintJob.run(request) }
                #expect(error.path == sites && error.reason.contains("site 'Z'") && error.reason.contains("height 0"), "\(error.reason)")
                #expect(!FileManager.default.fileExists(atPath: folder + "/" + model.rawValue))
            }
        }
    }

    @Test("Frequencies at each model's limits are used; just beyond them, an error naming the frequency and the range",
          .enabled(if: SharedData.isAvailable, SharedData.absence))
    func frequencyLimits() throws {
        let folder = try temporaryFolder("frequency")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cases: [(PathLossModel, inside: [Double], outside: [Double], range: String)] = [
            (.hata, [150, 1_500], [149.9, 1_500.1], "150–1500 MHz"),
            (.cost231, [1_500, 2_000], [1_499.9, 2_000.1], "1500–2000 MHz"),
            (.itm, [20, 20_000], [19.9, 20_001], "20–20000 MHz"),
            (.rma, [500, 30_000], [499.9, 30_000.1], "500–30000 MHz"),
        ]
        for (model, inside, outside, range) in cases {
            for frequency in inside + outside {
                var parameters = CoverageParameters(radius: 2_000)
                parameters.model = model
                let request = FootprintRequest(
                    terrainPath: SharedData.path("terrain/N44W072.hgt"),
                    sitesPath: try sitesFile(folder, ["F,44.45,-71.45,30,\(frequency),60,2G"], name: "\(model)-\(frequency).csv"),
                    outputDirectory: folder + "/out-\(model)-\(frequency)", parameters: parameters
                )
                if inside.contains(frequency) {
                    #expect(try FootprintJob.run(request).siteAreas[0].areaKm2 > 0, "\(model) at \(frequency) MHz")
                } else {
                    let error = try #require(throws: InputError.self) { try FootprintJob.run(request) }
                    #expect(error.reason.contains("frequency") && error.reason.contains(range), "\(model) at \(frequency): \(error.reason)")
                }
            }
        }
    }

    @Test("A commune of population 0 is listed without residents, not judged, with no share (not NaN) in any output",
          .enabled(if: SharedData.isAvailable, SharedData.absence))
    func zeroPopulationCommune() throws {
        let folder = try temporaryFolder("zero-population")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func commune(_ id: String, population: Int, west: Double) -> String {
            let ring = [[west, 44.42], [west + 0.05, 44.42], [west + 0.05, 44.47], [west, 44.47], [west, 44.42]]
            return """
                {"type":"Feature","properties":{"commune_id":"\(id)","commune":"\(id)","population":\(population),\
                "district_id":"D","district":"D","province_id":"P","province":"P"},\
                "geometry":{"type":"Polygon","coordinates":[\(ring)]}}
                """
        }
        let layer = folder + "/communes.geojson"
        try """
            {"type":"FeatureCollection","features":[\(commune("A", population: 1_200, west: -71.50)),\(commune("Z", population: 0, west: -71.45))]}
            """.write(toFile: layer, atomically: true, encoding: .utf8)
        let summary = try FootprintJob.run(FootprintRequest(
            terrainPath: SharedData.path("terrain/N44W072.hgt"), sitesPath: try sitesFile(folder, ["S,44.45,-71.45,30,900,60,2G"]),
            outputDirectory: folder + "/out", parameters: CoverageParameters(radius: 5_000),
            residents: ResidentsRequest(populationPath: layer)
        ))
        let residents = try #require(summary.residents)
        #expect(residents.withoutResidents == ["Z"] && residents.partlyOnTerrain.isEmpty)
        #expect(residents.communes.map(\.isJudged) == [true, false])
        #expect(residents.communes[1].figures.residentsPercent("any") == nil)
        #expect(abs(residents.total.residents - 1_200) < 1e-6)
        let json = try String(contentsOfFile: folder + "/out/summary.json", encoding: .utf8)
        #expect(!json.lowercased().contains("nan") && json.contains("\"without_residents\""))
        let rows = try String(contentsOfFile: folder + "/out/communes.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 3 && rows[2].hasPrefix("Z,") && !rows[2].lowercased().contains("nan"))
    }
}
