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

    @Test("A ring around the North Pole at 89° becomes the cap 89°–90° from −180° to 180°, in pieces that do not cross")
    func aroundThePole() throws {
        let ring = [(0.0, 89.0), (90, 89), (180, 89), (-90, 89)]
        let cut = try square(ring).cutAtAntimeridian()
        #expect(abs(cut.area - 360) < 1e-9, "\(cut.area) deg²")
        for polygon in cut.polygons {
            let longitudes = polygon.exterior.points.map(\.x)
            #expect(longitudes.allSatisfy { (-180...180).contains($0) } && longitudes.max()! - longitudes.min()! <= 180)
            #expect(polygon.exterior.points.contains { $0.y == 90 })
        }
    }

    @Test("A shape that does not cross it is returned as it is")
    func notCrossing() throws {
        let shape = square([(179, 10), (179.9, 10), (179.9, 11), (179, 11)])
        #expect(try shape.cutAtAntimeridian() == shape)
    }
}
