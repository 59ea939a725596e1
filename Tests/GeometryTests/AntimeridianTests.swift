import Geometry
import Terrain
import Testing

@Suite("Cutting at the antimeridian (RFC 7946)")
struct AntimeridianTests {
    func square(_ corners: [(Double, Double)]) -> MultiPolygon {
        MultiPolygon(polygons: [Polygon(exterior: Ring(points: (corners + [corners[0]]).map { MapPoint(x: $0.0, y: $0.1) }))])
    }

    @Test("A square from 179.5° E to 179.5° W becomes two halves of 0.5 deg², one each side, touching ±180°")
    func crossing() throws {
        let cut = try square([(179.5, 10), (-179.5, 10), (-179.5, 11), (179.5, 11)]).cutAtAntimeridian()
        #expect(cut.polygons.count == 2)
        let parts = cut.polygons.map { polygon in (polygon.area, polygon.exterior.points.map(\.x)) }
        for (area, longitudes) in parts {
            #expect(abs(area - 0.5) < 1e-9)
            #expect(longitudes.allSatisfy { $0 >= 179.5 } || longitudes.allSatisfy { $0 <= -179.5 })
            #expect(longitudes.contains(180) || longitudes.contains(-180))
        }
    }

    @Test("A shape that does not cross it is returned as it is")
    func notCrossing() throws {
        let shape = square([(179, 10), (179.9, 10), (179.9, 11), (179, 11)])
        #expect(try shape.cutAtAntimeridian() == shape)
    }
}
