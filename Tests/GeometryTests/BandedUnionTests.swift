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

    func vertexCount(_ shape: MultiPolygon) -> Int {
        shape.polygons.reduce(0) { $0 + $1.exterior.points.count + $1.holes.reduce(0) { $0 + $1.points.count } }
    }

    func hasStraightVertex(_ ring: Ring) -> Bool {
        let open = Array(ring.points.dropLast())
        return open.indices.contains { index in
            let before = open[(index + open.count - 1) % open.count], point = open[index], after = open[(index + 1) % open.count]
            return (before.x == point.x && point.x == after.x) || (before.y == point.y && point.y == after.y)
        }
    }

    @Test("Bands give GEOS's whole union exactly: same polygons, no difference either way, valid")
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
        #expect(banded.polygons.count == whole.polygons.count)
        #expect(try GeometryOperations.difference(whole, banded).area < 1e-6)
        #expect(try GeometryOperations.difference(banded, whole).area < 1e-6)
        #expect(abs(banded.area - whole.area) / whole.area < 1e-12)
        #expect(try GeometryOperations.invalidityReason(banded) == nil)
    }

    @Test("The public union drops the seams' vertices and GEOS's straight-run ones, keeping every corner")
    func straightened() throws {
        let parts = footprints
        let whole = try GeometryOperations.union(parts)
        let union = try GeometryOperations.unionOfAxisParallel(parts)
        let rings = union.polygons.flatMap { [$0.exterior] + $0.holes }
        #expect(whole.polygons.flatMap { [$0.exterior] + $0.holes }.contains(where: hasStraightVertex), "GEOS keeps some")
        #expect(!rings.contains(where: hasStraightVertex))
        #expect(vertexCount(union) < vertexCount(whole))
        #expect(try GeometryOperations.difference(whole, union).area < 1e-6)
        #expect(try GeometryOperations.difference(union, whole).area < 1e-6)
        #expect(try GeometryOperations.invalidityReason(union) == nil)
    }

    @Test("Straight-run vertices of a ring go, corners stay, the ring stays closed")
    func ringStraightening() {
        func ring(_ points: [(Double, Double)]) -> Ring { Ring(points: points.map { MapPoint(x: $0.0, y: $0.1) }) }
        // An L shape with extra vertices on two edges, one of them at the ring's start.
        let shape = ring([(1, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2), (0, 1), (0, 0), (1, 0)])
        #expect(shape.withoutStraightVertices() == ring([(2, 0), (2, 1), (1, 1), (1, 2), (0, 2), (0, 0), (2, 0)]))
        let square = ring([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)])
        #expect(square.withoutStraightVertices() == square)
    }

    @Test("One footprint is its own union; none, an empty one")
    func trivialInputs() throws {
        let one = speckledDisc(column: 100, row: 80, radius: 40, salt: 9)
        let union = try GeometryOperations.unionOfAxisParallel([one])
        #expect(abs(union.area - one.area) / one.area < 1e-12)
        #expect(try GeometryOperations.unionOfAxisParallel([]).isEmpty)
    }
}
