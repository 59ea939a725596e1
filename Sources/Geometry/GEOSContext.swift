import CGEOS
import Terrain

/// A GEOS operation that failed, with GEOS's own message.
public struct GeometryError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { "GEOS: \(message)" }
}

/// A reentrant GEOS context for one thread and one operation; GEOS errors are captured, not printed.
final class GEOSContext {
    let handle: GEOSContextHandle_t
    private let messages = MessageBox()

    private final class MessageBox {
        var last: String?
    }

    init() {
        handle = GEOS_init_r()
        GEOSContext_setErrorMessageHandler_r(
            handle,
            { message, userData in
                guard let message, let userData else { return }
                Unmanaged<MessageBox>.fromOpaque(userData).takeUnretainedValue().last = String(cString: message)
            },
            Unmanaged.passUnretained(messages).toOpaque()
        )
    }

    deinit { GEOS_finish_r(handle) }

    /// The error GEOS reported last, for a failed call.
    func failure(_ operation: String) -> GeometryError {
        GeometryError(message: "\(operation) failed: \(messages.last ?? "no message")")
    }

    /// Builds a GEOS MultiPolygon owned by the returned wrapper.
    func geometry(_ multiPolygon: MultiPolygon) throws(GeometryError) -> GEOSGeometry {
        var polygons: [OpaquePointer?] = []
        for polygon in multiPolygon.polygons {
            let shell = try linearRing(polygon.exterior)
            var holes: [OpaquePointer?] = []
            for hole in polygon.holes { holes.append(try linearRing(hole)) }
            let created = holes.withUnsafeMutableBufferPointer { buffer in
                GEOSGeom_createPolygon_r(handle, shell, buffer.baseAddress, UInt32(buffer.count))
            }
            guard let created else { throw failure("polygon creation") }
            polygons.append(created)
        }
        let collection = polygons.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(handle, Int32(GEOS_MULTIPOLYGON.rawValue), buffer.baseAddress, UInt32(buffer.count))
        }
        guard let collection else { throw failure("multipolygon creation") }
        return GEOSGeometry(collection, in: self)
    }

    private func linearRing(_ ring: Ring) throws(GeometryError) -> OpaquePointer {
        let flat = ring.points.flatMap { [$0.x, $0.y] }
        guard let sequence = GEOSCoordSeq_copyFromBuffer_r(handle, flat, UInt32(ring.points.count), 0, 0),
            let created = GEOSGeom_createLinearRing_r(handle, sequence)
        else { throw failure("ring creation") }
        return created
    }

    /// Reads a GEOS (multi)polygon or collection of them back into value types.
    func multiPolygon(_ geometry: OpaquePointer) throws(GeometryError) -> MultiPolygon {
        var result = MultiPolygon()
        let type = GEOSGeomTypeId_r(handle, geometry)
        if type == Int32(GEOS_POLYGON.rawValue) {
            if GEOSisEmpty_r(handle, geometry) == 0 { result.polygons.append(try polygon(geometry)) }
            return result
        }
        guard type == Int32(GEOS_MULTIPOLYGON.rawValue) || type == Int32(GEOS_GEOMETRYCOLLECTION.rawValue) else {
            return result
        }
        for index in 0..<GEOSGetNumGeometries_r(handle, geometry) {
            guard let part = GEOSGetGeometryN_r(handle, geometry, index) else { continue }
            result.polygons += try multiPolygon(part).polygons
        }
        return result
    }

    private func polygon(_ geometry: OpaquePointer) throws(GeometryError) -> Polygon {
        guard let exterior = GEOSGetExteriorRing_r(handle, geometry) else { throw failure("reading exterior ring") }
        var holes: [Ring] = []
        for index in 0..<max(0, GEOSGetNumInteriorRings_r(handle, geometry)) {
            guard let hole = GEOSGetInteriorRingN_r(handle, geometry, index) else { throw failure("reading hole") }
            holes.append(try ring(hole))
        }
        return Polygon(exterior: try ring(exterior), holes: holes)
    }

    private func ring(_ geometry: OpaquePointer) throws(GeometryError) -> Ring {
        guard let sequence = GEOSGeom_getCoordSeq_r(handle, geometry) else { throw failure("reading coordinates") }
        var size: UInt32 = 0
        GEOSCoordSeq_getSize_r(handle, sequence, &size)
        var flat = [Double](repeating: 0, count: Int(size) * 2)
        guard GEOSCoordSeq_copyToBuffer_r(handle, sequence, &flat, 0, 0) != 0 else { throw failure("copying coordinates") }
        return Ring(points: (0..<Int(size)).map { MapPoint(x: flat[2 * $0], y: flat[2 * $0 + 1]) })
    }
}

/// A GEOS geometry destroyed with this wrapper; lives only as long as its context's operation.
final class GEOSGeometry {
    let raw: OpaquePointer
    private let context: GEOSContext

    init(_ raw: OpaquePointer, in context: GEOSContext) {
        self.raw = raw
        self.context = context
    }

    deinit { GEOSGeom_destroy_r(context.handle, raw) }
}
