import Foundation
import Planning
import Terrain
import TestSupport
import Testing

@Suite("Residents counted from population rasters and settlement points", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct ResidentCountsTests {
    let communes = SharedData.path("population/laocai_communes_census2009.geojson")

    @Test("Census commune centroids (CSV, 11,163 points) as settlements: Bát Xát town gets exactly its 3,203 people")
    func settlementPoints() throws {
        let layer = try AdminLayer.load(communes)
        let grid = try batXatGrid(for: layer)
        let csv = SharedData.path("population/vn_communes_centroids_census2009.csv")
        let counts = try ResidentCounts.settlements(csv, on: grid)
        // Python's csv module, an independent reader, sums the national population.
        let python = try runProgram("python3", ["-c", "import csv,sys; print(sum(float(r['population']) for r in csv.DictReader(open(sys.argv[1]))))", csv])
        let national = try #require(Double(python.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let onGrid = counts.perCell.reduce(0, +)
        #expect(onGrid > 3_203 && abs(onGrid + counts.offGrid - national) < 1e-6 * national, "every point is on or off the grid")
        let residents = try ResidentGrid.counted(counts, in: layer, over: grid)
        let town = try #require(layer.units.firstIndex { $0.name == "Bat Xat" })
        #expect(residents.placements[town].residents == 3_203)
        #expect(residents.placements[town].weighting == "settlements" && residents.source == "settlements")
        let inUnits = residents.placements.reduce(0) { $0 + $1.residents }
        #expect(inUnits <= onGrid + 1e-6)
    }

    @Test("A residents raster read back gives the same residents; a coarse WGS84 raster keeps its total")
    func rasterCounts() throws {
        let layer = try AdminLayer.load(communes)
        let grid = try batXatGrid(for: layer)
        let spread = try ResidentGrid.spread(layer, over: grid)
        let folder = try temporaryFolder("popraster")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/residents.tif"
        let values = spread.residentsPerCell(cellCount: grid.elevations.count).map { Float($0) }
        try GeoTIFF.writeFloat32(path: path, width: grid.width, height: grid.height, values: values, georeference: grid.georeference())
        let written = values.reduce(0.0) { $0 + Double($1) }

        let same = try ResidentCounts.raster(path, on: grid)
        #expect(abs(same.perCell.reduce(0, +) - written) < 1e-6 * written && same.offGrid == 0)
        #expect(zip(same.perCell, values).allSatisfy { $0 == Double($1) }, "cell for cell on the same grid")
        let counted = try ResidentGrid.counted(same, in: layer, over: grid)
        let town = try #require(layer.units.firstIndex { $0.name == "Bat Xat" })
        #expect(abs(counted.placements[town].residents - 3_203) < 1e-3)

        // The same people on ~500 m pixels in WGS84 (gdalwarp, sum resampling): totals are kept.
        let coarse = folder + "/coarse.tif"
        let warp = try runProgram("gdalwarp", ["-q", "-t_srs", "EPSG:4326", "-tr", "0.005", "0.005", "-r", "sum", path, coarse])
        #expect(warp.status == 0, "\(warp.stderr)")
        let inventory = try runProgram("gdal_translate", ["-q", "-of", "XYZ", coarse, folder + "/coarse.xyz"])
        #expect(inventory.status == 0)
        let pixels = try String(contentsOfFile: folder + "/coarse.xyz", encoding: .utf8).split(separator: "\n")
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.filter { $0.isFinite && $0 > 0 }
        let coarseTotal = pixels.reduce(0, +)
        let resampled = try ResidentCounts.raster(coarse, on: grid)
        #expect(abs(resampled.perCell.reduce(0, +) + resampled.offGrid - coarseTotal) < 1e-3 * coarseTotal)
        #expect(abs(coarseTotal - written) < 0.02 * written, "gdalwarp's sum kept the people: \(coarseTotal) vs \(written)")
        let spreadCells = resampled.perCell.filter { $0 > 0 }.count
        #expect(spreadCells > 16 * pixels.count / 2, "each coarse pixel is spread over many 30 m cells")
    }

    @Test("A pixel of 250,000 residents (a city on a coarse pixel) is counted: beyond 100,000 only elevations are voids")
    func denseRasterPixel() throws {
        let layer = try AdminLayer.load(communes)
        let grid = try batXatGrid(for: layer)
        let folder = try temporaryFolder("denseraster")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/residents.tif"
        var values = [Float](repeating: 0, count: grid.elevations.count)
        values[values.count / 2] = 250_000
        values[values.count / 3] = 1_200
        try GeoTIFF.writeFloat32(path: path, width: grid.width, height: grid.height, values: values, georeference: grid.georeference())
        let counts = try ResidentCounts.raster(path, on: grid)
        #expect(counts.perCell[values.count / 2] == 250_000 && counts.perCell.reduce(0, +) == 251_200)
    }

    @Test("Settlement points from GeoJSON: each point's people in its cell, points off the grid counted apart, bad values refused")
    func geoJSONSettlements() throws {
        let layer = try AdminLayer.load(communes)
        let grid = try batXatGrid(for: layer)
        let folder = try temporaryFolder("settlements")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func points(_ values: [(Double, Double, String)]) -> String {
            let features = values.map { lon, lat, people in
                #"{"type":"Feature","properties":{"people":\#(people)},"geometry":{"type":"Point","coordinates":[\#(lon),\#(lat)]}}"#
            }
            return #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
        }
        let good = folder + "/villages.geojson"
        try points([(103.888, 22.540, "120"), (103.8881, 22.5401, "30"), (105.0, 21.0, "999")]).write(toFile: good, atomically: true, encoding: .utf8)
        let counts = try ResidentCounts.settlements(good, field: "people", on: grid)
        let cell = try #require(grid.cellIndex(containing: try CoordinateTransform(from: wgs84, to: grid.crs).apply([MapPoint(x: 103.888, y: 22.540)])[0]))
        #expect(counts.perCell.reduce(0, +) == 150 && counts.offGrid == 999)
        #expect(counts.perCell[cell] >= 120)
        let bad = folder + "/bad.geojson"
        try points([(103.888, 22.540, "\"many\"")]).write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(performing: { try ResidentCounts.settlements(bad, field: "people", on: grid) }, throws: { error in
            (error as? InputError)?.reason.contains("'people' = 'many' is not a number") == true
        })
        let table = folder + "/villages.csv"
        try "name,people,north,east\nA,120,22.54,103.888\n".write(toFile: table, atomically: true, encoding: .utf8)
        #expect(throws: InputError(
            path: table, reason: "is a table without geometry, not points: a CSV of points needs lon and lat (longitude and latitude, or x and y) columns"
        )) { try ResidentCounts.settlements(table, field: "people", on: grid) }
    }
}
