import Foundation
import Terrain

/// A GeoJSON feature: a footprint and its properties.
public struct GeoJSONFeature: Sendable {
    public let shape: MultiPolygon
    /// Property values: strings, numbers or booleans.
    public let properties: [String: GeoJSONValue]

    public init(shape: MultiPolygon, properties: [String: GeoJSONValue]) {
        self.shape = shape
        self.properties = properties
    }
}

/// A property value in GeoJSON output.
public enum GeoJSONValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    /// A whole number, written without a fraction (a count, a rank).
    case integer(Int)
    case bool(Bool)
    case null
}

/// Writes footprints as an RFC 7946 FeatureCollection in WGS84 (longitude, latitude; 7 decimals ≈ 1 cm).
public enum GeoJSONWriter {
    /// The FeatureCollection text for `features` whose coordinates are in `crs`.
    public static func featureCollection(_ features: [GeoJSONFeature], crs: String) throws(ProjectionError) -> String {
        try featureCollection(groups: [(crs, features)])
    }

    /// One FeatureCollection of several groups of features, each group with coordinates in its own CRS.
    public static func featureCollection(groups: [(crs: String, features: [GeoJSONFeature])]) throws(ProjectionError) -> String {
        var lines: [String] = []
        for group in groups {
            lines += try featureLines(group.features, crs: group.crs)
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + lines.joined(separator: ",\n") + "\n]}\n"
    }

    /// A FeatureCollection of lines whose points are given in longitude and latitude (hops between masts), a line of
    /// text per feature.
    public static func lineCollection(_ lines: [(points: [MapPoint], properties: [String: GeoJSONValue])]) -> String {
        let features = lines.map { line in
            let coordinates = FixedDecimals.points(line.points, open: "[", between: ",", close: "]", separator: ",")
            return "{\"type\":\"Feature\",\"properties\":\(json(line.properties)),"
                + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[\(coordinates)]}}"
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }

    /// One line per feature, the features spread over the cores.
    private static func featureLines(_ features: [GeoJSONFeature], crs: String) throws(ProjectionError) -> [String] {
        let transform = CoordinateTransform(from: crs, to: wgs84)
        return try parallelMap(count: features.count, chunkSize: 1) { index in
            Result { () throws(ProjectionError) in try featureLine(features[index], transform: transform) }
        }.map { result throws(ProjectionError) in try result.get() }
    }

    private static func featureLine(_ feature: GeoJSONFeature, transform: CoordinateTransform) throws(ProjectionError) -> String {
        let projected = try feature.shape.transformed(by: transform), geographic: MultiPolygon
        do throws(GeometryError) { geographic = try projected.cutAtAntimeridian() } catch {
            throw ProjectionError(message: "cannot cut a footprint at the antimeridian: \(error.message)")
        }
        let polygons = geographic.polygons.map { polygon in
            let rings = ([polygon.exterior] + polygon.holes).map { ring in
                "[" + FixedDecimals.points(ring.points, open: "[", between: ",", close: "]", separator: ",") + "]"
            }
            return "[" + rings.joined(separator: ",") + "]"
        }
        let geometry = "{\"type\":\"MultiPolygon\",\"coordinates\":[" + polygons.joined(separator: ",") + "]}"
        return "{\"type\":\"Feature\",\"properties\":\(json(feature.properties)),\"geometry\":\(geometry)}"
    }

    private static func json(_ properties: [String: GeoJSONValue]) -> String {
        let members = properties.keys.sorted().map { key -> String in
            let value: String
            switch properties[key]! {
            case .string(let text): value = quoted(text)
            case .number(let number): value = number.isFinite ? String(number) : "null"
            case .integer(let number): value = String(number)
            case .bool(let flag): value = flag ? "true" : "false"
            case .null: value = "null"
            }
            return quoted(key) + ":" + value
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped.
    private static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            return "\"" + text + "\""
        }
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
