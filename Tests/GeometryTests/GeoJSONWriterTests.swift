import Foundation
@testable import Geometry
import Terrain
import TestSupport
import Testing

@Suite("GeoJSON and KML coordinates")
struct GeoJSONWriterTests {
    /// Longitudes and latitudes that test the seven-decimal rounding: carries, small magnitudes, negatives.
    static let points = [
        MapPoint(x: -71.123456789, y: 44.00000005), MapPoint(x: -71.99999996, y: 0.00000004),
        MapPoint(x: 105.5, y: -0.00000006), MapPoint(x: 3.0000000499, y: -22.71828182845),
    ]

    var shape: MultiPolygon {
        MultiPolygon(polygons: [Polygon(exterior: Ring(points: Self.points + [Self.points[0]]))])
    }

    @Test("GeoJSON writes every coordinate as %.7f does, in order, ring closed")
    func geoJSON() throws {
        let text = try GeoJSONWriter.featureCollection([GeoJSONFeature(shape: shape, properties: ["id": .string("a")])], crs: "EPSG:4326")
        let expected = (Self.points + [Self.points[0]]).map { String(format: "[%.7f,%.7f]", $0.x, $0.y) }.joined(separator: ",")
        #expect(text.contains("\"coordinates\":[[[" + expected + "]]]"), "\(text)")
        #expect(text.contains("[-71.1234568,44.0000000]") && text.contains("[-72.0000000,0.0000000]") && text.contains("[105.5000000,-0.0000001]"))
    }

    @Test("Coordinates of every magnitude, halfway cases included, are written as %.7f writes them")
    func everyMagnitude() {
        var random = SeededGenerator(seed: 17)
        var values = (0..<30_000).map { index -> Double in
            let magnitude = [1e-8, 1e-3, 1, 180, 1e6, 8e8][index % 6]
            return Double.random(in: -magnitude...magnitude, using: &random)
        }
        values += (0..<2_000).map { Double($0 - 1_000) / 1e7 + 0.5e-7 }  // halfway between two seventh decimals
        values += [0, -0.0, 1, -1, 9.99999995, -9.99999995, 123456789.1234567]
        let points = stride(from: 0, to: values.count - 1, by: 2).map { MapPoint(x: values[$0], y: values[$0 + 1]) }
        let written = FixedDecimals.points(points, open: "[", between: ",", close: "]", separator: ";").split(separator: ";")
        #expect(written.count == points.count)
        for (point, text) in zip(points, written) {
            let expected = [point.x, point.y].map { String(format: "%.7f", $0) }.map { $0 == "-0.0000000" ? "0.0000000" : $0 }
            guard text == "[\(expected[0]),\(expected[1])]" else {
                Issue.record("(\(point.x), \(point.y)) written \(text), %.7f gives \(expected)")
                return
            }
        }
    }

    @Test("Many features keep their order (they are written in parallel)")
    func order() throws {
        let features = (0..<50).map { index in
            GeoJSONFeature(shape: shape.mapped { MapPoint(x: $0.x + Double(index) * 1e-3, y: $0.y) }, properties: ["n": .number(Double(index))])
        }
        let text = try GeoJSONWriter.featureCollection(features, crs: "EPSG:4326")
        let lines = text.split(separator: "\n").filter { $0.contains("\"Feature\"") }
        #expect(lines.count == 50)
        for (index, line) in lines.enumerated() {
            #expect(line.contains("\"n\":\(Double(index))") && line.contains(String(format: "[%.7f,", -71.123456789 + Double(index) * 1e-3)))
        }
    }
}
