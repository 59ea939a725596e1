import Geometry
import Terrain
import TestSupport
import Testing

@Suite("Coverage masks to polygons")
struct MaskTracerTests {
    let tracer = MaskTracer(cornerX: 500_000, cornerY: 2_500_000, spacing: 30)

    /// The mask's covered cells as unit squares, unioned by GEOS: an independent construction.
    func cellSquares(_ mask: [Bool], width: Int) throws -> MultiPolygon {
        let squares = mask.indices.filter { mask[$0] }.map { index -> MultiPolygon in
            let x = 500_000 + Double(index % width) * 30, y = 2_500_000 - Double(index / width) * 30
            let ring = Ring(points: [
                MapPoint(x: x, y: y - 30), MapPoint(x: x + 30, y: y - 30), MapPoint(x: x + 30, y: y),
                MapPoint(x: x, y: y), MapPoint(x: x, y: y - 30),
            ])
            return MultiPolygon(polygons: [Polygon(exterior: ring)])
        }
        return try GeometryOperations.union(squares)
    }

    @Test("Random masks: valid geometry, exact cell area, identical to the union of the cells, the same from runs anywhere on a grid", arguments: 1...12)
    func randomMasks(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed))
        let width = 23, height = 17
        let density = [0.2, 0.5, 0.8][seed % 3]
        let mask = (0..<(width * height)).map { _ in Double.random(in: 0..<1, using: &generator) < density }
        let traced = tracer.polygons(of: mask, width: width, height: height)
        #expect(try GeometryOperations.invalidityReason(traced) == nil)
        #expect(traced.area == Double(mask.filter { $0 }.count) * 900)
        let reference = try cellSquares(mask, width: width)
        #expect(try GeometryOperations.difference(traced, reference).area == 0)
        #expect(try GeometryOperations.difference(reference, traced).area == 0)
        // The same cells as runs of a window elsewhere on a grid (as footprints are traced): the same polygons.
        let runs = CellRuns(mask: mask, width: width, height: height, column: 37 + seed, row: 11)
        #expect(tracer.polygons(of: runs, column: 37 + seed, width: width, height: height) == traced)
    }

    @Test("An annulus keeps its hole; an island inside the hole is its own polygon")
    func holesKept() throws {
        let width = 9
        let mask = (0..<81).map { index -> Bool in
            let column = index % width, row = index / width
            let ring = max(abs(column - 4), abs(row - 4))
            return ring == 3 || ring == 0
        }
        let traced = tracer.polygons(of: mask, width: width, height: 9)
        #expect(traced.polygons.count == 2)
        #expect(traced.polygons.map(\.holes.count).sorted() == [0, 1])
        #expect(traced.area == 25 * 900)
        #expect(try GeometryOperations.invalidityReason(traced) == nil)
    }

    @Test("Cells touching only at corners (a checkerboard) give valid separate polygons")
    func checkerboard() throws {
        let mask = (0..<36).map { ($0 % 6 + $0 / 6) % 2 == 0 }
        let traced = tracer.polygons(of: mask, width: 6, height: 6)
        #expect(traced.polygons.count == 18)
        #expect(try GeometryOperations.invalidityReason(traced) == nil)
    }

    @Test("Straight edges keep only their corners")
    func collinearDropped() {
        let traced = tracer.polygons(of: [Bool](repeating: true, count: 50), width: 10, height: 5)
        #expect(traced.polygons.count == 1 && traced.polygons[0].exterior.points.count == 5)
        #expect(traced.polygons[0].exterior.signedArea > 0)
    }
}
