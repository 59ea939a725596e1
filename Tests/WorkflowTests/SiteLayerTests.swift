import Coverage
import Foundation
import Planning
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

/// Site and candidate lists as GIS layers: Shapefile, GeoPackage, KML, GeoJSON with a `crs` member.
@Suite("Sites from any vector layer")
struct SiteLayerTests {
    /// `source` converted by ogr2ogr into `target` with `options`.
    func convert(_ source: String, to target: String, _ options: [String] = []) throws {
        let result = try runProgram("ogr2ogr", options + [target, source])
        try #require(result.status == 0, "ogr2ogr failed: \(result.stderr)")
    }

    /// `site` with `other`'s location when the two are within a millimetre, so that the rest compares exactly.
    func withLocation(of other: Site, _ site: Site) -> Site {
        var moved = site
        if abs(site.location.latitude - other.location.latitude) < 1e-8, abs(site.location.longitude - other.location.longitude) < 1e-8 {
            moved.location = other.location
        }
        return moved
    }

    @Test("A Shapefile in UTM with field names cut to 10 characters, and a KML placemark named by its name, read as the GeoJSON does")
    func shapefileAndKML() throws {
        let folder = try temporaryFolder("site-layers")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/sites", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/antennas", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Fixtures.path("antennas/sector65_900mhz_tilt2.msi"), toPath: folder + "/antennas/sector65_900mhz_tilt2.msi"
        )
        let geoJSON = Fixtures.path("sites/nh_sectors_linkbudget.geojson")
        try convert(geoJSON, to: folder + "/sites/sectors.shp", ["-f", "ESRI Shapefile", "-t_srs", "EPSG:32619"])
        let fields = try runProgram("ogrinfo", ["-so", "-al", folder + "/sites/sectors.shp"]).stdout
        #expect(fields.contains("frequency_:") && fields.contains("vertical_b:") && fields.contains("electrical:"), "names cut: \(fields)")
        let expected = try SiteFile.load(geoJSON)
        let read = try SiteFile.load(folder + "/sites/sectors.shp")
        #expect(read.count == 2 && zip(expected, read).allSatisfy { withLocation(of: $0, $1) == $0 }, "\(read)")
        #expect(read[0].antenna != .omni && read[1].frequencyMHz == Technology.umts.defaultFrequencyMHz)

