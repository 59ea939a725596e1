import Planning
import Testing

/// Gaps in the coverage of residents on a grid of 6 × 4 cells whose residents and coverage are known cell by cell.
@Suite("Gaps in the coverage of residents")
struct ResidentGapsTests {
    /// Row-major index on the 6-cell-wide grid.
    func cell(_ column: Int, _ row: Int) -> Int { row * 6 + column }

    /// Unit A holds columns 0–3, unit B columns 4–5. Column 2 is covered, and so are B's cells (4, 2) and (5, 1). A's
    /// residents: 1 on each cell of columns 0–1 but (0, 3), which has none, and (1, 3), which has 10; column 3 holds 2
    /// on each cell but (3, 2), which has none. B's cells hold 5 each.
    var gaps: ResidentGaps {
        var unitA: [(Int, Double)] = [], unitB: [(Int, Double)] = []
        for row in 0..<4 {
            for column in 0..<4 {
                let residents: Double = switch (column, row) {
                case (0, 3), (3, 2): 0
                case (1, 3): 10
                case (3, _): 2
                default: 1
                }
                unitA.append((cell(column, row), residents))
            }
            for column in 4..<6 { unitB.append((cell(column, row), 5)) }
        }
        var covered = [Bool](repeating: false, count: 24)
        for row in 0..<4 { covered[cell(2, row)] = true }
        covered[cell(4, 2)] = true
        covered[cell(5, 1)] = true
        return ResidentGaps(
            unitCells: [unitA.map(\.0), unitB.map(\.0)], unitResidents: [unitA.map(\.1), unitB.map(\.1)],
            covered: covered, gridWidth: 6, minimumResidents: 5
        )
    }

    @Test("""
        Covered cells and cells without residents split a unit's gaps, and so do cells touching only at a corner; \
        gaps under the minimum are counted apart; the most residents first, on a tie the first cell first
        """)
    func splitAndRanked() {
        let gaps = gaps.gaps
        #expect(gaps.map(\.unit) == [0, 1, 1])
        #expect(gaps.map(\.residents) == [16, 15, 15])
        #expect(gaps.map(\.cells.firstRow) == [0, 0, 2])
        #expect(gaps.map(\.cells.runs) == [[0..<2, 0..<2, 0..<2, 1..<2].map { [$0] }, [[4..<6], [4..<5]], [[5..<6], [4..<6]]])
        #expect(self.gaps.smallerGaps == 2 && self.gaps.smallerGapsResidents == 6 && self.gaps.largestResidents == 16)
    }

    @Test("""
        A gap's centre is its cell nearest the residents' centre of mass: (1, 2) for the block whose ten residents sit at \
        (1, 3); the first in row order on a tie
        """)
    func centres() {
        #expect(gaps.gaps.map(\.centre) == [cell(1, 2), cell(4, 0), cell(5, 3)])
    }

    @Test("A unit's gap does not run on into the next unit's, though their cells touch")
    func unitsApart() {
        // Column 3's two cells (4 residents) touch B's (4, 0) and (4, 1), yet make A's own gap.
        let whole = ResidentGaps(
            unitCells: [[cell(3, 0), cell(3, 1)], [cell(4, 0), cell(4, 1)]], unitResidents: [[2, 2], [5, 5]],
            covered: [Bool](repeating: false, count: 24), gridWidth: 6, minimumResidents: 0
        )
        #expect(whole.gaps.map(\.residents) == [10, 4] && whole.gaps.map(\.unit) == [1, 0] && whole.smallerGaps == 0)
    }

    @Test("A minimum above every gap lists none, and the largest gap's residents are still known")
    func minimumAboveEveryGap() {
        let none = ResidentGaps(
            unitCells: [[cell(3, 0), cell(3, 2)]], unitResidents: [[2, 1]], covered: [Bool](repeating: false, count: 24), gridWidth: 6,
            minimumResidents: 3
        )
        #expect(none.gaps.isEmpty && none.smallerGaps == 2 && none.smallerGapsResidents == 3 && none.largestResidents == 2)
    }
}
