import Foundation
import Terrain
import TestSupport
import Testing

@Suite("Real elevation models", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct RealDEMTests {
    let hgt = SharedData.path("terrain/N44W072.hgt")

    @Test("N44W072.hgt: 1201×1201, 115–1908 m, no voids")
    func srtmRange() throws {
        let inventory = try DEMSource.open(hgt).inventory()
        #expect(inventory.description.frame.width == 1_201 && inventory.description.frame.height == 1_201)
        #expect(inventory.minimum == 115)
        #expect(inventory.maximum == 1_908)
        #expect(inventory.voidCells == 0)
    }

    @Test("A band's declared scale, offset and unit are applied: heights in feet and US survey feet come out in metres")
    func declaredScaleAndUnit() throws {
        let folder = try temporaryFolder("units")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let raw = try #require(try DEMSource.open(hgt).read(covering: DEMSource.open(hgt).describe().frame.bounds))
        for (declaration, metresPerRaw, metresOffset) in [
            ("<UnitType>ft</UnitType>", 0.3048, 0.0),
            ("<Scale>0.5</Scale><Offset>10</Offset>", 0.5, 10.0),
            ("<UnitType>US survey foot</UnitType><Scale>2</Scale><Offset>-100</Offset>", 2 * 1_200 / 3_937.0, -100 * 1_200 / 3_937.0),
        ] {
            let path = folder + "/declared.vrt"
            try vrt(over: hgt, band: declaration).write(toFile: path, atomically: true, encoding: .utf8)
            let source = try DEMSource.open(path)
            let read = try #require(try source.read(covering: source.describe().frame.bounds))
            #expect(read.values.count == raw.values.count)
            #expect(zip(read.values, raw.values).allSatisfy { $0 == Float(Double($1) * metresPerRaw + metresOffset) }, "\(declaration)")
            let inventory = try source.inventory()
            #expect(inventory.minimum == Double(Float(115 * metresPerRaw + metresOffset)), "\(declaration)")
        }
        // Elevations in a unit that is not a length are refused; residents per pixel may carry any unit.
        let path = folder + "/persons.vrt"
        try vrt(over: hgt, band: "<UnitType>persons</UnitType>").write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: InputError.self) { _ = try DEMSource.open(path).inventory() }
        #expect(error.reason == "elevations in 'persons': PhuSong reads metres and feet (the band's unit type)")
        let counts = try DEMSource.open(path).read(covering: DEMSource.open(path).describe().frame.bounds, holding: .quantities)
        #expect(counts?.values == raw.values)
    }

    @Test("A raster in a CRS measured in feet (New Hampshire State Plane, US survey feet) has its native spacing in metres")
    func spacingInFeetCRS() throws {
        let folder = try temporaryFolder("feetcrs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/stateplane.tif"
        let warp = try runProgram("gdalwarp", ["-q", "-t_srs", "EPSG:3437", "-tr", "300", "300", hgt, path])
        try #require(warp.status == 0, "gdalwarp failed: \(warp.stderr)")
        let frame = try DEMSource.open(path).describe().frame
        #expect(frame.pixelHeight == 300 && abs(frame.nativeSpacing - 300 * 1_200 / 3_937.0) < 1e-9, "\(frame.nativeSpacing)")
    }

    @Test("A raster in Web Mercator has its native spacing on the ground: the pixel over the projection's scale at its centre")
    func spacingInWebMercator() throws {
        let folder = try temporaryFolder("webmercator")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/mercator.tif"
        let warp = try runProgram("gdalwarp", ["-q", "-t_srs", "EPSG:3857", "-tr", "100", "100", hgt, path])
        try #require(warp.status == 0, "gdalwarp failed: \(warp.stderr)")
        let frame = try DEMSource.open(path).describe().frame
        // Web Mercator's y = R ln tan(π/4 + φ/2) on R = 6,378,137 m: a step dy spans dy cos φ / R radians of latitude.
        let centre = try CoordinateTransform(from: "EPSG:3857", to: wgs84)
            .apply([MapPoint(x: (frame.bounds.minX + frame.bounds.maxX) / 2, y: (frame.bounds.minY + frame.bounds.maxY) / 2)])[0]
        let expected = 100 * cos(centre.y * Double.pi / 180) / 6_378_137 * meanEarthRadius
        #expect(frame.pixelHeight == 100 && abs(frame.nativeSpacing - expected) < 0.01, "\(frame.nativeSpacing), \(expected)")
        #expect(abs(frame.nativeSpacing - 71.3) < 0.5, "about 100 m × cos 44.5°")
    }

    /// A VRT over N44W072.hgt whose band carries `band` (scale, offset, unit type).
    private func vrt(over tile: String, band: String) -> String {
        """
        <VRTDataset rasterXSize="1201" rasterYSize="1201"><SRS>EPSG:4326</SRS>
          <GeoTransform>-72.000416666666666, 0.000833333333333, 0, 45.000416666666666, 0, -0.000833333333333</GeoTransform>
          <VRTRasterBand dataType="Int16" band="1"><NoDataValue>-32768</NoDataValue>\(band)
            <SimpleSource><SourceFilename relativeToVRT="0">\(tile)</SourceFilename><SourceBand>1</SourceBand></SimpleSource>
          </VRTRasterBand>
        </VRTDataset>
        """
    }

    @Test("N44W072.hgt: individual cells equal what gdallocationinfo reports")
    func cellsMatchGDALLocationInfo() throws {
        let source = try DEMSource.open(hgt)
        let raster = try #require(try source.read(covering: source.describe().frame.bounds))
        var generator = SystemRandomNumberGenerator()
        let pixels = (0..<200).map { _ in (Int.random(in: 0..<1_201, using: &generator), Int.random(in: 0..<1_201, using: &generator)) }
            + [(0, 0), (1_200, 1_200), (600, 600)]
        let input = pixels.map { "\($0.0) \($0.1)" }.joined(separator: "\n") + "\n"
        let peer = try runProgram("gdallocationinfo", ["-valonly", hgt], input: input)
        try #require(peer.status == 0, "gdallocationinfo failed: \(peer.stderr)")
        let values = peer.stdout.split(separator: "\n").map { Float($0.trimmingCharacters(in: .whitespaces)) }
        try #require(values.count == pixels.count)
        for ((column, row), value) in zip(pixels, values) {
            #expect(raster[column, row] == value, "pixel \(column),\(row)")
        }
    }

    @Test("Bát Xát GeoTIFF: NaN stays nodata, in the inventory and on the metric grid")
    func copernicusNaNIsNoData() throws {
        let path = SharedData.path("terrain/batxat_copernicus_glo30.tif")
        let inventory = try DEMSource.open(path).inventory()
        let total = Double(inventory.description.frame.width * inventory.description.frame.height)
        // GDAL_PAM_ENABLED=NO: the statistics are not saved beside the shared DEM as an .aux.xml.
        let stats = try runProgram("gdalinfo", ["--config", "GDAL_PAM_ENABLED", "NO", "-stats", "-json", path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        let band = try #require((json["bands"] as? [[String: Any]])?.first)
        let metadata = try #require((band["metadata"] as? [String: Any])?[""] as? [String: String])
        let validPercent = try #require(Double(metadata["STATISTICS_VALID_PERCENT"] ?? ""))
        #expect(abs((1 - Double(inventory.voidCells) / total) * 100 - validPercent) < 0.01)
        #expect(abs(inventory.minimum! - Double(band["minimum"] as! Double)) < 1e-3)

        // A site inside the clip, no filling: the NaN outside the clip polygon survives resampling.
        let loaded = try DEMSource.open(path).metricGrid(
            around: [GeoPoint(latitude: 22.52, longitude: 103.85)], radius: 12_000,
            policy: VoidPolicy(maxFilledRegionCells: 0, maxVoidFraction: 1)
        )
        let grid = loaded.grid
        #expect(loaded.voids.gridVoidCells > 0)
        #expect(grid.elevations.filter { !$0.isNaN }.min()! >= Float(inventory.minimum!) - 1)
        #expect(loaded.voids.gridVoidCells == grid.elevations.filter(\.isNaN).count)
    }

    @Test("Kauaʻi zipped SRTM: 4,279 voids reported, small ones filled on the grid")
    func kauaiVoids() throws {
        let source = try DEMSource.open(SharedData.path("terrain/N22W160v2.3a.hgt.zip"))
        let inventory = try source.inventory()
        #expect(inventory.voidCells == 4_279)
        #expect(inventory.minimum == -34 && inventory.maximum == 1_579)
        // Kauaʻi's interior holds most voids; around Mount Waiʻaleʻale they are filled.
        let loaded = try source.metricGrid(around: [GeoPoint(latitude: 22.13, longitude: -159.59)], radius: 10_000)
        #expect(loaded.voids.sourceVoidCells > 0)
        #expect(loaded.voids.filledCells == loaded.voids.sourceVoidCells)
        #expect(loaded.voids.gridVoidCells == 0)
    }

    @Test("A folder of tiles reads as one mosaic; values across the seam equal the single tile")
    func folderMosaic() throws {
        let folder = try temporaryFolder("mosaic")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, window) in [("west.tif", ["0", "0", "601", "1201"]), ("east.tif", ["601", "0", "600", "1201"])] {
            let cut = try runProgram("gdal_translate", ["-q", "-srcwin"] + window + [hgt, folder + "/" + name])
            try #require(cut.status == 0, "gdal_translate failed: \(cut.stderr)")
        }
        let mosaic = try DEMSource.open(folder)
        let single = try DEMSource.open(hgt)
        #expect(try mosaic.describe().frame.bounds == single.describe().frame.bounds)
        // A site 2 km west of the seam: its grid spans both tiles and matches the one-tile grid exactly.
        let site = GeoPoint(latitude: 44.5, longitude: -71.525)
        let fromTiles = try mosaic.metricGrid(around: [site], radius: 10_000).grid
        let fromTile = try single.metricGrid(around: [site], radius: 10_000).grid
        #expect(fromTiles.elevations == fromTile.elevations)
    }

    @Test("A DEM already on a 30 m UTM grid keeps its cells and heights: no resampling, outputs line up with it")
    func metricDEMKeepsItsLattice() throws {
        let folder = try temporaryFolder("metric-dem")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let site = GeoPoint(latitude: 44.45, longitude: -71.45)
        let dem = try DEMSource.open(hgt).metricGrid(around: [site], radius: 12_000, resolution: 30).grid
        let path = folder + "/utm30.tif"
        try GeoTIFF.writeFloat32(
            path: path, width: dem.width, height: dem.height, values: dem.elevations, georeference: dem.georeference()
        )
        // A site 11 m east and 7 m north of a DEM cell centre: the grid still takes the DEM's cells, unmoved.
        let offCentre = GeoPoint(latitude: 44.45 + 7 / 111_120, longitude: -71.45 + 11 / (111_120 * cos(44.45 * .pi / 180)))
        let grid = try DEMSource.open(path).metricGrid(around: [offCentre], radius: 10_000).grid
        let columns = (grid.cornerX - dem.cornerX) / 30, rows = (dem.cornerY - grid.cornerY) / 30
        #expect(abs(columns - columns.rounded()) < 1e-6 && abs(rows - rows.rounded()) < 1e-6)
        var compared = 0
        for row in 0..<grid.height {
            for column in 0..<grid.width {
                let demColumn = column + Int(columns.rounded()), demRow = row + Int(rows.rounded())
                guard (0..<dem.width).contains(demColumn), (0..<dem.height).contains(demRow) else { continue }
                #expect(grid[column, row] == dem[demColumn, demRow], "cell \(column),\(row)")
                compared += 1
            }
        }
        #expect(compared == grid.width * grid.height)
        // Another resolution is resampled, the site on a cell centre as for any DEM.
        let coarser = try DEMSource.open(path).metricGrid(around: [offCentre], radius: 10_000, resolution: 45).grid
        let position = coarser.gridPosition(of: try CoordinateTransform(from: wgs84, to: coarser.crs).apply([
            MapPoint(x: offCentre.longitude, y: offCentre.latitude)
        ])[0])
        #expect(abs(position.column - position.column.rounded()) < 1e-6 && abs(position.row - position.row.rounded()) < 1e-6)
    }

    @Test("A DEM in a WGS 84 UTM zone sets the grid's zone, even for sites in the next zone, and keeps its cells")
    func utmDEMSetsTheZone() throws {
        let folder = try temporaryFolder("utm18-dem")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // N44W072 spans the seam of zones 18 and 19; the sites at −71.45° lie in zone 19.
        let path = folder + "/utm18.tif"
        let warp = try runProgram("gdalwarp", ["-q", "-t_srs", "EPSG:32618", "-tr", "90", "90", "-r", "bilinear", hgt, path])
        try #require(warp.status == 0, "gdalwarp failed: \(warp.stderr)")
        let dem = try #require(try DEMSource.open(path).read(covering: DEMSource.open(path).describe().frame.bounds))
        let grid = try DEMSource.open(path).metricGrid(around: [GeoPoint(latitude: 44.45, longitude: -71.45)], radius: 10_000).grid
        #expect(grid.epsg == 32618 && grid.spacing == 90)
        let columns = (grid.cornerX - dem.frame.cornerX) / 90, rows = (dem.frame.cornerY - grid.cornerY) / 90
        try #require(abs(columns - columns.rounded()) < 1e-6 && abs(rows - rows.rounded()) < 1e-6)
        let heights = (0..<grid.height).flatMap { row in
            (0..<grid.width).map { column in dem[column + Int(columns.rounded()), row + Int(rows.rounded())] }
        }
        #expect(grid.elevations == heights)
    }
}
