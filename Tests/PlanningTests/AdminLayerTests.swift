import Foundation
import Geometry
import Planning
import Terrain
import TestSupport
import Testing

@Suite("Administrative layers: loading, repair and bad input")
struct AdminLayerTests {
    @Test("A self-intersecting commune is repaired with GEOS make-valid and reported; priority weights are read")
    func bowTieRepaired() throws {
        var fields = AdminFields()
        fields.priority = "poor"
        let layer = try AdminLayer.load(Fixtures.path("population/synthetic_bowtie_communes.geojson"), fields: fields)
        #expect(layer.units.map(\.name) == ["Square", "Bow-tie"])
        #expect(layer.repairs.count == 1)
        let repair = try #require(layer.repairs.first)
        #expect(repair.contains("'2'") && repair.contains("Self-intersection") && repair.contains("make-valid"), "\(repair)")
        let bowTie = layer.units[1]
        #expect(try GeometryOperations.invalidityReason(bowTie.shape) == nil)
        #expect(bowTie.shape.polygons.count == 2, "the two lobes of the bow-tie")
        #expect(abs(bowTie.shape.area - 2 * 0.5 * 0.02 * 0.01) < 1e-12, "two triangles of 0.02° × 0.01°: \(bowTie.shape.area)")
        #expect(layer.units.map(\.priorityWeight) == [0, 2] && bowTie.isPriority)
    }

    @Test("Communes in a Shapefile (district_id cut to district_i, province_id to province_i) read as the GeoJSON does")
    func shapefileCutNames() throws {
        let folder = try temporaryFolder("communes-shapefile")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let geoJSON = Fixtures.path("population/synthetic_bowtie_communes.geojson")
        let converted = try runProgram("ogr2ogr", ["-f", "ESRI Shapefile", folder + "/communes.shp", geoJSON])
        try #require(converted.status == 0, "ogr2ogr failed: \(converted.stderr)")
        let fields = try runProgram("ogrinfo", ["-so", "-al", folder + "/communes.shp"]).stdout
        #expect(fields.contains("district_i:") && fields.contains("province_i:"), "names cut: \(fields)")
        var withPriority = AdminFields()
        withPriority.priority = "poor"
        let expected = try AdminLayer.load(geoJSON, fields: withPriority), read = try AdminLayer.load(folder + "/communes.shp", fields: withPriority)
        #expect(read.units.map(\.id) == expected.units.map(\.id) && read.units.map(\.population) == expected.units.map(\.population))
        #expect(read.units.map(\.district) == expected.units.map(\.district) && read.units.map(\.province) == expected.units.map(\.province))
        #expect(read.units.map(\.priorityWeight) == expected.units.map(\.priorityWeight) && read.repairs.count == 1)
    }

    @Test("A missing attribute names the file, the attribute, the attributes there are and the option and field that name another")
    func missingAttribute() {
        let path = Fixtures.path("population/synthetic_no_population.geojson")
        #expect {
            try AdminLayer.load(path)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.path == path && error.reason.contains("missing attribute 'population'") && error.reason.contains("commune_id")
                && error.reason.hasSuffix("; name the one to use with --population-field (population_fields.population)")
        }
        var fields = AdminFields()
        fields.population = "commune_id"
        fields.priority = "poverty"
        #expect {
            try AdminLayer.load(path, fields: fields)
        } throws: { error in
            (error as? InputError)?.reason.hasSuffix("name the one to use with --priority-field (population_fields.priority)") == true
        }
    }

    @Test("Coordinates in metres in a layer that declares no CRS are a CRS mismatch")
    func crsMismatch() {
        let path = Fixtures.path("population/synthetic_utm_coordinates.geojson")
        #expect {
            try AdminLayer.load(path)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.path == path && error.reason.contains("CRS mismatch")
        }
    }

    @Test("Missing files, non-vector files and point layers are refused with the file named")
    func otherBadInput() throws {
        let folder = try temporaryFolder("admin")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let points = folder + "/points.geojson"
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"commune_id":1,"commune":"P","population":5,"district_id":1,"province_id":1},"geometry":{"type":"Point","coordinates":[103.8,22.5]}}]}"#
            .write(toFile: points, atomically: true, encoding: .utf8)
        let text = folder + "/notes.txt"
        try "not a layer".write(toFile: text, atomically: true, encoding: .utf8)
        let negative = folder + "/negative.geojson"
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"commune_id":1,"commune":"N","population":-5,"district_id":1,"province_id":1},"geometry":{"type":"Polygon","coordinates":[[[103.8,22.5],[103.9,22.5],[103.9,22.6],[103.8,22.5]]]}}]}"#
            .write(toFile: negative, atomically: true, encoding: .utf8)
        let infinite = folder + "/infinite.geojson"  // a priority weight of "inf" read as ∞
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"commune_id":1,"commune":"N","population":5,"district_id":1,"province_id":1,"weight":"inf"},"geometry":{"type":"Polygon","coordinates":[[[103.8,22.5],[103.9,22.5],[103.9,22.6],[103.8,22.5]]]}}]}"#
            .write(toFile: infinite, atomically: true, encoding: .utf8)
        let centroids = folder + "/centroids.csv"  // as the census's commune centroids come
        try "commune_id,commune,district_id,province_id,population,lon,lat\n1,P,1,1,5,103.8,22.5\n".write(toFile: centroids, atomically: true, encoding: .utf8)
        var weighted = AdminFields()
        weighted.priority = "weight"
        for (path, expected, fields) in [
            (centroids, "is a table without geometry, not polygons: a CSV of polygons needs a WKT column; points with residents (lon, lat, population) are settlements (--settlements)", AdminFields()),
            (folder + "/absent.geojson", "no such file", AdminFields()), (points, "is a Point, not a polygon", AdminFields()),
            (text, "not a vector layer", AdminFields()), (negative, "must be a number ≥ 0", AdminFields()),
            (infinite, "attribute 'weight' = 'inf' is not a finite number", weighted),
        ] {
            #expect(performing: { try AdminLayer.load(path, fields: fields) }, throws: { error in
                guard let error = error as? InputError else { return false }
                return error.path == path && error.reason.contains(expected)
            })
        }
    }
}
