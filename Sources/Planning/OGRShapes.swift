import CGDAL
import Geometry
import Terrain

/// Polygon geometries of one OGR layer as value types, and their transformation to WGS84.
struct OGRShapes {
    let path: String
    /// The layer's CRS; nil when it declares none (WGS84 is then assumed).
    let crsWKT: String?

    init(layer: OGRLayerH, path: String) {
        self.path = path
        crsWKT = declaredCRS(of: layer)
    }

    /// `shape` (in the layer's CRS) in WGS84; coordinates that cannot be in the declared CRS are a CRS mismatch.
    func toWGS84(_ shape: MultiPolygon, feature: Int) throws(InputError) -> MultiPolygon {
        try checkLongitudesLatitudes(shape.polygons.flatMap(\.exterior.points), crsWKT: crsWKT, path: path, feature: feature)
        guard let crsWKT, !Self.isWGS84(crsWKT) else { return shape }
        do {
            return try shape.transformed(by: CoordinateTransform(from: crsWKT, to: wgs84))
        } catch {
            throw InputError(path: path, reason: "feature \(feature): cannot transform to WGS84: \(error.message)")
        }
    }

    /// The polygons of a Polygon or MultiPolygon geometry; rings left open are closed.
    func outline(_ geometry: OGRGeometryH?, feature number: Int, id: String) throws(InputError) -> MultiPolygon {
        guard let geometry else { throw InputError(path: path, reason: "feature \(number) ('\(id)') has no geometry") }
        let type = OGR_GT_Flatten(OGR_G_GetGeometryType(geometry))
        switch type {
        case wkbPolygon:
            return MultiPolygon(polygons: [try polygon(geometry, number: number, id: id)])
        case wkbMultiPolygon:
            return MultiPolygon(polygons: try (0..<OGR_G_GetGeometryCount(geometry)).map { index throws(InputError) in
                try polygon(OGR_G_GetGeometryRef(geometry, index), number: number, id: id)
            })
        default:
            let name = String(cString: OGRGeometryTypeToName(type))
            throw InputError(path: path, reason: "feature \(number) ('\(id)') is a \(name), not a polygon")
        }
    }

    private func polygon(_ geometry: OGRGeometryH?, number: Int, id: String) throws(InputError) -> Polygon {
        guard let geometry, OGR_G_GetGeometryCount(geometry) > 0 else {
            throw InputError(path: path, reason: "feature \(number) ('\(id)') has an empty polygon")
        }
        let rings = try (0..<OGR_G_GetGeometryCount(geometry)).map { index throws(InputError) in
            try ring(OGR_G_GetGeometryRef(geometry, index), number: number, id: id)
        }
        return Polygon(exterior: rings[0], holes: Array(rings.dropFirst()))
    }

    private func ring(_ geometry: OGRGeometryH?, number: Int, id: String) throws(InputError) -> Ring {
        let count = geometry.map { Int(OGR_G_GetPointCount($0)) } ?? 0
        var points = (0..<count).map { MapPoint(x: OGR_G_GetX(geometry, Int32($0)), y: OGR_G_GetY(geometry, Int32($0))) }
        if let first = points.first, first != points.last { points.append(first) }
        guard points.count >= 4, points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else {
            throw InputError(path: path, reason: "feature \(number) ('\(id)') has a ring of fewer than 3 distinct points or a non-finite coordinate")
        }
        return Ring(points: points)
    }

    private static func isWGS84(_ wkt: String) -> Bool {
        guard let reference = OSRNewSpatialReference(wkt), let wgs = OSRNewSpatialReference(nil) else { return false }
        defer {
            OSRDestroySpatialReference(reference)
            OSRDestroySpatialReference(wgs)
        }
        OSRSetWellKnownGeogCS(wgs, "WGS84")
        return OSRIsSame(reference, wgs) != 0
    }
}
