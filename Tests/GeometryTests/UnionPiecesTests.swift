import Coverage
@testable import Geometry
import Terrain
import Testing

@Suite("What each footprint adds to a union")
struct UnionPiecesTests {
    let grid = TerrainGrid(
        epsg: 32619, width: 160, height: 120, spacing: 92.66, cornerX: 275_000, cornerY: 4_955_000,
        elevations: [Float](repeating: 300, count: 160 * 120), isSynthetic: true
    )

    /// A footprint traced on a window of the grid; `covered` takes grid columns and rows.
    func footprint(_ id: String, column: Int, row: Int, width: Int, height: Int, covered: (Int, Int) -> Bool) -> SiteFootprint {
        let power = (0..<(width * height)).map { index -> Float in
            covered(column + index % width, row + index / width) ? -80 : -120
        }
        let site = Site(
            id: id, location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 900,
            eirpDBm: 60, technology: .gsm
        )
        let coverage = SiteCoverage(
            site: site, threshold: -95, column: column, row: row, width: width, height: height, power: power, warnings: []
        )
        return SiteFootprint(coverage: coverage, grid: grid)
    }

    func inDisc(_ column: Int, _ row: Int, x: Int, y: Int, radius: Int) -> Bool {
        (column - x) * (column - x) + (row - y) * (row - y) <= radius * radius
    }

    func holeCount(_ shape: MultiPolygon) -> Int { shape.polygons.reduce(0) { $0 + $1.holes.count } }

    /// The union of `pieces` is the region of the union of the footprints themselves, by GEOS both ways, and its
    /// area is that of the cells any footprint covers. One cell is 8,586 m²; overlaying two unions leaves slivers of
    /// about 10⁻⁶ m² from rounding, so a tolerance of 10⁻³ m² tells a cell from rounding.
    func expectSameUnion(_ footprints: [SiteFootprint], _ pieces: [MultiPolygon]) throws {
        let whole = try GeometryOperations.union(footprints.map(\.shape))
        let reduced = try GeometryOperations.union(pieces)
        let missing = try GeometryOperations.difference(whole, reduced).area
        let extra = try GeometryOperations.difference(reduced, whole).area
        #expect(missing < 1e-3 && extra < 1e-3, "\(missing) m² of the union missing, \(extra) m² outside it")
        let cells = Set(footprints.flatMap { $0.cells.cellIndices(gridWidth: grid.width) })
        #expect(abs(reduced.area - Double(cells.count) * grid.spacing * grid.spacing) < 1e-3)
    }

    @Test("A hole another footprint covers is filled, an island it covers last is dropped, the rest stays")
    func fillsAndDrops() throws {
        // A: a ring around a hole of radius 6 at (40, 40), an island at (75, 40), and a hole at (25, 40) that B
        // covers only partly. B, later: a disc over the first hole and the island, not over A's far side.
        let a = footprint("A", column: 0, row: 0, width: 90, height: 80) { column, row in
            let ring = inDisc(column, row, x: 40, y: 40, radius: 25) && !inDisc(column, row, x: 40, y: 40, radius: 6)
            return (ring && !inDisc(column, row, x: 25, y: 40, radius: 4)) || inDisc(column, row, x: 75, y: 40, radius: 3)
        }
        let b = footprint("B", column: 20, row: 10, width: 80, height: 60) { column, row in
            inDisc(column, row, x: 55, y: 40, radius: 24) || inDisc(column, row, x: 24, y: 40, radius: 2)
        }
        #expect(holeCount(a.shape) == 2 && a.shape.polygons.count == 2)
        let pieces = UnionPieces([a, b]).pieces
        #expect(pieces[0].polygons.count == 1, "the island B covers is dropped")
        #expect(holeCount(pieces[0]) == 1, "the hole B covers is filled; the one it covers partly stays")
        #expect(pieces[1] == b.shape, "the last footprint keeps every piece it has")
        try expectSameUnion([a, b], pieces)
        let union = try FootprintAnalysis(footprints: [a, b]).union
        #expect(abs(union.area - (try GeometryOperations.union([a.shape, b.shape]).area)) < 1e-3)
        #expect(try GeometryOperations.invalidityReason(union) == nil)
    }

    @Test("A footprint another covers entirely adds nothing; the order decides which of two equal ones stays")
    func coveredFootprint() throws {
        let small = footprint("small", column: 20, row: 20, width: 30, height: 30) { inDisc($0, $1, x: 35, y: 35, radius: 10) }
        let large = footprint("large", column: 10, row: 10, width: 60, height: 60) { inDisc($0, $1, x: 40, y: 40, radius: 25) }
        let twin = footprint("twin", column: 10, row: 10, width: 60, height: 60) { inDisc($0, $1, x: 40, y: 40, radius: 25) }
        let pieces = UnionPieces([small, large, twin]).pieces
        #expect(pieces[0].isEmpty && pieces[1].isEmpty)
        #expect(pieces[2] == twin.shape)
        try expectSameUnion([small, large, twin], pieces)
    }

    @Test("Speckled footprints overlapping at random: the same union with fewer rings", arguments: 1...6)
    func speckled(seed: Int) throws {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        let footprints = (0..<5).map { index -> SiteFootprint in
            let (column, row) = (next() % 80, next() % 50)
            let (x, y, radius) = (column + 35, row + 35, 20 + next() % 12)
            let salt = next()
            return footprint("S\(index)", column: column, row: row, width: 70, height: 70) { c, r in
                let speckle = ((c &* 73_856_093) ^ (r &* 19_349_663) ^ salt) % 7 == 0
                let island = (c + r + salt) % 11 == 0 && (c * 3 + r) % 5 == 0
                return (inDisc(c, r, x: x, y: y, radius: radius) && !speckle) || island
            }
        }
        let pieces = UnionPieces(footprints).pieces
        try expectSameUnion(footprints, pieces)
        let rings = { (shapes: [MultiPolygon]) in shapes.reduce(0) { $0 + $1.polygons.count + holeCount($1) } }
        #expect(rings(pieces) < rings(footprints.map(\.shape)), "\(rings(pieces)) rings against \(rings(footprints.map(\.shape)))")
    }
}
