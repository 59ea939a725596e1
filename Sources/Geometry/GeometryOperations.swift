import CGEOS
import Terrain

/// Planar set operations and checks on footprints, carried out by GEOS.
public enum GeometryOperations {
    /// The union of all `parts` (GEOS cascaded unary union).
    public static func union(_ parts: [MultiPolygon]) throws(GeometryError) -> MultiPolygon {
        try unary(MultiPolygon(polygons: parts.flatMap(\.polygons)), name: "union", GEOSUnaryUnion_r)
    }

    /// The intersection of two footprints.
    public static func intersection(_ a: MultiPolygon, _ b: MultiPolygon) throws(GeometryError) -> MultiPolygon {
        try binary(a, b, name: "intersection", GEOSIntersection_r)
    }

    /// The part of `a` outside `b`.
    public static func difference(_ a: MultiPolygon, _ b: MultiPolygon) throws(GeometryError) -> MultiPolygon {
        try binary(a, b, name: "difference", GEOSDifference_r)
    }

    /// Area as GEOS computes it.
    public static func area(_ shape: MultiPolygon) throws(GeometryError) -> Double {
        let context = GEOSContext()
        let geometry = try context.geometry(shape)
        var area = 0.0
        guard GEOSArea_r(context.handle, geometry.raw, &area) != 0 else { throw context.failure("area") }
        return area
    }

    /// The polygonal part of GEOS make-valid's repair of `shape` (e.g. a self-intersecting ring split in two).
    public static func makeValid(_ shape: MultiPolygon) throws(GeometryError) -> MultiPolygon {
        try unary(shape, name: "make-valid", GEOSMakeValid_r)
    }

    /// A point guaranteed to lie inside `shape` (GEOS point-on-surface); nil for an empty shape.
    public static func pointOnSurface(_ shape: MultiPolygon) throws(GeometryError) -> MapPoint? {
        guard !shape.isEmpty else { return nil }
        let context = GEOSContext()
        let geometry = try context.geometry(shape)
        guard let raw = GEOSPointOnSurface_r(context.handle, geometry.raw) else { throw context.failure("point on surface") }
        let point = GEOSGeometry(raw, in: context)
        var x = 0.0, y = 0.0
        guard GEOSGeomGetX_r(context.handle, point.raw, &x) != 0, GEOSGeomGetY_r(context.handle, point.raw, &y) != 0 else {
            return nil
        }
        return MapPoint(x: x, y: y)
    }

    /// nil when the geometry is valid by OGC rules, else GEOS's reason.
    public static func invalidityReason(_ shape: MultiPolygon) throws(GeometryError) -> String? {
        let context = GEOSContext()
        let geometry = try context.geometry(shape)
        switch GEOSisValid_r(context.handle, geometry.raw) {
        case 1: return nil
        case 0:
            guard let reason = GEOSisValidReason_r(context.handle, geometry.raw) else { return "invalid" }
            defer { GEOSFree_r(context.handle, reason) }
            return String(cString: reason)
        default: throw context.failure("validity check")
        }
    }

    static func unary(
        _ shape: MultiPolygon, name: String, _ operation: (GEOSContextHandle_t?, OpaquePointer?) -> OpaquePointer?
    ) throws(GeometryError) -> MultiPolygon {
        let context = GEOSContext()
        let input = try context.geometry(shape)
        guard let raw = operation(context.handle, input.raw) else { throw context.failure(name) }
        let result = GEOSGeometry(raw, in: context)
        return try context.multiPolygon(result.raw)
    }

    private static func binary(
        _ a: MultiPolygon, _ b: MultiPolygon, name: String,
        _ operation: (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?) -> OpaquePointer?
    ) throws(GeometryError) -> MultiPolygon {
        let context = GEOSContext()
        let left = try context.geometry(a), right = try context.geometry(b)
        guard let raw = operation(context.handle, left.raw, right.raw) else { throw context.failure(name) }
        let result = GEOSGeometry(raw, in: context)
        return try context.multiPolygon(result.raw)
    }
}
