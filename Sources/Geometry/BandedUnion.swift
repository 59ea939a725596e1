import CGEOS
import Terrain

extension GeometryOperations {
    /// Vertical bands of `unionOfAxisParallel`: a fixed number, so that the result does not depend on the machine.
    static let unionBands = 8

    /// The union of polygons whose edges all run along the axes — footprints traced on one grid — by GEOS in
    /// vertical bands at once: every polygon is clipped to the bands it crosses, each band is unioned on its own
    /// core, and only the polygons reaching a seam are unioned again. The same region as `union`, exactly: a seam
    /// meets axis-parallel edges at points whose coordinates the edges already have. Should GEOS fail on a band
    /// (clipping does not promise valid pieces), the whole union is done at once instead. Seams add vertices
    /// inside straight edges; they stay.
    public static func unionOfAxisParallel(_ parts: [MultiPolygon]) throws(GeometryError) -> MultiPolygon {
        let seams = parts.count > 1 ? balancedSeams(parts, count: unionBands - 1) : []
        guard !seams.isEmpty, let banded = try? bandedUnion(parts, seams: seams) else { return try union(parts) }
        return banded
    }

    /// The banded union with seams at the given x coordinates (increasing).
    static func bandedUnion(_ parts: [MultiPolygon], seams: [Double]) throws(GeometryError) -> MultiPolygon {
        let extents = parts.map(bounds)
        let edges = [-Double.infinity] + seams + [Double.infinity]
        let bands = parallelMap(count: edges.count - 1, chunkSize: 1) { band in
            Result(catching: { () throws(GeometryError) -> MultiPolygon in
                let (west, east) = (edges[band], edges[band + 1])
                var pieces: [MultiPolygon] = []
                for (part, extent) in zip(parts, extents) {
                    guard let extent, extent.maxX > west && extent.minX < east else { continue }
                    pieces.append(extent.minX >= west && extent.maxX <= east ? part : try clip(part, extent, west: west, east: east))
                }
                return try union(pieces)
            })
        }
        var inside: [Polygon] = [], atSeams: [Polygon] = []
        for (band, result) in bands.enumerated() {
            for polygon in try result.get().polygons {
                let reachesSeam = MapBounds(enclosing: polygon.exterior.points).map { extent in
                    (band > 0 && extent.minX <= edges[band]) || (band < seams.count && extent.maxX >= edges[band + 1])
                } ?? false
                if reachesSeam { atSeams.append(polygon) } else { inside.append(polygon) }
            }
        }
        return MultiPolygon(polygons: inside + (try union([MultiPolygon(polygons: atSeams)]).polygons))
    }

    /// The part of `shape` (within `extent`) between two vertical lines.
    private static func clip(_ shape: MultiPolygon, _ extent: MapBounds, west: Double, east: Double) throws(GeometryError) -> MultiPolygon {
        try unary(shape, name: "clip") {
            GEOSClipByRect_r($0, $1, max(west, extent.minX), extent.minY - 1, min(east, extent.maxX), extent.maxY + 1)
        }
    }

    /// The bounding box of a shape's exterior rings; nil for an empty shape.
    private static func bounds(_ shape: MultiPolygon) -> MapBounds? {
        shape.polygons.compactMap { MapBounds(enclosing: $0.exterior.points) }.reduce(nil) { $0?.union($1) ?? $1 }
    }

    /// Up to `count` distinct x coordinates of vertices that split the vertices into equal shares (from at most
    /// 2¹⁶ of them, evenly strided).
    private static func balancedSeams(_ parts: [MultiPolygon], count: Int) -> [Double] {
        let vertices = parts.reduce(0) { $0 + $1.polygons.reduce(0) { $0 + $1.exterior.points.count } }
        let stride = max(1, vertices / 65_536)
        var xs: [Double] = []
        var index = 0
        for part in parts {
            for polygon in part.polygons {
                for point in polygon.exterior.points {
                    if index % stride == 0 { xs.append(point.x) }
                    index += 1
                }
            }
        }
        xs.sort()
        guard let first = xs.first, let last = xs.last else { return [] }
        let quantiles = (1...count).map { xs[xs.count * $0 / (count + 1)] }
        return Array(Set(quantiles)).sorted().filter { $0 > first && $0 < last }
    }
}
