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
    case bool(Bool)
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
            case .bool(let flag): value = flag ? "true" : "false"
            }
            return quoted(key) + ":" + value
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    private static func quoted(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
        let array = data.flatMap { String(data: $0, encoding: .utf8) } ?? "[\"\"]"
        return String(array.dropFirst().dropLast())
    }
}
