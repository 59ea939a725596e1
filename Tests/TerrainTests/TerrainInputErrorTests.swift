import Foundation
import Terrain
import TestSupport
import Testing

@Suite("Bad terrain input")
struct TerrainInputErrorTests {
    @Test("Missing file names the path")
    func missing() {
        #expect(throws: InputError(path: "/nonexistent/N00E000.hgt", reason: "no such file or folder")) {
            _ = try DEMSource.open("/nonexistent/N00E000.hgt")
        }
    }

    @Test("Truncated .hgt is refused with the sizes it should have")
    func truncated() throws {
        let folder = try temporaryFolder("truncated")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/N44W072.hgt"
        try Data(repeating: 1, count: 1_000).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: InputError.self) { _ = try DEMSource.open(path) }
        #expect(error.path == path)
        #expect(error.reason.contains("truncated") && error.reason.contains("1000 bytes"))
    }

    @Test("SRTM tiles behind symbolic links are read (the link's own size was checked); a tile named otherwise than its corner is refused", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func linkedAndMisnamedTiles() throws {
        let folder = try temporaryFolder("linkedtiles")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tile = SharedData.path("terrain/N44W072.hgt")
        try FileManager.default.createDirectory(atPath: folder + "/cache", withIntermediateDirectories: true)
        for name in ["N44W072.hgt", "cache/n44w072.SRTMGL3.hgt"] {
            try FileManager.default.createSymbolicLink(atPath: folder + "/" + name, withDestinationPath: tile)
        }
        let direct = try DEMSource.open(tile).describe()
        #expect(try DEMSource.open(folder + "/N44W072.hgt").describe() == direct)
        #expect(try DEMSource.open(folder + "/cache").describe().frame == direct.frame, "a folder of links is a mosaic")

        let misnamed = folder + "/caobang.hgt"
        try FileManager.default.createSymbolicLink(atPath: misnamed, withDestinationPath: tile)
        let error = try #require(throws: InputError.self) { _ = try DEMSource.open(misnamed) }
        #expect(error.path == misnamed)
        #expect(error.reason == "an SRTM tile is placed by its file name, which must name its south-west corner, as N22E105.hgt does; rename 'caobang.hgt'")
    }

    @Test("A raster stored south-up is refused saying so (it was 'geotransform missing')", .enabled(if: SharedData.isAvailable, SharedData.absence))
    func southUp() throws {
        let folder = try temporaryFolder("southup")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/southup.tif"
        let flip = try runProgram("gdal_translate", ["-q", "-a_ullr", "-72", "44", "-71", "45", SharedData.path("terrain/N44W072.hgt"), path])
        try #require(flip.status == 0, "gdal_translate failed: \(flip.stderr)")
        let error = try #require(throws: InputError.self) { _ = try DEMSource.open(path) }
        #expect(error.path == path && error.reason.hasPrefix("raster is stored south-up or east to west (pixel size 0.0008"), "\(error.reason)")
        #expect(error.reason.hasSuffix("); warp it north-up first"))
    }

    @Test("A 380-byte TIFF claiming 65,407 bands (found by the fuzzer: GDAL asked for 8 GB) is refused with the estimate")
    func manyBands() throws {
        let path = Fixtures.path("fuzz/oom_many_bands.tif")
        let error = try #require(throws: InputError.self) { _ = try DEMSource.open(path) }
        #expect(error.reason.contains("7.4 GiB per block (65407 bands") && error.reason.contains("needs one band"), "\(error)")
    }

    @Test("A file GDAL cannot read is refused")
    func notARaster() throws {
        let folder = try temporaryFolder("garbage")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/dem.tif"
        try Data("this is not a GeoTIFF".utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: InputError.self) { _ = try DEMSource.open(path) }
        #expect(error.path == path && !error.reason.isEmpty)
    }

    @Test("A vector file given as terrain is refused saying it holds vector layers")
    func vectorAsTerrain() throws {
        let folder = try temporaryFolder("vector-terrain")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/sites.gpkg"
        let converted = try runProgram("ogr2ogr", ["-f", "GPKG", path, Fixtures.path("sites/nh_two_sites.geojson")])
        try #require(converted.status == 0, "ogr2ogr failed: \(converted.stderr)")
        let error = try #require(throws: InputError.self) { _ = try DEMSource.open(path).inventory() }
        #expect(error == InputError(path: path, reason: "holds vector layers, not a raster: an elevation model is a raster (.hgt, GeoTIFF, …)"))
    }

    @Test("A GeoPackage of two raster tables is refused naming each as GDAL does and how to extract one; that one is then read")
    func severalRasters() throws {
        let folder = try temporaryFolder("several-rasters")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/dem.gpkg"
        for (table, extra) in [("srtm", []), ("copernicus", ["-co", "APPEND_SUBDATASET=YES"])] {
            let written = try runProgram("gdal_translate", ["-q", "-of", "GPKG", "-co", "RASTER_TABLE=" + table] + extra + [Fixtures.path("fuzz/tiny.tif"), path])
            try #require(written.status == 0, "gdal_translate failed: \(written.stderr)")
        }
        let error = try #require(throws: InputError.self) { _ = try DEMSource.open(path).inventory() }
        #expect(error == InputError(
            path: path,
            reason: "holds 2 rasters (GDAL subdatasets), none of them read by default: GPKG:\(path):srtm, GPKG:\(path):copernicus; "
                + "copy the one to use into a file of its own, e.g. gdal_translate 'GPKG:\(path):srtm' dem.tif"
        ))
        let extracted = try runProgram("gdal_translate", ["-q", "GPKG:\(path):copernicus", folder + "/dem.tif"])
        try #require(extracted.status == 0, "gdal_translate failed: \(extracted.stderr)")
        let (tiny, copy) = (try DEMSource.open(Fixtures.path("fuzz/tiny.tif")).describe(), try DEMSource.open(folder + "/dem.tif").describe())
        #expect(copy.frame.width == tiny.frame.width && copy.frame.height == tiny.frame.height)
        #expect(abs(copy.frame.cornerX - tiny.frame.cornerX) < 1e-9 && abs(copy.frame.pixelWidth - tiny.frame.pixelWidth) < 1e-12)
    }

    @Test("A zip without a raster member is refused, naming what it holds")
    func zipWithoutRaster() throws {
        let folder = try temporaryFolder("zip")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("hello".utf8).write(to: URL(fileURLWithPath: folder + "/readme.txt"))
        let zipped = try runProgram("python3", ["-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); z.write(sys.argv[2],'readme.txt'); z.close()", folder + "/tile.hgt.zip", folder + "/readme.txt"])
        try #require(zipped.status == 0)
        let error = try #require(throws: InputError.self) { _ = try DEMSource.open(folder + "/tile.hgt.zip") }
        #expect(error.reason.contains("readme.txt"))
    }

    @Test("An .hgt one byte short of a 3″ tile is refused with the sizes it could have")
    func oddSized() throws {
        let folder = try temporaryFolder("odd")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/N44W072.hgt"
        try Data(repeating: 0, count: 1_201 * 1_201 * 2 - 1).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: InputError.self) { _ = try DEMSource.open(path) }
        #expect(error.reason.contains("2884801 bytes") && error.reason.contains("2884802 (1201×1201)"), "\(error)")
    }

    /// An ESRI ASCII grid of 10 × 10 cells of 0.01° at 44.4–44.5 N, 71.5–71.4 W, every cell `value`.
    func asciiGrid(in folder: String, value: String, withCRS: Bool) throws -> String {
        let path = folder + "/dem.asc"
        try writeASCIIGrid(path, size: 10, west: -71.5, south: 44.4, cellSize: 0.01, value: value, withCRS: withCRS)
        return path
    }

    @Test("A raster without a coordinate reference system is refused")
    func noCRS() throws {
        let folder = try temporaryFolder("no-crs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try asciiGrid(in: folder, value: "100", withCRS: false)
        let error = try #require(throws: InputError.self) { _ = try DEMSource.open(path).describe() }
        #expect(error == InputError(path: path, reason: "raster has no coordinate reference system"))
    }

    @Test("A raster of voids only: the inventory has no range, a grid cut from it is refused as void")
    func voidsOnly() throws {
        let folder = try temporaryFolder("voids-only")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = try DEMSource.open(try asciiGrid(in: folder, value: "-9999", withCRS: true))
        let inventory = try source.inventory()
        #expect(inventory.voidCells == 100 && inventory.minimum == nil && inventory.maximum == nil)
        let error = try #require(throws: InputError.self) {
            _ = try source.metricGrid(around: [GeoPoint(latitude: 44.45, longitude: -71.45)], radius: 1_000)
        }
        #expect(error.reason.contains("100.0 % void"), "\(error)")
    }

    @Test("Values no terrain has (±∞, an undeclared fill value of −3.4·10³⁸) are voids, not elevations (∞ trapped ITM)")
    func impossibleElevations() throws {
        let folder = try temporaryFolder("impossible")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var values = (0..<100).map { Float(100 + $0) }
        (values[11], values[22], values[33]) = (.infinity, -.infinity, -3.4e38)
        let path = folder + "/dem.tif"
        try GeoTIFF.writeFloat32(
            path: path, width: 10, height: 10, values: values,
            georeference: RasterGeoreference(geoTransform: [-71.5, 0.01, 0, 44.5, 0, -0.01], crs: .epsg(4326))
        )
        let inventory = try DEMSource.open(path).inventory()
        #expect(inventory.voidCells == 3 && inventory.minimum == 100 && inventory.maximum == 199, "\(inventory)")
    }

    @Test("A folder without tiles is refused")
    func emptyFolder() throws {
        let folder = try temporaryFolder("empty")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = try #require(throws: InputError.self) { _ = try DEMSource.open(folder) }
        #expect(error.reason.contains("no elevation tiles"))
    }
}
