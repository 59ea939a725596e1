import CGDAL
import Foundation
import Geometry
import Terrain

/// Reads administrative units feature by feature from an OGR layer (which must stay open meanwhile).
final class OGRFeatureReader {
    struct Feature {
        let number: Int
        /// The unit with its outline still in the layer's CRS.
        let unit: AdminUnit
    }

    private let layer: OGRLayerH
    private let path: String
    private let fields: AdminFields
    private let crsWKT: String?
    private var number = 0

    init(layer: OGRLayerH, path: String, fields: AdminFields) throws(InputError) {
        self.layer = layer
        self.path = path
        self.fields = fields
        crsWKT = OGR_L_GetSpatialRef(layer).flatMap(Self.wkt)
        let definition = OGR_L_GetLayerDefn(layer)
        let names = (0..<OGR_FD_GetFieldCount(definition)).compactMap { index in
            OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, index)).map { String(cString: $0) }
        }
        let required = [fields.id, fields.name, fields.population, fields.districtID, fields.provinceID]
            + [fields.priority].compactMap { $0 }
        for name in required where !names.contains(name) {
            throw InputError(
                path: path,
                reason: "missing attribute '\(name)' (the layer has: \(names.joined(separator: ", "))); name the right one with the --*-field options"
            )
        }
        OGR_L_ResetReading(layer)
    }

    /// The next feature, or nil at the end of the layer.
    func next() throws(InputError) -> Feature? {
        guard let feature = OGR_L_GetNextFeature(layer) else { return nil }
        defer { OGR_F_Destroy(feature) }
        number += 1
        let id = try text(feature, fields.id, required: true)
        let name = try text(feature, fields.name, required: false)
        guard let population = try number(feature, fields.population), population >= 0, population.isFinite else {
            throw InputError(path: path, reason: "feature \(number) ('\(id)'): '\(fields.population)' must be a number ≥ 0")
        }
        let priority = try fields.priority.map { field throws(InputError) in max(0, try self.number(feature, field) ?? 0) } ?? 0
        let district = AdminReference(
            id: try text(feature, fields.districtID, required: true), name: try text(feature, fields.districtName, required: false)
        )
        let province = AdminReference(
            id: try text(feature, fields.provinceID, required: true), name: try text(feature, fields.provinceName, required: false)
        )
        let shape = try outline(OGR_F_GetGeometryRef(feature), id: id)
        return Feature(
            number: number,
            unit: AdminUnit(
                id: id, name: name.isEmpty ? id : name, district: district, province: province,
                population: population, priorityWeight: priority, shape: shape
            )
        )
    }

    /// `shape` (in the layer's CRS) in WGS84; coordinates that cannot be in the declared CRS are a CRS mismatch.
    func toWGS84(_ shape: MultiPolygon, feature: Int) throws(InputError) -> MultiPolygon {
        let geographic = crsWKT.map(isGeographic) ?? true
        if geographic {
            let points = shape.polygons.flatMap(\.exterior.points)
            if let wrong = points.first(where: { abs($0.x) > 180 || abs($0.y) > 90 }) {
                throw InputError(
                    path: path,
                    reason: "feature \(feature): coordinate (\(wrong.x), \(wrong.y)) is not a longitude/latitude, but the layer's CRS is \(crsWKT == nil ? "not given (WGS84 assumed)" : "geographic"): CRS mismatch — declare the layer's real CRS"
                )
            }
        }
        guard let crsWKT, !Self.isWGS84(crsWKT) else { return shape }
        do {
            let transform = CoordinateTransform(from: crsWKT, to: wgs84)
            return MultiPolygon(polygons: try shape.polygons.map { polygon throws(ProjectionError) in
                Polygon(
                    exterior: Ring(points: try transform.apply(polygon.exterior.points)),
                    holes: try polygon.holes.map { hole throws(ProjectionError) in Ring(points: try transform.apply(hole.points)) }
                )
            })
        } catch {
            throw InputError(path: path, reason: "feature \(feature): cannot transform to WGS84: \(error.message)")
        }
    }

    private func text(_ feature: OGRFeatureH, _ field: String, required: Bool) throws(InputError) -> String {
        let index = OGR_F_GetFieldIndex(feature, field)
        guard index >= 0, OGR_F_IsFieldSetAndNotNull(feature, index) != 0, let value = OGR_F_GetFieldAsString(feature, index) else {
            if required { throw InputError(path: path, reason: "feature \(number): attribute '\(field)' is empty") }
            return ""
        }
        return String(cString: value)
    }

    private func number(_ feature: OGRFeatureH, _ field: String) throws(InputError) -> Double? {
        let index = OGR_F_GetFieldIndex(feature, field)
        guard index >= 0, OGR_F_IsFieldSetAndNotNull(feature, index) != 0 else {
            throw InputError(path: path, reason: "feature \(number): attribute '\(field)' is empty")
        }
        let text = String(cString: OGR_F_GetFieldAsString(feature, index)).trimmingCharacters(in: .whitespaces)
        guard let value = Double(text) else {
            throw InputError(path: path, reason: "feature \(number): attribute '\(field)' = '\(text)' is not a number")
        }
        return value
    }

    /// The polygons of a Polygon or MultiPolygon geometry; rings left open are closed.
    private func outline(_ geometry: OGRGeometryH?, id: String) throws(InputError) -> MultiPolygon {
        guard let geometry else { throw InputError(path: path, reason: "feature \(number) ('\(id)') has no geometry") }
        let type = OGR_GT_Flatten(OGR_G_GetGeometryType(geometry))
        switch type {
        case wkbPolygon:
            return MultiPolygon(polygons: [try polygon(geometry, id: id)])
        case wkbMultiPolygon:
            return MultiPolygon(polygons: try (0..<OGR_G_GetGeometryCount(geometry)).map { index throws(InputError) in
                try polygon(OGR_G_GetGeometryRef(geometry, index), id: id)
            })
        default:
            let name = String(cString: OGRGeometryTypeToName(type))
            throw InputError(path: path, reason: "feature \(number) ('\(id)') is a \(name), not a polygon")
        }
    }

    private func polygon(_ geometry: OGRGeometryH?, id: String) throws(InputError) -> Polygon {
        guard let geometry, OGR_G_GetGeometryCount(geometry) > 0 else {
            throw InputError(path: path, reason: "feature \(number) ('\(id)') has an empty polygon")
        }
        let rings = try (0..<OGR_G_GetGeometryCount(geometry)).map { index throws(InputError) in
            try ring(OGR_G_GetGeometryRef(geometry, index), id: id)
        }
        return Polygon(exterior: rings[0], holes: Array(rings.dropFirst()))
    }

    private func ring(_ geometry: OGRGeometryH?, id: String) throws(InputError) -> Ring {
        let count = geometry.map { Int(OGR_G_GetPointCount($0)) } ?? 0
        var points = (0..<count).map { MapPoint(x: OGR_G_GetX(geometry, Int32($0)), y: OGR_G_GetY(geometry, Int32($0))) }
        if let first = points.first, first != points.last { points.append(first) }
        guard points.count >= 4, points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else {
            throw InputError(path: path, reason: "feature \(number) ('\(id)') has a ring of fewer than 3 distinct points or a non-finite coordinate")
        }
        return Ring(points: points)
    }

    private static func wkt(_ reference: OGRSpatialReferenceH) -> String? {
        var text: UnsafeMutablePointer<CChar>?
        guard OSRExportToWkt(reference, &text) == OGRERR_NONE, let text else { return nil }
        defer { VSIFree(text) }
        return String(cString: text)
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
