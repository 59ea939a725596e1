import Terrain

/// A closed ring of map points; the first point is repeated at the end.
public struct Ring: Sendable, Equatable {
    public var points: [MapPoint]

    public init(points: [MapPoint]) {
        self.points = points
    }

    /// Shoelace area: positive when the ring runs counter-clockwise (y up). Coordinates are taken relative
    /// to the first point, so large projected coordinates lose no precision.
    public var signedArea: Double {
        guard points.count > 3 else { return 0 }
        let origin = points[0]
        var twice = 0.0
        for index in 1..<(points.count - 2) {
            let a = points[index], b = points[index + 1]
            twice += (a.x - origin.x) * (b.y - origin.y) - (b.x - origin.x) * (a.y - origin.y)
        }
        return twice / 2
    }
}

/// A polygon: one exterior ring (counter-clockwise) and any number of holes (clockwise).
public struct Polygon: Sendable, Equatable {
    public var exterior: Ring
    public var holes: [Ring]

    public init(exterior: Ring, holes: [Ring] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    public var area: Double { abs(exterior.signedArea) - holes.reduce(0) { $0 + abs($1.signedArea) } }
}

/// A set of polygons with disjoint interiors, in one planar CRS (areas in its units squared).
public struct MultiPolygon: Sendable, Equatable {
    public var polygons: [Polygon]

    public init(polygons: [Polygon] = []) {
        self.polygons = polygons
    }

    public var isEmpty: Bool { polygons.isEmpty }

    public var area: Double { polygons.reduce(0) { $0 + $1.area } }
}

extension MultiPolygon {
    /// The same polygons with every vertex transformed (all in one PROJ batch).
    public func transformed(by transform: CoordinateTransform) throws(ProjectionError) -> MultiPolygon {
        var moved = try transform.apply(polygons.flatMap { ([$0.exterior] + $0.holes).flatMap(\.points) }).makeIterator()
        return mapped { _ in moved.next()! }
    }

    /// The same polygons with `body` applied to every vertex, exterior first, in order.
    public func mapped(_ body: (MapPoint) -> MapPoint) -> MultiPolygon {
        func ring(_ source: Ring) -> Ring { Ring(points: source.points.map(body)) }
        return MultiPolygon(polygons: polygons.map { polygon in
            let exterior = ring(polygon.exterior)
            return Polygon(exterior: exterior, holes: polygon.holes.map(ring))
        })
    }
}
