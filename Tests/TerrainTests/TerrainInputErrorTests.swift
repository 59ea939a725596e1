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

    @Test("A folder without tiles is refused")
    func emptyFolder() throws {
        let folder = try temporaryFolder("empty")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = try #require(throws: InputError.self) { _ = try DEMSource.open(folder) }
        #expect(error.reason.contains("no elevation tiles"))
    }
}
