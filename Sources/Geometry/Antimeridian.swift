import Terrain

extension MultiPolygon {
    /// A shape in longitude/latitude degrees cut at the antimeridian as RFC 7946 (§3.1.9) asks: a footprint that
    /// crosses it (a ring steps by more than 180° of longitude) becomes its part east of it, up to 180°, and its
    /// part west of it, from −180°; any other shape is returned as it is.
    public func cutAtAntimeridian() throws(GeometryError) -> MultiPolygon {
        let rings = polygons.flatMap { [$0.exterior] + $0.holes }
        let crosses = rings.contains { ring in zip(ring.points, ring.points.dropFirst()).contains { abs($0.x - $1.x) > 180 } }
        guard crosses else { return self }
        // Longitudes made continuous across 180° (−179° becomes 181°), then cut there with GEOS.
        let continuous = mapped { MapPoint(x: $0.x < 0 ? $0.x + 360 : $0.x, y: $0.y) }
        let east = try GeometryOperations.intersection(continuous, .box(minX: 0, maxX: 180))
        let west = try GeometryOperations.intersection(continuous, .box(minX: 180, maxX: 360))
        return MultiPolygon(polygons: east.polygons + west.mapped { MapPoint(x: $0.x - 360, y: $0.y) }.polygons)
    }

    /// A longitude band from pole to pole.
    private static func box(minX: Double, maxX: Double) -> MultiPolygon {
        let corners = [(minX, -90.0), (maxX, -90.0), (maxX, 90.0), (minX, 90.0), (minX, -90.0)]
        return MultiPolygon(polygons: [Polygon(exterior: Ring(points: corners.map { MapPoint(x: $0.0, y: $0.1) }))])
    }
}