        let kml = folder + "/sites.kml"
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>NH-1</name><ExtendedData>
              <Data name="height_m"><value>30</value></Data><Data name="frequency_mhz"><value>900</value></Data>
              <Data name="eirp_dbm"><value>60</value></Data><Data name="technology"><value>2G</value></Data>
            </ExtendedData><Point><coordinates>-71.45,44.45,0</coordinates></Point></Placemark></Document></kml>
            """.write(toFile: kml, atomically: true, encoding: .utf8)
        #expect(try SiteFile.load(kml) == [SiteFile.load(Fixtures.path("sites/nh_two_sites.geojson"))[0]])
    }

    @Test("Candidates in a GeoPackage keep their cost, kind and group; a GeoJSON whose crs member names UTM is read in that CRS")
    func geoPackageAndLegacyCRS() throws {
        let folder = try temporaryFolder("candidate-layers")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = Fixtures.path("sites/batxat_candidates.csv")
        try convert(csv, to: folder + "/candidates.gpkg", ["-f", "GPKG", "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-a_srs", "EPSG:4326"])
        let expected = try CandidateFile.load(csv), read = try CandidateFile.load(folder + "/candidates.gpkg")
        #expect(read.map(\.site) == expected.map(\.site))
        #expect(read.map(\.cost) == expected.map(\.cost) && read.map(\.kind) == expected.map(\.kind) && read.map(\.group) == expected.map(\.group))

        let legacy = folder + "/utm.geojson"
        try """
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32619"}},
             "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [305000, 4924000]},
               "properties": {"id": "U-1", "height_m": 30, "eirp_dbm": 60, "technology": "2G"}}]}
            """.write(toFile: legacy, atomically: true, encoding: .utf8)
        let site = try #require(try SiteFile.load(legacy).first)
        let back = try CoordinateTransform(from: wgs84, to: "EPSG:32619")
            .apply([MapPoint(x: site.location.longitude, y: site.location.latitude)])[0]
        #expect(abs(back.x - 305_000) < 1e-6 && abs(back.y - 4_924_000) < 1e-6, "\(site.location)")
    }

    @Test("Several layers: every folder of a KML is read; a GeoPackage's one point layer gives the sites, its two polygon layers are refused as population, named (a table of styles aside)")
    func severalLayers() throws {
        let folder = try temporaryFolder("several-layers")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func placemark(_ id: String, _ height: Int, _ technology: String, _ eirp: Int, _ lon: Double, _ lat: Double) -> String {
            """
            <Placemark><name>\(id)</name><ExtendedData><Data name="height_m"><value>\(height)</value></Data>
            <Data name="technology"><value>\(technology)</value></Data><Data name="eirp_dbm"><value>\(eirp)</value></Data>
            </ExtendedData><Point><coordinates>\(lon),\(lat),0</coordinates></Point></Placemark>
            """
        }
        let kml = folder + "/folders.kml"
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <kml xmlns="http://www.opengis.net/kml/2.2"><Document>
            <Folder><name>2G</name>\(placemark("A", 30, "2G", 60, -71.45, 44.45))</Folder>
            <Folder><name>4G</name>\(placemark("B", 40, "4G", 61, -71.40, 44.50))\(placemark("C", 20, "4G", 58, -71.42, 44.48))</Folder>
            </Document></kml>
            """.write(toFile: kml, atomically: true, encoding: .utf8)
        let sites = try SiteFile.load(kml)
        #expect(sites.map(\.id) == ["A", "B", "C"] && sites.map(\.antennaHeight) == [30, 40, 20])

        let package = folder + "/province.gpkg"
        try convert(Fixtures.path("sites/nh_two_sites.geojson"), to: package, ["-f", "GPKG", "-nln", "sites"])
        for name in ["communes", "districts"] {
            try convert(Fixtures.path("population/synthetic_bowtie_communes.geojson"), to: package, ["-update", "-f", "GPKG", "-nln", name])
        }
        try "styleName,styleQML\ncommunes,<qgis/>\n".write(toFile: folder + "/layer_styles.csv", atomically: true, encoding: .utf8)
        try convert(folder + "/layer_styles.csv", to: package, ["-update", "-f", "GPKG", "-nln", "layer_styles"])  // a table, as QGIS saves
        #expect(try SiteFile.load(package) == SiteFile.load(Fixtures.path("sites/nh_two_sites.geojson")))
        let listed = "sites (Point), communes (Polygon), districts (Polygon), layer_styles (None)"
        #expect(throws: InputError(
            path: package,
            reason: "holds 4 layers, 2 of polygons: \(listed); name the one to read after the file, e.g. '\(package)|layername=communes' (quoted in a shell)"
        )) { try AdminLayer.load(package) }
    }

    @Test("A layer named after the file, as QGIS writes a source (file|layername=NAME, file|layerid=INDEX), is the one read; a name or index it lacks, or another option, is refused naming its layers")
    func namedLayers() throws {
        let folder = try temporaryFolder("named-layers")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let package = folder + "/province.gpkg", communes = Fixtures.path("population/synthetic_bowtie_communes.geojson")
        try convert(Fixtures.path("sites/nh_two_sites.geojson"), to: package, ["-f", "GPKG", "-nln", "masts"])
        try convert(Fixtures.path("sites/batxat_one_site.geojson"), to: package, ["-update", "-f", "GPKG", "-nln", "sectors"])
        try convert(communes, to: package, ["-update", "-f", "GPKG", "-nln", "communes"])
        let sectors = try SiteFile.load(Fixtures.path("sites/batxat_one_site.geojson")).map(\.id)
        #expect(try SiteFile.load(package + "|layername=sectors").map(\.id) == sectors)
        #expect(try SiteFile.load(package + "|layerid=0") == SiteFile.load(Fixtures.path("sites/nh_two_sites.geojson")))
        #expect(try AdminLayer.load(package + "|layername=communes").units.map(\.id) == AdminLayer.load(communes).units.map(\.id))
        let listed = "masts (Point), sectors (Point), communes (Polygon)"
        #expect(throws: InputError(path: package + "|layername=sector", reason: "has no layer 'sector'; its layers: \(listed)")) {
            try SiteFile.load(package + "|layername=sector")
        }
        #expect(throws: InputError(path: package + "|layerid=3", reason: "has no layer 3 (it holds 3, from 0): \(listed)")) {
            try AdminLayer.load(package + "|layerid=3")
        }
        #expect(throws: InputError(path: package, reason: "'|subset=\"population\" > 0' is not understood; name a layer with |layername=NAME or |layerid=INDEX")) {
            try AdminLayer.load(package + "|layername=communes|subset=\"population\" > 0")
        }
        #expect(throws: InputError(path: package, reason: "layerid= needs a layer index from 0, not 'two'")) { try SiteFile.load(package + "|layerid=two") }
        #expect(throws: InputError(path: package, reason: "names more than one layer ('|layerid=1')")) {
            try SiteFile.load(package + "|layername=masts|layerid=1")
        }
        // The polygon layer named as sites: its features are refused, not another layer read.
        #expect(throws: InputError(path: package + "|layername=communes", reason: "feature 1 is a Polygon, not a point")) {
            try SiteFile.load(package + "|layername=communes")
        }

        let kml = folder + "/folders.kml"
        let exported = try runProgram("ogr2ogr", ["-f", "LIBKML", kml, package, "masts", "sectors"])
        try #require(exported.status == 0, "ogr2ogr failed: \(exported.stderr)")
        #expect(try SiteFile.load(kml + "|layername=sectors").map(\.id) == sectors)
        // A file whose own name holds '|' is read whole; a folder's name may hold one before a layer is named.
        let barred = folder + "/north|south.geojson"
        try FileManager.default.copyItem(atPath: Fixtures.path("sites/nh_two_sites.geojson"), toPath: barred)
        #expect(try SiteFile.load(barred).count == 2)
        try FileManager.default.createDirectory(atPath: folder + "/a|b", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: package, toPath: folder + "/a|b/province.gpkg")
        #expect(try SiteFile.load(folder + "/a|b/province.gpkg|layername=sectors").map(\.id) == sectors)
    }

    @Test("A GeoJSON converted from a CSV without type detection (numbers as text, empty text for empty cells) reads as the CSV does; text that is no number, and booleans, are refused")
    func numbersAsText() throws {
        let folder = try temporaryFolder("numbers-as-text")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = Fixtures.path("sites/nh_two_sites.csv"), converted = folder + "/sites.geojson"
        try convert(csv, to: converted, ["-f", "GeoJSON", "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat"])
        let text = try String(contentsOfFile: converted, encoding: .utf8)
        #expect(text.contains(#""height_m": "30""#) && text.contains(#""azimuth_deg": """#), "ogr2ogr wrote the numbers as text: \(text)")
        #expect(try SiteFile.load(converted) == SiteFile.load(csv))
        let candidates = Fixtures.path("sites/batxat_candidates.csv"), convertedCandidates = folder + "/candidates.geojson"
        try convert(candidates, to: convertedCandidates, ["-f", "GeoJSON", "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat"])
        let (read, expected) = (try CandidateFile.load(convertedCandidates), try CandidateFile.load(candidates))
        #expect(read.map(\.site) == expected.map(\.site) && read.map(\.cost) == expected.map(\.cost) && read.map(\.kind) == expected.map(\.kind))
        #expect(read.map(\.group) == expected.map(\.group))
        for (value, fault) in [(#""thirty""#, "must be a number, not 'thirty'"), (#""inf""#, "must be a number, not 'inf'"), ("true", "must be a number")] {
            let bad = folder + "/bad.geojson"
            try text.replacingOccurrences(of: #""height_m": "30""#, with: #""height_m": \#(value)"#).write(toFile: bad, atomically: true, encoding: .utf8)
            #expect(throws: InputError(path: bad, reason: "feature 1 (id 'NH-1'): property 'height_m' \(fault)")) { try SiteFile.load(bad) }
        }
    }

    @Test("Layers that cannot be sites: lines, no height attribute, projected coordinates declared as none, a GeoPackage of text, a Shapefile without its .dbf, a raster")
    func badLayers() throws {
        let folder = try temporaryFolder("bad-site-layers")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = folder + "/lines.geojson"
        try #"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "properties": {"id": "L"}}]}"#
            .write(toFile: lines, atomically: true, encoding: .utf8)
        try convert(lines, to: folder + "/lines.gpkg", ["-f", "GPKG"])
        let noHeight = folder + "/no_height.geojson"
        try #"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [105, 22]}, "properties": {"id": "A", "technology": "2G"}}]}"#
            .write(toFile: noHeight, atomically: true, encoding: .utf8)
        try convert(noHeight, to: folder + "/no_height.gpkg", ["-f", "GPKG"])
        let utm = folder + "/utm.geojson"
        try #"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [305000, 4924000]}, "properties": {"id": "U", "height_m": 30, "eirp_dbm": 60, "technology": "2G"}}]}"#
            .write(toFile: utm, atomically: true, encoding: .utf8)
        try convert(utm, to: folder + "/utm.shp", ["-f", "ESRI Shapefile"])
        try FileManager.default.removeItem(atPath: folder + "/utm.prj")
        try FileManager.default.createDirectory(atPath: folder + "/no_table", withIntermediateDirectories: true)
        for part in ["shp", "shx"] { try FileManager.default.copyItem(atPath: folder + "/utm." + part, toPath: folder + "/no_table/utm." + part) }
        try "not a GeoPackage".write(toFile: folder + "/text.gpkg", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Fixtures.path("fuzz/tiny.tif"), toPath: folder + "/raster.tif")
        let cases = [
            ("lines.gpkg", "feature 1 is a Line String, not a point"),
            ("no_height.gpkg", "the layer has no attribute 'height_m' (its attributes: id, technology)"),
            ("utm.shp", "coordinate (305000.0, 4924000.0) is not a longitude/latitude, but the layer's CRS is not given"),
            ("text.gpkg", "not a vector layer GDAL/OGR can read"),
            ("no_table/utm.shp", "the Shapefile's attribute table utm.dbf is missing beside it"),
            ("raster.tif", "is a raster, not a vector layer of points or polygons"),
        ]
        for (name, message) in cases {
            #expect("\(name)", performing: { try SiteFile.load(folder + "/" + name) }, throws: { error in
                guard let error = error as? InputError else { return false }
                return error.path == folder + "/" + name && error.reason.contains(message)
            })
        }
    }
}
