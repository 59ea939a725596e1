import Geometry
import Terrain
import TestSupport
import Testing

@Suite("Overlaps counted on cell runs")
struct CellRunsTests {
    @Test("Common cells × cell area equals the GEOS intersection area of the traced polygons", arguments: 1...8)
    func matchesGEOS(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed))
        let spacing = 92.66
        func window(_ width: Int, _ height: Int, column: Int, row: Int) -> (MultiPolygon, CellRuns) {
            let mask = (0..<(width * height)).map { _ in random.unit() < 0.55 }
            let tracer = MaskTracer(cornerX: 300_000 + Double(column) * spacing, cornerY: 4_900_000 - Double(row) * spacing, spacing: spacing)
            return (
                tracer.polygons(of: mask, width: width, height: height),
                CellRuns(mask: mask, width: width, height: height, column: column, row: row)
            )
        }
        let a = window(31, 27, column: 10, row: 5), b = window(25, 33, column: 10 + random.int(20), row: 5 + random.int(20))
        let cells = a.1.commonCells(with: b.1)
        let geos = try GeometryOperations.area(try GeometryOperations.intersection(a.0, b.0))
        #expect(cells > 0)
        #expect(abs(Double(cells) * spacing * spacing - geos) < 1e-6 * geos)
        #expect(abs(Double(a.1.cellCount) * spacing * spacing - a.0.area) < 1e-6 * a.0.area)
        #expect(a.1.commonCells(with: a.1) == a.1.cellCount)
    }

    @Test("Cells in common counted from one footprint's row counts equal the cells both masks cover, window against window")
    func coveredCellCounts() {
        var random = SeededGenerator(seed: 24)
        let gridWidth = 60, gridHeight = 50
        // Random windows of random density, anywhere on the grid: overlapping, nested, touching or apart.
        let windows = (0..<40).map { _ in
            let width = 1 + random.int(30), height = 1 + random.int(30)
            let column = random.int(gridWidth - width + 1), row = random.int(gridHeight - height + 1)
            let density = random.unit()
            let mask = (0..<(width * height)).map { _ in random.unit() < density }
            var grid = [Bool](repeating: false, count: gridWidth * gridHeight)
            for index in mask.indices where mask[index] { grid[(row + index / width) * gridWidth + column + index % width] = true }
            return (runs: CellRuns(mask: mask, width: width, height: height, column: column, row: row), grid: grid)
        }
        for a in windows {
            let counts = CoveredCellCounts(a.runs)
            for b in windows {
                let expected = zip(a.grid, b.grid).filter { $0 && $1 }.count
                #expect(counts.commonCells(with: b.runs) == expected)
            }
        }
    }

    @Test("Cell indices of the runs are the mask's covered cells placed on the grid")
    func cellIndices() {
        var random = SeededGenerator(seed: 9)
        let width = 13, height = 7, column = 4, row = 6, gridWidth = 40
        let mask = (0..<(width * height)).map { _ in random.unit() < 0.5 }
        let expected = mask.indices.filter { mask[$0] }.map { (row + $0 / width) * gridWidth + column + $0 % width }
        #expect(CellRuns(mask: mask, width: width, height: height, column: column, row: row).cellIndices(gridWidth: gridWidth) == expected)
    }
}
