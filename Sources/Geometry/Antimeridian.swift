import Foundation
import Terrain

extension MultiPolygon {
    /// A shape in longitude/latitude degrees cut at the antimeridian as RFC 7946 (§3.1.9) asks: a polygon that
    /// crosses it (a ring steps by more than 180° of longitude) becomes its parts within −180°…180°, none
    /// crossing it; a ring around a pole is closed along the pole's latitude. Any other shape is returned as it is.
    public func cutAtAntimeridian() throws(GeometryError) -> MultiPolygon {
        let rings = polygons.flatMap { [$0.exterior] + $0.holes }
        let crosses = rings.contains { ring in zip(ring.points, ring.points.dropFirst()).contains { abs($0.x - $1.x) > 180 } }
        guard crosses else { return self }
        var parts: [Polygon] = []
        for polygon in polygons {
            // Longitudes made continuous (−179° after 179° becomes 181°), holes beside their exterior, then the
            // polygon cut into the world's copies west of, on and east of −180°…180°, each moved back onto it.
            let exterior = Self.continuous(polygon.exterior, near: polygon.exterior.points[0].x)
            let holes = polygon.holes.map { Self.continuous($0, near: exterior.points[0].x) }
            let whole = MultiPolygon(polygons: [Polygon(exterior: exterior, holes: holes)])
            for offset in [-360.0, 0, 360] {
                let piece = try GeometryOperations.intersection(whole, .band(minX: -180 - offset, maxX: 180 - offset))
                parts += piece.mapped { MapPoint(x: $0.x + offset, y: $0.y) }.polygons
            }
        }
        return MultiPolygon(polygons: parts)
    }

    /// The ring with no step of more than 180° of longitude, starting within 180° of `reference`. A ring that
    /// comes back 360° away from its start goes around a pole: it is closed along that pole's latitude, from
    /// its vertex nearest the pole, whose meridian to the pole crosses no edge of the ring.
    private static func continuous(_ ring: Ring, near reference: Double) -> Ring {
        var points = unwrapped(ring.points, near: reference)
        guard let start = points.first, let end = points.last, abs(end.x - start.x) > 180 else { return Ring(points: points) }
        let north = points.reduce(0) { $0 + $1.y } > 0
        let open = ring.points.dropLast()
        let nearest = (north ? open.indices.max { open[$0].y < open[$1].y } : open.indices.min { open[$0].y < open[$1].y })!
        points = unwrapped(Array(open[nearest...] + open[..<nearest]) + [open[nearest]], near: reference)
        let pole: Double = north ? 90 : -90
        return Ring(points: points + [MapPoint(x: points.last!.x, y: pole), MapPoint(x: points[0].x, y: pole), points[0]])
    }

    /// `points` with each longitude moved by whole turns to within 180° of the one before, the first to within
    /// 180° of `reference`.
    private static func unwrapped(_ points: [MapPoint], near reference: Double) -> [MapPoint] {
        guard let first = points.first else { return points }
        var shift = ((reference - first.x) / 360).rounded() * 360
        var result: [MapPoint] = []
        for point in points {
            var x = point.x + shift
            if let previous = result.last?.x {
                let turns = ((previous - x) / 360).rounded() * 360
                x += turns
                shift += turns
            }
            result.append(MapPoint(x: x, y: point.y))
        }
        return result
    }

    /// A longitude band from pole to pole.
    private static func band(minX: Double, maxX: Double) -> MultiPolygon {
        let corners = [(minX, -90.0), (maxX, -90.0), (maxX, 90.0), (minX, 90.0), (minX, -90.0)]
        return MultiPolygon(polygons: [Polygon(exterior: Ring(points: corners.map { MapPoint(x: $0.0, y: $0.1) }))])
    }
}
