import Foundation
import Geometry
import Terrain
import Testing

@Suite("GEOS union and areas")
struct UnionAreaTests {
    /// A disc of `radius` cells traced from a mask, as a coverage footprint would be.
    func disc(centreColumn: Double, centreRow: Double, radius: Double, size: Int = 120) -> MultiPolygon {
        let mask = (0..<(size * size)).map { index -> Bool in
            let dx = Double(index % size) - centreColumn, dy = Double(index / size) - centreRow
            return dx * dx + dy * dy <= radius * radius
        }
        return MaskTracer(cornerX: 300_000, cornerY: 4_900_000, spacing: 92.66).polygons(of: mask, width: size, height: size)
    }

    @Test("Union area of two overlapping footprints = area(A) + area(B) − area(A∩B) within 1e-6")
    func inclusionExclusion() throws {
        let a = disc(centreColumn: 45, centreRow: 50, radius: 30)
        let b = disc(centreColumn: 70, centreRow: 60, radius: 35)
        let union = try GeometryOperations.area(try GeometryOperations.union([a, b]))
        let overlap = try GeometryOperations.area(try GeometryOperations.intersection(a, b))
        let expected = try GeometryOperations.area(a) + GeometryOperations.area(b) - overlap
        #expect(overlap > 0)
        #expect(abs(union - expected) / expected < 1e-6)
    }

    @Test("Swift shoelace areas equal GEOS areas; disjoint footprints do not overlap")
    func areasAgree() throws {
        let a = disc(centreColumn: 20, centreRow: 20, radius: 15)
        let b = disc(centreColumn: 90, centreRow: 90, radius: 20)
        #expect(abs(try GeometryOperations.area(a) - a.area) / a.area < 1e-12)
        #expect(try GeometryOperations.intersection(a, b).isEmpty)
        #expect(abs(try GeometryOperations.union([a, b]).area - a.area - b.area) / a.area < 1e-12)
    }
}
