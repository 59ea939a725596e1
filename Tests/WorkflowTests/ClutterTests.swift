import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Clutter losses from a land-cover raster", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct ClutterTests {
    let terrain = SharedData.path("terrain/N44W072.hgt")

    /// A land-cover raster in longitude/latitude (0.001° pixels, 71.60–71.30° W, 44.32–44.57° N) around NH-1: class 10
    /// west of 71.45° W, class 50 east of it, nodata (0) north of 44.53° N; and a table pricing `priced` of the classes.
    /// As 8-bit pixels (`bytes`), as land-cover maps mostly are, or 32-bit.
    func landCover(in folder: String, priced: [(Int, String)] = [(10, "12"), (50, "20")], bytes: Bool = false) throws -> ClutterRequest {
        let (width, height) = (300, 250)
        let classes = (0..<(width * height)).map { index -> Int32 in
            let (column, row) = (index % width, index / width)
            return row < 40 ? 0 : column < 150 ? 10 : 50
        }
        let raster = folder + "/landcover.tif", table = folder + "/losses.csv"
        let georeference = RasterGeoreference(geoTransform: [-71.60, 0.001, 0, 44.57, 0, -0.001], crs: .epsg(4326))
        if bytes {
            try GeoTIFF.writeIntegers(
                path: raster, width: width, height: height, values: classes.map(UInt8.init), nodata: 0, georeference: georeference
            )
        } else {
            try GeoTIFF.writeIntegers(path: raster, width: width, height: height, values: classes, nodata: 0, georeference: georeference)
        }
        try (["class,loss_db,name"] + priced.map { "\($0.0),\($0.1),cover \($0.0)" }).joined(separator: "\n")
            .write(toFile: table, atomically: true, encoding: .utf8)
        return ClutterRequest(rasterPath: raster, lossesPath: table)
    }

    func run(into folder: String, clutter: ClutterRequest?, threshold2G: Double = -95, calibration: ModelCalibration? = nil) throws -> FootprintSummary {
        var request = FootprintRequest(
            terrainPath: terrain, sitesPath: Fixtures.path("sites/outside_terrain.geojson"), outputDirectory: folder,
            parameters: CoverageParameters(radius: 10_000, thresholds: CoverageThresholds(overrides: [.gsm: threshold2G]), model: .fspl)
        )
        request.sites = [Site(
            id: "NH-1", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 900, eirpDBm: 60,
            technology: .gsm
        )]
        request.clutter = clutter
        request.calibration = calibration
        return try FootprintJob.run(request)
    }

    @Test("""
        Every cell loses its prevailing class's loss — 12 dB west of 71.45° W, 20 dB east, nothing where the raster has \
        no class — cell by cell against a run without clutter, from 32-bit and 8-bit classes alike; summary.json counts \
        the cells per class and warns of the share without one
        """)
    func lossPerCell() throws {
        let folder = try temporaryFolder("clutter")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bare = try run(into: folder + "/bare", clutter: nil)
        let covered = try run(into: folder + "/clutter", clutter: try landCover(in: folder))
        let without = try DEMSource.open(folder + "/bare/coverage.tif"), with = try DEMSource.open(folder + "/clutter/coverage.tif")
        let before = try #require(try without.read(covering: without.describe().frame.bounds, holding: .quantities))
        let after = try #require(try with.read(covering: with.describe().frame.bounds, holding: .quantities))
        let frame = before.frame
        let cells = before.values.indices.filter { !before.values[$0].isNaN && $0 % 7 == 0 }
        let centres = try CoordinateTransform(from: bare.crs, to: wgs84).apply(cells.map { index in
            MapPoint(
                x: frame.cornerX + (Double(index % frame.width) + 0.5) * frame.pixelWidth,
                y: frame.cornerY - (Double(index / frame.width) + 0.5) * frame.pixelHeight
            )
        })
        var checked = [0.0: 0, 12: 0, 20: 0]
        for (index, centre) in zip(cells, centres) {
            // Away from the classes' edges by more than a cell (92.7 m ≈ 0.0012° of longitude here), the class is certain.
            guard abs(centre.x + 71.45) > 0.002, abs(centre.y - 44.53) > 0.002 else { continue }
            let expected = centre.y > 44.53 ? 0.0 : centre.x < -71.45 ? 12 : 20
            let loss = Double(before.values[index] - after.values[index])
            #expect(abs(loss - expected) < 1e-3, "cell at \(centre): \(loss) dB, expected \(expected)")
            checked[expected, default: 0] += 1
        }
        #expect(checked.values.allSatisfy { $0 > 50 }, "\(checked)")
        let summary = try #require(covered.clutter)
        #expect(summary.cellsPerClass.keys.sorted() == ["10", "50"] && summary.cellsWithoutClass > 0)
        #expect(summary.cellsPerClass.values.reduce(0, +) + summary.cellsWithoutClass == covered.gridWidth * covered.gridHeight)
        // The cells north of 44.53° N have no class: the run says so.
        let share = 100 * Double(summary.cellsWithoutClass) / Double(covered.gridWidth * covered.gridHeight)
        let warning = String(
            format: "clutter: %.0f %% of the grid's cells have no land-cover class in %@ (beyond it, or nodata): they lose nothing",
            share, folder + "/landcover.tif"
        )
        #expect(share > 1 && covered.warnings == [warning] && bare.warnings.isEmpty, "\(covered.warnings)")
        #expect(bare.clutter == nil && covered.siteAreas[0].coveredCells == bare.siteAreas[0].coveredCells)
        // The same classes in 8-bit pixels (GDAL's faster mode) give the same raster.
        let eightBit = folder + "/bytes"
        try FileManager.default.createDirectory(atPath: eightBit, withIntermediateDirectories: true)
        _ = try run(into: folder + "/clutter-bytes", clutter: try landCover(in: eightBit, bytes: true))
        #expect(FileManager.default.contents(atPath: folder + "/clutter-bytes/coverage.tif") == FileManager.default.contents(atPath: folder + "/clutter/coverage.tif"))
    }

    @Test("""
        Coverage by land-cover class over the grid: at a −60 dBm threshold the site covers its west (12 dB) farther than \
        its east (20 dB); each class's share equals the covered cells of clutter.tif's class in coverage.tif; clutter.qml \
        names and prices the classes
        """)
    func coverageByClass() throws {
        let folder = try temporaryFolder("clutter-coverage")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try run(into: folder + "/run", clutter: try landCover(in: folder), threshold2G: -60)
        func raster(_ name: String) throws -> [Float] {
            let source = try DEMSource.open(folder + "/run/" + name)
            return try #require(try source.read(covering: source.describe().frame.bounds, holding: .quantities)).values
        }
        let power = try raster("coverage.tif"), classes = try raster("clutter.tif")
        let clutter = try #require(summary.clutter)
        #expect(clutter.coverageWithin == "grid" && Set(clutter.coverageByClass.keys) == ["10", "50"])
        var shares: [Double] = []
        for value in [10, 50] {
            let cells = classes.indices.filter { classes[$0] == Float(value) }
            let covered = cells.filter { power[$0] >= -60 }.count
            let share = try #require(clutter.coverageByClass["\(value)"])
            #expect(share.cells == cells.count && share.coveredPercent["2G"] == 100 * Double(covered) / Double(cells.count))
            #expect(share.coveredPercent["any"] == share.coveredPercent["2G"] && share.coveredPercent["4G"] == 0)
            #expect(abs(share.areaKm2 - Double(cells.count) * summary.resolutionM * summary.resolutionM / 1e6) < 1e-9)
            shares.append(share.coveredPercent["any"]!)
        }
        #expect(shares[0] > shares[1] && shares[1] > 0 && shares[0] < 100, "west \(shares[0]) %, east \(shares[1]) %")
        // clutter.qml: the classes on the grid, named and priced as the table gives them.
        let style = try StyleFile(folder + "/run/clutter.qml")
        #expect(style.renderer == "paletted" && style.entries.map(\.value) == [10, 50])
        #expect(style.entries.map(\.label) == ["10 cover 10: 12 dB", "50 cover 50: 20 dB"])
    }

    @Test("Refused naming the file: a class on the grid without a loss, a loss that is no number, a class listed twice, classes that are not whole numbers, a raster without CRS, pixels without area, a vector file, no file")
    func badInput() throws {
        let folder = try temporaryFolder("clutter-bad")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func refusal(_ clutter: ClutterRequest) throws -> InputError {
            let error = try #require(throws: InputError.self) { try run(into: folder + "/out", clutter: clutter) }
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
            return error
        }
        let unpriced = try refusal(try landCover(in: folder, priced: [(10, "12")]))
        #expect(unpriced.path.hasSuffix("losses.csv") && unpriced.reason.hasPrefix("no loss_db for class 50 ("), "\(unpriced.reason)")
        let notNumber = try refusal(try landCover(in: folder, priced: [(10, "12"), (50, "heavy")]))
        #expect(notNumber.reason == "line 3: loss_db 'heavy' of class 50 is not a loss of −20–80 dB")
        let twice = try refusal(try landCover(in: folder, priced: [(10, "12"), (50, "20"), (10, "8")]))
        #expect(twice.reason == "line 4: class 10 is listed twice")
        let table = try landCover(in: folder).lossesPath
        let floats = folder + "/floats.tif"
        try GeoTIFF.writeFloat32(
            path: floats, width: 2, height: 2, values: [10, 10, 50, 50],
            georeference: RasterGeoreference(geoTransform: [-71.55, 0.1, 0, 44.55, 0, -0.1], crs: .epsg(4326))
        )
        let fractional = try refusal(ClutterRequest(rasterPath: floats, lossesPath: table))
        #expect(fractional.path == floats && fractional.reason == "classes must be whole numbers, but the band holds Float32")
        let noCRS = try refusal(ClutterRequest(rasterPath: Fixtures.path("fuzz/no_crs.tif"), lossesPath: table))
        #expect(noCRS.reason == "has no CRS: the classes cannot be placed on the terrain")
        // The fuzzer's: a TIFF whose pixels are 0° tall, over many bands, which kept GDAL's warper busy for seconds.
        let flat = try refusal(ClutterRequest(rasterPath: Fixtures.path("fuzz/timeout_landcover_zero_pixel_height.tif"), lossesPath: table))
        #expect(flat.reason == "has no usable georeferencing (its geotransform is missing or its pixels have no area)")
        let vector = try refusal(ClutterRequest(rasterPath: Fixtures.path("sites/nh_two_sites.geojson"), lossesPath: table))
        #expect(vector.reason == "holds vector layers, not a raster: land cover is a raster of classes (burn a vector map into one with gdal_rasterize)")
        #expect(try refusal(ClutterRequest(rasterPath: folder + "/absent.tif", lossesPath: table)).reason == "no such file")
        let alone = try runProgram(phusongExecutable, [
            "footprint", "--terrain", terrain, "--sites", Fixtures.path("sites/nh_two_sites.csv"), "--out", folder + "/cli",
            "--model", "fspl", "--clutter", floats,
        ])
        #expect(alone.status != 0 && alone.stderr.contains("--clutter and --clutter-losses go together"), "\(alone.stderr)")
    }

    /// Points on every eleventh cell of the run's coverage that has a class, measured `error(class, km from NH-1)` dB
    /// off its prediction, written as a CSV (lon, lat, rsrp, cell: NH-1) to `path`; how many.
    func measure(run: String, summary: FootprintSummary, into path: String, error: (Float, Double) -> Double) throws -> Int {
        func raster(_ name: String) throws -> ElevationRaster {
            let source = try DEMSource.open(run + "/" + name)
            return try #require(try source.read(covering: source.describe().frame.bounds, holding: .quantities))
        }
        let power = try raster("coverage.tif"), classes = try raster("clutter.tif")
        #expect(classes.frame.width == summary.gridWidth && Set(classes.values.filter { !$0.isNaN }) == [10, 50])
        let frame = power.frame
        let cells = power.values.indices.filter { !power.values[$0].isNaN && !classes.values[$0].isNaN && $0 % 11 == 0 }
        let centres = try CoordinateTransform(from: summary.crs, to: wgs84).apply(cells.map { index in
            MapPoint(
                x: frame.cornerX + (Double(index % frame.width) + 0.5) * frame.pixelWidth,
                y: frame.cornerY - (Double(index / frame.width) + 0.5) * frame.pixelHeight
            )
        })
        let site = GeoPoint(latitude: 44.45, longitude: -71.45)
        let rows = zip(cells, centres).map { index, centre in
            let kilometres = GeoPoint(latitude: centre.y, longitude: centre.x).distance(to: site) / 1_000
            return String(format: "%.9f,%.9f,%.6f,NH-1", centre.x, centre.y, Double(power.values[index]) + error(classes.values[index], kilometres))
        }
        try (["lon,lat,rsrp,cell"] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return cells.count
    }

    @Test("""
        The run writes each cell's class (clutter.tif), and drive-test gives the errors per class: points 3 dB above the \
        predictions on class 10 and 5 dB below on class 50 say the first class's loss is 3 dB too high, the second's 5 too low, and the calibrated table says 9 and 25
        """)
    func driveTestPerClass() throws {
        let folder = try temporaryFolder("clutter-drive")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try run(into: folder + "/run", clutter: try landCover(in: folder))
        let cells = try measure(run: folder + "/run", summary: summary, into: folder + "/drive.csv") { landCover, _ in landCover == 10 ? 3 : -5 }
        let report = try DriveTest.run(DriveTest.Request(
            runFolder: folder + "/run", measurementsPath: folder + "/drive.csv", valueField: "rsrp", siteField: nil,
            outputDirectory: folder + "/drive"
        ))
        let perClass = try #require(report.byClutterClass)
        #expect(perClass.map(\.clutterClass) == [10, 50] && perClass.map(\.errors.points).reduce(0, +) == cells)
        #expect(abs((perClass[0].errors.meanDB ?? 0) - 3) < 1e-4 && abs((perClass[1].errors.meanDB ?? 0) + 5) < 1e-4, "\(perClass)")
        let csv = CSV(try String(contentsOfFile: folder + "/drive/drive_test.csv", encoding: .utf8)).rows
        #expect(csv[0][9] == "clutter_class" && Set(csv.dropFirst().map { $0[9] }) == ["10", "50"])
        // The table corrected by those means, which a next run reads as it is: 12 − 3 and 20 + 5 dB.
        let calibrated = folder + "/drive/clutter_losses_calibrated.csv"
        #expect(try ClutterLosses.table(calibrated) == [10: 9, 50: 25])
        let table = CSV(try String(contentsOfFile: calibrated, encoding: .utf8)).rows
        #expect(table[0] == ["class", "loss_db", "previous_loss_db", "mean_error_db", "points"] && table[1].prefix(4) == ["10", "9.00", "12.00", "3.00"])
        #expect(summary.clutter?.lossesDB == ["10": 12, "50": 20])
    }

    @Test("""
        With a site field on a run with clutter, the table is corrected by what the model's fitted correction leaves in \
        each class, so that a next run with both files meets the points without bias overall and in every class
        """)
    func calibrationWithClutter() throws {
        let folder = try temporaryFolder("clutter-calibration")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clutter = try landCover(in: folder)
        let summary = try run(into: folder + "/run", clutter: clutter)
        _ = try measure(run: folder + "/run", summary: summary, into: folder + "/drive.csv") { landCover, kilometres in
            (landCover == 10 ? 3 : -5) + 2 - 4 * log10(kilometres)
        }
        func driveTest(_ run: String, into out: String) throws -> DriveTestReport {
            try DriveTest.run(DriveTest.Request(
                runFolder: folder + "/" + run, measurementsPath: folder + "/drive.csv", valueField: "rsrp", siteField: "cell",
                outputDirectory: folder + "/" + out
            ))
        }
        let first = try driveTest("run", into: "first")
        let fit = try #require(first.calibration?.fits.first?.correction)
        let leftByClass = try #require(first.calibration?.byClutterClass)
        // What the correction leaves per class, recounted from drive_test.csv's distances and differences.
        let rows = CSV(try String(contentsOfFile: folder + "/first/drive_test.csv", encoding: .utf8)).rows.dropFirst()
        for left in leftByClass {
            let inClass = rows.filter { $0[9] == "\(left.clutterClass)" }.map { Double($0[7])! - fit.decibels(atDistance: Double($0[4])!) }
            #expect(abs((left.errors.meanDB ?? .nan) - inClass.reduce(0, +) / Double(inClass.count)) < 0.01, "\(left)")
        }
        let table = try ClutterLosses.table(folder + "/first/clutter_losses_calibrated.csv")
        #expect(abs(table[10]! - (12 - leftByClass[0].errors.meanDB!)) < 0.006 && abs(table[50]! - (20 - leftByClass[1].errors.meanDB!)) < 0.006)
        let calibration = try ModelCalibration.load(folder + "/first/calibration.csv", for: .fspl)
        _ = try run(
            into: folder + "/next", clutter: ClutterRequest(rasterPath: clutter.rasterPath, lossesPath: folder + "/first/clutter_losses_calibrated.csv"),
            calibration: calibration
        )
        let next = try driveTest("next", into: "again")
        #expect(abs(next.errors.meanDB ?? .nan) < 0.02, "\(next.errors)")
        for group in try #require(next.byClutterClass) { #expect(abs(group.errors.meanDB ?? .nan) < 0.02, "\(group)") }
    }
}
