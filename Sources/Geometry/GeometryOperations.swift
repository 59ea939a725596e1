import CGEOS

/// Planar set operations and checks on footprints, carried out by GEOS.
public enum GeometryOperations {
    /// The union of all `parts` (GEOS cascaded unary union).
    public static func union(_ parts: [MultiPolygon]) throws(GeometryError) -> MultiPolygon {
        let context = GEOSContext()
        let combined = MultiPolygon(polygons: parts.flatMap(\.polygons))
        let input = try context.geometry(combined)
        guard let raw = GEOSUnaryUnion_r(context.handle, input.raw) else { throw context.failure("union") }
        let result = GEOSGeometry(raw, in: context)
        return try context.multiPolygon(result.raw)
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
