@testable import Geometry
import Terrain
import Testing

@Suite("Banded GEOS union of footprints traced on one grid")
struct BandedUnionTests {
    /// A speckled disc traced from a mask on a 240 × 160 grid: islands and holes, as ITM footprints have.
    func speckledDisc(column: Double, row: Double, radius: Double, salt: Int) -> MultiPolygon {
        let (width, height) = (240, 160)
        let mask = (0..<(width * height)).map { index -> Bool in
            let dx = Double(index % width) - column, dy = Double(index / width) - row
            let speckle = (index &* 2_654_435_761 &+ salt &* 40_503) >> 7 % 7 == 0
            return dx * dx + dy * dy <= radius * radius && !speckle
        }
        return MaskTracer(cornerX: 274_993.899174843507353, cornerY: 4_954_843.894269011914730, spacing: 92.662566861277426)
            .polygons(of: mask, width: width, height: height)
    }

    var footprints: [MultiPolygon] {
        [(50.0, 60.0, 45.0), (110, 80, 50), (170, 70, 40), (90, 120, 30), (200, 120, 35), (130, 40, 25)].enumerated().map {
            speckledDisc(column: $1.0, row: $1.1, radius: $1.2, salt: $0)
        }
    }

    @Test("Bands, chosen or the public ones, give GEOS's whole union exactly: same polygons, no difference either way, valid")
    func sameRegion() throws {
        let parts = footprints
        let whole = try GeometryOperations.union(parts)
        let xs = parts.flatMap { $0.polygons.flatMap(\.exterior.points) }.map(\.x).sorted()
        let seams = [xs[xs.count / 4], xs[xs.count / 2], xs[xs.count * 3 / 4]]
        let banded = try GeometryOperations.bandedUnion(parts, seams: seams)
        let crossing = whole.polygons.filter { polygon in
            let x = polygon.exterior.points.map(\.x)
            return seams.contains { x.min()! < $0 && $0 < x.max()! }
        }
        #expect(!crossing.isEmpty, "the seams cut through polygons of the union")
        let holes = whole.polygons.reduce(0) { $0 + $1.holes.count }
        #expect(whole.polygons.count > 5 && holes > 100, "a fragmented union (\(whole.polygons.count) polygons, \(holes) holes)")
        try expectSameRegion(banded, as: whole)
        try expectSameRegion(try GeometryOperations.unionOfAxisParallel(parts), as: whole)
    }

    /// Same polygons, no area in either difference, valid.
    func expectSameRegion(_ union: MultiPolygon, as whole: MultiPolygon) throws {
        #expect(union.polygons.count == whole.polygons.count)
        #expect(try GeometryOperations.difference(whole, union).area < 1e-6)
        #expect(try GeometryOperations.difference(union, whole).area < 1e-6)
        #expect(abs(union.area - whole.area) / whole.area < 1e-12)
        #expect(try GeometryOperations.invalidityReason(union) == nil)
    }

    @Test("One footprint is its own union; none, an empty one")
    func trivialInputs() throws {
        let one = speckledDisc(column: 100, row: 80, radius: 40, salt: 9)
        let union = try GeometryOperations.unionOfAxisParallel([one])
        #expect(abs(union.area - one.area) / one.area < 1e-12)
        #expect(try GeometryOperations.unionOfAxisParallel([]).isEmpty)
    }
}
