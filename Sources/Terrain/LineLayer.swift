import CGDAL

/// The line features of any vector file GDAL/OGR reads (roads from OpenStreetMap as GeoPackage, Shapefile, GeoJSON,
/// KML, …): each one's parts (a LineString has one, a MultiLineString several), in the layer's CRS, and the attributes
/// asked for, as text.
package typealias LineLayer = VectorFeatures<[[MapPoint]]>

extension VectorFeatures where Shape == [[MapPoint]] {
    /// Reads every feature of the line layer of `path`; a feature that is not a line, or has a part of fewer than two
    /// points or a coordinate that is not a finite number, is refused.
    package init(path: String, attributes names: [String]) throws(InputError) {
        try self.init(path: path, content: .lines, attributes: names) { geometry, number, _ throws(InputError) in
            guard let parts = Self.parts(of: geometry) else {
                throw InputError(
                    path: path, reason: "feature \(number) is \(geometryTypeName(geometry).map { "a \($0)" } ?? "without geometry"), not a line"
                )
            }
            guard !parts.isEmpty else { throw InputError(path: path, reason: "feature \(number) is an empty line") }
            guard parts.allSatisfy({ $0.count >= 2 && $0.allSatisfy { $0.x.isFinite && $0.y.isFinite } }) else {
                throw InputError(path: path, reason: "feature \(number) has a line of fewer than two points or a coordinate that is not a finite number")
            }
            return parts
        }
    }

    /// Each feature's parts in `crs`; refuses coordinates that cannot be longitudes/latitudes in a layer whose CRS is
    /// geographic or not given.
    package func parts(in crs: String) throws(InputError) -> [[[MapPoint]]] {
        var features: [[[MapPoint]]] = []
        for feature in self.features {
            var points = try transformed(feature.shape.flatMap { $0 }, to: crs, feature: feature.number)[...]
            features.append(feature.shape.map { part in
                defer { points = points.dropFirst(part.count) }
                return Array(points.prefix(part.count))
            })
        }
        return features
    }

    /// A line's points, or a multiline's non-empty parts (none for an empty geometry); nil for any other geometry or none.
    private static func parts(of geometry: OGRGeometryH?) -> [[MapPoint]]? {
        guard let geometry else { return nil }
        switch OGR_GT_Flatten(OGR_G_GetGeometryType(geometry)) {
        case wkbLineString:
            let points = (0..<OGR_G_GetPointCount(geometry)).map { MapPoint(x: OGR_G_GetX(geometry, $0), y: OGR_G_GetY(geometry, $0)) }
            return points.isEmpty ? [] : [points]
        case wkbMultiLineString:
            return (0..<OGR_G_GetGeometryCount(geometry)).flatMap { parts(of: OGR_G_GetGeometryRef(geometry, $0)) ?? [] }
        default:
            return nil
        }
    }
}
