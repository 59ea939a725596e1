import CPROJ
import Foundation

/// A coordinate operation PROJ could not set up or carry out.
public struct ProjectionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}

/// A transformation between two coordinate reference systems (any PROJ definition: `EPSG:4326`, WKT, …).
/// Axis order is always x = east/longitude, y = north/latitude.
public struct CoordinateTransform: Sendable {
    public let source: String
    public let target: String

    public init(from source: String, to target: String) {
        self.source = source
        self.target = target
    }

    /// Transforms `points`; throws when PROJ cannot transform one of them.
    public func apply(_ points: [MapPoint]) throws(ProjectionError) -> [MapPoint] {
        var xs = points.map(\.x), ys = points.map(\.y)
        try apply(xs: &xs, ys: &ys)
        return zip(xs, ys).map { MapPoint(x: $0, y: $1) }
    }

    /// Transforms coordinates in place, in one batch.
    public func apply(xs: inout [Double], ys: inout [Double]) throws(ProjectionError) {
        precondition(xs.count == ys.count, "x and y arrays differ in length")
        try ProjOperation.ofThisThread(source: source, target: target).transform(xs: &xs, ys: &ys)
    }

    /// The inverse transformation.
    public var inverse: CoordinateTransform { CoordinateTransform(from: target, to: source) }
}

/// A PROJ context and operation, destroyed with this object; used by the one thread that made it.
final class ProjOperation {
    /// The operation from `source` to `target` of the calling thread, made on its first use there. Setting one up
    /// queries PROJ's database, about 5.5 million instructions, and a footprint run transforms a batch per site.
    static func ofThisThread(source: String, target: String) throws(ProjectionError) -> ProjOperation {
        let threadDictionary = Thread.current.threadDictionary
        let cache: ProjOperations
        if let existing = threadDictionary[ProjOperations.key] as? ProjOperations {
            cache = existing
        } else {
            cache = ProjOperations()
            threadDictionary[ProjOperations.key] = cache
        }
        let pair = source + "\u{0}" + target
        if let operation = cache.byPair[pair] { return operation }
        let operation = try ProjOperation(source: source, target: target)
        cache.byPair[pair] = operation
        return operation
    }

    private let context: OpaquePointer
    private let operation: OpaquePointer
    private let source: String
    private let target: String

    init(source: String, target: String) throws(ProjectionError) {
        guard let context = proj_context_create() else { throw ProjectionError(message: "PROJ context unavailable") }
        self.context = context
        self.source = source
        self.target = target
        guard let raw = proj_create_crs_to_crs(context, source, target, nil) else {
            let reason = Self.describe(context)
            proj_context_destroy(context)
            throw ProjectionError(message: "no transformation from \(Self.short(source)) to \(Self.short(target)): \(reason)")
        }
        guard let normalized = proj_normalize_for_visualization(context, raw) else {
            proj_destroy(raw)
            let reason = Self.describe(context)
            proj_context_destroy(context)
            throw ProjectionError(message: "cannot normalise axis order: \(reason)")
        }
        proj_destroy(raw)
        operation = normalized
    }

    deinit {
        proj_destroy(operation)
        proj_context_destroy(context)
    }

    func transform(xs: inout [Double], ys: inout [Double]) throws(ProjectionError) {
        let count = xs.count
        guard count > 0 else { return }
        let stride = MemoryLayout<Double>.stride
        xs.withUnsafeMutableBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                _ = proj_trans_generic(
                    operation, PJ_FWD, x.baseAddress, stride, count, y.baseAddress, stride, count, nil, 0, 0, nil, 0, 0
                )
            }
        }
        if let bad = xs.indices.first(where: { !xs[$0].isFinite || !ys[$0].isFinite }) {
            throw ProjectionError(
                message: "point \(bad) cannot be transformed from \(Self.short(source)) to \(Self.short(target))"
            )
        }
    }

    private static func describe(_ context: OpaquePointer) -> String {
        let code = proj_context_errno(context)
        guard code != 0, let text = proj_context_errno_string(context, code) else { return "unknown PROJ error" }
        return String(cString: text)
    }

    private static func short(_ crs: String) -> String {
        crs.count <= 40 ? crs : String(crs.prefix(37)) + "..."
    }
}

/// One thread's PROJ operations by source and target, kept in its thread dictionary (PROJ objects must not cross
/// threads); they are destroyed with the thread.
private final class ProjOperations {
    static let key = "PhuSong.ProjOperations"
    var byPair: [String: ProjOperation] = [:]
}

/// Universal Transverse Mercator zones on WGS84.
public enum UTM {
    /// The EPSG code of the standard UTM zone holding `point` (326xx north, 327xx south).
    public static func epsg(for point: GeoPoint) -> Int {
        let zone = min(max(Int(((point.longitude + 180) / 6).rounded(.down)) + 1, 1), 60)
        return (point.latitude >= 0 ? 32600 : 32700) + zone
    }
}

/// The PROJ name of WGS84 geographic coordinates.
public let wgs84 = "EPSG:4326"
