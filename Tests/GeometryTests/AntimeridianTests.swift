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

    @Test("A ring around the pole that first turns back west of its start is closed from its vertex nearest the pole")
    func aroundThePoleFromAnyStart() throws {
        // Starting at 0°, the ring steps west to −10° and then runs east: a closing meridian at 0° would cross
        // the edge from −10° to 90°; from (−10°, 89.6°), the nearest the pole, it crosses nothing.
        let ring = [(0.0, 89.0), (-10, 89.6), (90, 89.2), (180, 89.2), (-90, 89.2)]
        let cut = try square(ring).cutAtAntimeridian()
        let cap = try square([(-10, 89.6), (90, 89.2), (180, 89.2), (-90, 89.2), (0, 89.0)]).cutAtAntimeridian()
        #expect(abs(cut.area - cap.area) < 1e-9 && cut.area > 200, "\(cut.area) deg² against \(cap.area)")
        for polygon in cut.polygons {
            #expect(try GeometryOperations.invalidityReason(MultiPolygon(polygons: [polygon])) == nil)
            #expect(polygon.exterior.points.allSatisfy { (-180...180).contains($0.x) })
        }
    }

    @Test("A shape that does not cross it is returned as it is")
    func notCrossing() throws {
        let shape = square([(179, 10), (179.9, 10), (179.9, 11), (179, 11)])
        #expect(try shape.cutAtAntimeridian() == shape)
    }
}
