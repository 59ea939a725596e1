import Coverage
import Foundation
import Geometry
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("phusong footprint on real terrain", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct FootprintJobTests {
    let terrain = SharedData.path("terrain/N44W072.hgt")

    @Test("Two sites on N44W072: all outputs, consistent areas, union = A + B − A∩B within 1e-6")
    func twoSites() throws {
        let out = try temporaryFolder("footprint")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let summary = try FootprintJob.run(FootprintRequest(
            terrainPath: terrain, sitesPath: Fixtures.path("sites/nh_two_sites.geojson"), outputDirectory: out,
            parameters: CoverageParameters(radius: 20_000), writeTerrain: true
        ))
        #expect(summary.crs == "EPSG:32619" && !summary.syntheticTerrain)
        #expect(summary.siteAreas.map(\.id) == ["NH-1", "NH-2"])
        let overlap = try #require(summary.overlaps.first)
        let a = summary.siteAreas[0].areaKm2, b = summary.siteAreas[1].areaKm2
        #expect(abs(summary.unionAreaKm2 - (a + b - overlap.areaKm2)) / summary.unionAreaKm2 < 1e-6)
        for site in summary.siteAreas {
            #expect(abs(site.areaKm2 - Double(site.coveredCells) * summary.resolutionM * summary.resolutionM / 1e6) < 1e-9)
        }
        let terrain = try DEMSource.open(out + "/terrain.tif").describe()
        #expect(terrain.frame.width == summary.gridWidth && terrain.frame.height == summary.gridHeight)
        #expect(abs(terrain.frame.pixelWidth - summary.resolutionM) < 1e-9)
        for name in ["coverage.tif", "sites/NH-1.tif", "sites/NH-2.tif", "footprints.geojson", "summary.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name)")
        }

        let info = try runProgram("gdalinfo", ["-json", out + "/coverage.tif"])
        let raster = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        let band = try #require((raster["bands"] as? [[String: Any]])?.first)
        #expect(band["type"] as? String == "Float32")
        #expect(band["noDataValue"] as? String == "NaN")
        let wkt = try #require((raster["coordinateSystem"] as? [String: Any])?["wkt"] as? String)
        #expect(wkt.contains("UTM zone 19N"))

        let geojson = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/footprints.geojson"))) as? [String: Any]
        )
        let features = try #require(geojson["features"] as? [[String: Any]])
        #expect(features.compactMap { ($0["properties"] as? [String: Any])?["id"] as? String } == ["NH-1", "NH-2", "union"])
        let first = try #require(
            (((features[0]["geometry"] as? [String: Any])?["coordinates"] as? [[[[Double]]]])?.first?.first?.first)
        )
        #expect((-72.0 ... -71.0).contains(first[0]) && (44.0...45.0).contains(first[1]))
    }

    @Test("One site: sites/NH-1.tif is coverage.tif copied — the whole grid, same pixels and georeferencing, its own metadata — on any grid")
    func singleSiteCoverage() throws {
        let site = try SiteFile.load(Fixtures.path("sites/nh_two_sites.geojson"))[0]
        for gridAround in [nil, [site.location, GeoPoint(latitude: 44.55, longitude: -71.3)]] {
            let out = try temporaryFolder("one-site")
            defer { try? FileManager.default.removeItem(atPath: out) }
            var request = FootprintRequest(
                terrainPath: terrain, sitesPath: "one site", outputDirectory: out, parameters: CoverageParameters(radius: 10_000)
            )
            request.sites = [site]
            request.gridAround = gridAround
            let summary = try FootprintJob.run(request)
            let coverage = try rasterInfo(out + "/coverage.tif"), own = try rasterInfo(out + "/sites/NH-1.tif")
            #expect(coverage.description == "best-server received power (dBm)" && coverage.metadata["PHUSONG_SITE"] == nil)
            #expect(own.description == "received power (dBm) from NH-1" && own.metadata["PHUSONG_SITE"] == "NH-1")
            #expect(coverage.size == [summary.gridWidth, summary.gridHeight])
            #expect(coverage.size == own.size && coverage.checksum == own.checksum && coverage.checksum != nil)
            #expect(coverage.geoTransform == own.geoTransform && coverage.geoTransform.count == 6)
            #expect(coverage.crs == own.crs && coverage.crs?.contains("UTM zone 19N") == true)
            let files = try FileManager.default.subpathsOfDirectory(atPath: out)
            #expect(!files.contains { $0.hasSuffix(".aux.xml") }, "\(files)")
        }
    }

    @Test("""
        Site rasters get safe, unique names whatever the ids: paths, dots, repeats (case aside, for file systems that \
        ignore it), Vietnamese, ids too long for a file name; summary.json names each site's raster
        """)
    func siteRasterNames() throws {
        let out = try temporaryFolder("rasternames")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let template = try SiteFile.load(Fixtures.path("sites/nh_two_sites.geojson"))[0]
        let long = String(repeating: "Trạm ", count: 60)  // 420 bytes of UTF-8
        let ids = ["../evil", "a/b", "a_b", ".", long, long + "2", "A_B"]
        var request = FootprintRequest(
            terrainPath: terrain, sitesPath: "awkward ids", outputDirectory: out, parameters: CoverageParameters(radius: 2_000)
        )
        request.sites = ids.map { id in
            var site = template
            site.id = id
            return site
        }
        let summary = try FootprintJob.run(request)
        let files = try FileManager.default.contentsOfDirectory(atPath: out + "/sites").sorted()
        let cut = String(repeating: "Trạm_", count: 28) + "Tr"  // 198 bytes: the next letter, ạ, takes three
        let expected = ["site.._evil.tif", "a_b.tif", "a_b-2.tif", "site..tif", cut + ".tif", cut + "-2.tif", "A_B-3.tif"]
        #expect(files == (expected + expected.map { $0.dropLast(4) + ".qml" }).sorted(), "each raster and its QGIS style: \(files)")
        #expect(summary.siteAreas.map(\.id) == ids && summary.siteAreas.map(\.raster) == expected.map { "sites/" + $0 })
        let info = try rasterInfo(out + "/sites/\(cut)-2.tif")
        #expect(info.metadata["PHUSONG_SITE"] == long + "2", "the metadata keeps the whole id")
    }

    /// What `gdalinfo` reads of a single-band raster: size, georeferencing, band description, dataset metadata and checksum.
    private func rasterInfo(_ path: String) throws -> (
        size: [Int], geoTransform: [Double], crs: String?, description: String?, metadata: [String: String], checksum: Int?
    ) {
        let info = try runProgram("gdalinfo", ["-json", "-checksum", path])
        let raster = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        let band = try #require((raster["bands"] as? [[String: Any]])?.first)
        let metadata = (raster["metadata"] as? [String: Any])?[""] as? [String: String] ?? [:]
        let crs = (raster["coordinateSystem"] as? [String: Any])?["wkt"] as? String
        return (
            raster["size"] as? [Int] ?? [], raster["geoTransform"] as? [Double] ?? [], crs, band["description"] as? String,
            metadata, band["checksum"] as? Int
        )
    }

    @Test("Received power of a visible cell is EIRP − free-space loss over the slant path (omni site)")
    func powerIsLinkBudget() throws {
        let site = try SiteFile.load(Fixtures.path("sites/nh_two_sites.geojson"))[0]
        let grid = try DEMSource.open(terrain).metricGrid(around: [site.location], radius: 10_000).grid
        let position = try CoverageEngine.positions(of: [site], on: grid)[0]
        let parameters = CoverageParameters(radius: 10_000)
        let coverage = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
        let visible = coverage.power.indices.filter { !coverage.power[$0].isNaN }
        #expect(visible.count > 100)
        for index in visible.prefix(500) where index % 7 == 0 {
            let column = coverage.column + index % coverage.width, row = coverage.row + index / coverage.width
            let cell = grid.center(column: column, row: row)
            let horizontal = ((cell.x - position.x) * (cell.x - position.x) + (cell.y - position.y) * (cell.y - position.y)).squareRoot()
            let rise = (Double(grid[column, row]) + 1.5) - parameters.earth.drop(atDistance: horizontal)
                - (Double(grid.siteGround(at: position)!) + site.antennaHeight)
            let slant = (horizontal * horizontal + rise * rise).squareRoot()
            let expected = site.eirpDBm - 20 * log10(4 * Double.pi * max(slant, 1) * site.frequencyMHz * 1e6 / 299_792_458)
            #expect(abs(Double(coverage.power[index]) - expected) < 1e-3)
        }
    }

    @Test("summary.json says which kernel ran: ITM asked to sweep a radius under 150 cells runs exact profiles")
    func kernelUsed() throws {
        for (model, expected) in [(PathLossModel.itm, "exact"), (.p526, "sweep")] {  // 5 km: 54 cells at 3″
            let out = try temporaryFolder("kernel")
            defer { try? FileManager.default.removeItem(atPath: out) }
            let summary = try FootprintJob.run(FootprintRequest(
                terrainPath: terrain, sitesPath: Fixtures.path("sites/nh_two_sites.geojson"), outputDirectory: out,
                parameters: CoverageParameters(radius: 5_000, model: model)
            ))
            #expect(summary.settings.kernel == "sweep" && summary.settings.kernelUsed == expected, "\(model)")
            let written = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any]
            )
            #expect((written["settings"] as? [String: Any])?["kernel_used"] as? String == expected)
        }
        var itm = CoverageParameters(radius: 15_000, model: .itm)
        #expect(itm.kernelUsed(spacing: 100) == .sweep && itm.kernelUsed(spacing: 101) == .exact)  // 150 cells, 148.5
        itm.kernel = .exact
        #expect(itm.kernelUsed(spacing: 100) == .exact)
    }

    @Test("Progress: terrain first, then every site counted from none, then the union and rasters, then writing")
    func progressInOrder() throws {
        let out = try temporaryFolder("progress-events")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let events = ProgressEvents()
        _ = try FootprintJob.run(FootprintRequest(
            terrainPath: terrain, sitesPath: Fixtures.path("sites/nh_two_sites.geojson"), outputDirectory: out,
            parameters: CoverageParameters(radius: 5_000, model: .fspl)
        )) { events.append($0) }
        #expect(events.all == [
            .loadingTerrain(sites: 2), .sites(done: 0, total: 2), .sites(done: 1, total: 2), .sites(done: 2, total: 2),
            .combining, .writing,
        ])
    }

    @Test("CSV and GeoJSON site files describe the same sites; a CSV may name its coordinates Latitude and Longitude (or Long, Lng)")
    func csvMatchesGeoJSON() throws {
        let csv = Fixtures.path("sites/nh_two_sites.csv")
        #expect(try SiteFile.load(csv) == SiteFile.load(Fixtures.path("sites/nh_two_sites.geojson")))
        let folder = try temporaryFolder("coordinate-names")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        for names in ["Latitude,Longitude", "LAT,LONG", "latitude,lng"] {
            let renamed = folder + "/\(names).csv"
            try text.replacingOccurrences(of: "lat,lon", with: names).write(toFile: renamed, atomically: true, encoding: .utf8)
            #expect(try SiteFile.load(renamed) == SiteFile.load(csv), "\(names)")
        }
        let neither = folder + "/neither.csv"
        try text.replacingOccurrences(of: "lat,lon", with: "north,east").write(toFile: neither, atomically: true, encoding: .utf8)
        #expect(throws: InputError(
            path: neither,
            reason: "CSV header lacks column 'lat' (or latitude); its columns: id, north, east, height_m, frequency_mhz, eirp_dbm, technology, "
                + "azimuth_deg, beamwidth_deg, tilt_deg"
        )) { try SiteFile.load(neither) }
    }

    @Test("Rows of empty fields alone, as a spreadsheet leaves them (trailing empty columns too), are no sites")
    func emptyRows() throws {
        let folder = try temporaryFolder("empty-rows")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/sites.csv"
        let text = try String(contentsOfFile: Fixtures.path("sites/nh_two_sites.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0 + ",," }
        try ([rows[0], rows[1], ",,,,,,,,,,,,", rows[2], " , ,,,,,,,,,,,", ",,,,,,,,,,,,"].joined(separator: "\n") + "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try SiteFile.load(path) == SiteFile.load(Fixtures.path("sites/nh_two_sites.csv")))
    }

    @Test("A site or candidate CSV saved by a spreadsheet in a decimal-comma locale (semicolons, BOM, CRLF) reads the same")
    func semicolonCSV() throws {
        let folder = try temporaryFolder("semicolons")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = folder + "/sites.csv"
        try """
        \u{FEFF}id;lat;lon;height_m;frequency_mhz;eirp_dbm;technology;azimuth_deg;beamwidth_deg;tilt_deg\r
        NH-1;44,45;-71,45;30;900;60;2G;;;\r
        NH-2;44,50;-71,40;40;1800;61;4G;200;65;2\r

        """.write(toFile: sites, atomically: true, encoding: .utf8)
        #expect(try SiteFile.load(sites) == SiteFile.load(Fixtures.path("sites/nh_two_sites.csv")))

        let candidates = folder + "/candidates.csv"
        try "id;lat;lon;height_m;eirp_dbm;technology;cost;kind\nA;44,45;-71,45;30;60;2G;12,5;greenfield\n"
            .write(toFile: candidates, atomically: true, encoding: .utf8)
        let read = try CandidateFile.load(candidates)
        #expect(read.count == 1 && read[0].cost == 12.5 && read[0].site.location == GeoPoint(latitude: 44.45, longitude: -71.45))
    }

    @Test("A site list saved by a spreadsheet as tab-delimited text, or as \"Unicode Text\" (UTF-16, either byte order, with decimal commas), reads the same")
    func tabDelimitedText() throws {
        let folder = try temporaryFolder("tab-delimited")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let expected = try SiteFile.load(Fixtures.path("sites/nh_two_sites.csv"))
        let rows = [
            "id\tname\tlat\tlon\theight_m\tfrequency_mhz\teirp_dbm\ttechnology\tazimuth_deg\tbeamwidth_deg\ttilt_deg",
            "NH-1\tTrạm Núi\t44.45\t-71.45\t30\t900\t60\t2G\t\t\t", "NH-2\tTrạm Đồi\t44.50\t-71.40\t40\t1800\t61\t4G\t200\t65\t2",
        ]
        let text = folder + "/sites.txt"
        try (rows.joined(separator: "\n") + "\n").write(toFile: text, atomically: true, encoding: .utf8)
        #expect(try SiteFile.load(text) == expected)
        let unicode = rows.map { $0.replacingOccurrences(of: ".", with: ",") }.joined(separator: "\r\n") + "\r\n"
        for (name, encoding) in [("little.txt", String.Encoding.utf16LittleEndian), ("big.txt", .utf16BigEndian)] {
            let mark: [UInt8] = encoding == .utf16LittleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
            try (Data(mark) + unicode.data(using: encoding)!).write(to: URL(fileURLWithPath: folder + "/" + name))
            #expect(try SiteFile.load(folder + "/" + name) == expected, "\(name)")
        }
        // An odd number of bytes; a high surrogate without its low one.
        for (name, bytes) in [("odd.txt", [0xFF, 0xFE, 0x69, 0x00, 0x64]), ("surrogate.txt", [0xFF, 0xFE, 0x69, 0x00, 0x00, 0xD8, 0x64, 0x00])] as [(String, [UInt8])] {
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
            #expect(throws: InputError(path: folder + "/" + name, reason: "not UTF-16 text, though it begins with UTF-16's byte-order mark")) {
                try SiteFile.load(folder + "/" + name)
            }
        }
    }

    @Test("A technology named by its standard (GSM, UMTS or WCDMA, LTE, NR; any case) is the generation's; another name is refused listing both")
    func technologyNames() throws {
        let folder = try temporaryFolder("technology-names")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/sites.csv"
        try "id,lat,lon,height_m,eirp_dbm,technology\nA,44.45,-71.45,30,60,gsm\nB,44.46,-71.45,30,60,WCDMA\nC,44.47,-71.45,30,60,Umts\nD,44.48,-71.45,30,60,LTE\nE,44.49,-71.45,30,60,nr\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try SiteFile.load(path).map(\.technology) == [.gsm, .umts, .umts, .lte, .nr])
        try "id,lat,lon,height_m,eirp_dbm,technology\nA,44.45,-71.45,30,60,WiMAX\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError(path: path, reason: "row 1 (id 'A'): unknown technology 'WiMAX': expected 2G, 3G, 4G or 5G (or GSM, UMTS/WCDMA, LTE or NR)")) {
            try SiteFile.load(path)
        }
    }

    @Test("A site CSV saved in a legacy Vietnamese code page (Windows-1258) is refused naming the line and byte where UTF-8 stops")
    func legacyEncoding() throws {
        let folder = try temporaryFolder("code-page")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/sites.csv"
        // "Trạm" in Windows-1258: ạ is a followed by 0xF2, the combining dot below.
        var bytes = Data("id,lat,lon,height_m,eirp_dbm,technology\nTr".utf8)
        bytes += Data([0x61, 0xF2]) + Data("m,44.45,-71.45,30,60,2G\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError(path: path, reason: "not UTF-8 text (line 2, byte 44): save it as UTF-8 — in a spreadsheet, as \"CSV UTF-8\"")) {
            try SiteFile.load(path)
        }
    }

    @Test("A mostly void area of interest is refused (Bát Xát clip, 30 km)")
    func mostlyVoidRefused() throws {
        let folder = try temporaryFolder("void")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = try #require(throws: InputError.self) {
            _ = try FootprintJob.run(FootprintRequest(
                terrainPath: SharedData.path("terrain/batxat_copernicus_glo30.tif"),
                sitesPath: Fixtures.path("sites/batxat_one_site.geojson"), outputDirectory: folder + "/out"
            ))
        }
        // The clip covers 18 × 22 km, less than half of a 60 × 60 km square around the site.
        #expect(error.reason.contains("void or outside the terrain"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }
}

/// Progress events as a run's workers report them, one at a time.
private final class ProgressEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [FootprintProgress] = []

    func append(_ event: FootprintProgress) {
        lock.withLock { events.append(event) }
    }

    var all: [FootprintProgress] { lock.withLock { events } }
}
