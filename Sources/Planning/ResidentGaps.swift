import Geometry

/// Residents whom no coverage reaches, gathered into gaps: within each unit, the 4-connected groups of its cells that
/// hold residents and that the coverage misses — the places a new site or a retuned one would have to reach, most
/// residents first.
public struct ResidentGaps: Sendable {
    /// One group of uncovered cells holding residents, inside one unit.
    public struct Gap: Sendable, Equatable {
        /// The unit it lies in (its index in the layer).
        public let unit: Int
        /// Its cells, in the grid's column and row numbers.
        public let cells: CellRuns
        public let residents: Double
        /// Row-major index of the gap's cell nearest its residents' centre of mass: a point inside the gap to aim at.
        public let centre: Int
    }

    /// The gaps holding at least the minimum of residents, most residents first (on a tie, the unit first in the
    /// layer, then the gap whose first cell comes first row by row).
    public let gaps: [Gap]
    /// How many gaps hold fewer residents than the minimum, and their residents together.
    public let smallerGaps: Int
    public let smallerGapsResidents: Double
    /// The residents of the largest gap, listed or not (0 when the coverage misses nobody).
    public let largestResidents: Double

    /// The gaps of units whose `unitCells` (row-major indices on a grid `gridWidth` cells wide) hold `unitResidents`,
    /// where `covered` (one flag per grid cell) is false; gaps under `minimumResidents` are only counted.
    public init(unitCells: [[Int]], unitResidents: [[Double]], covered: [Bool], gridWidth: Int, minimumResidents: Double) {
        var listed: [Gap] = [], smaller = 0, smallerResidents = 0.0, largest = 0.0
        for (unit, (cells, residents)) in zip(unitCells, unitResidents).enumerated() {
            let uncovered = zip(cells, residents).filter { $0.1 > 0 && !covered[$0.0] }
            for gap in Self.gaps(of: uncovered, unit: unit, gridWidth: gridWidth) {
                largest = max(largest, gap.residents)
                if gap.residents >= minimumResidents {
                    listed.append(gap)
                } else {
                    smaller += 1
                    smallerResidents += gap.residents
                }
            }
        }
        // Stable: equal residents keep the units' order and each unit's gaps in the order of their first cells.
        gaps = listed.enumerated().sorted { ($0.element.residents, $1.offset) > ($1.element.residents, $0.offset) }.map(\.element)
        smallerGaps = smaller
        smallerGapsResidents = smallerResidents
        largestResidents = largest
    }

    /// The 4-connected groups of one unit's `cells` (each with its residents), in the order of their first cells.
    private static func gaps(of cells: [(cell: Int, residents: Double)], unit: Int, gridWidth: Int) -> [Gap] {
        guard let first = cells.first else { return [] }
        var (minColumn, maxColumn) = (first.cell % gridWidth, first.cell % gridWidth)
        var (minRow, maxRow) = (first.cell / gridWidth, first.cell / gridWidth)
        for (cell, _) in cells {
            (minColumn, maxColumn) = (min(minColumn, cell % gridWidth), max(maxColumn, cell % gridWidth))
            (minRow, maxRow) = (min(minRow, cell / gridWidth), max(maxRow, cell / gridWidth))
        }
        let width = maxColumn - minColumn + 1, height = maxRow - minRow + 1
        var residents = [Double](repeating: 0, count: width * height)
        for (cell, count) in cells { residents[(cell / gridWidth - minRow) * width + cell % gridWidth - minColumn] += count }
        let runs = CellRuns(mask: residents.map { $0 > 0 }, width: width, height: height, column: minColumn, row: minRow)
        return MaskComponents(runs).components.map { component in
            let cells = component.cellIndices(gridWidth: gridWidth)
            var total = 0.0, (sumX, sumY) = (0.0, 0.0)
            for cell in cells {
                let (column, row) = (cell % gridWidth, cell / gridWidth)
                let count = residents[(row - minRow) * width + column - minColumn]
                total += count
                sumX += count * Double(column)
                sumY += count * Double(row)
            }
            let (centreX, centreY) = (sumX / total, sumY / total)
            var nearest = (distance: Double.infinity, cell: 0)
            for cell in cells {
                let (dx, dy) = (Double(cell % gridWidth) - centreX, Double(cell / gridWidth) - centreY)
                if dx * dx + dy * dy < nearest.distance { nearest = (dx * dx + dy * dy, cell) }
            }
            return Gap(unit: unit, cells: component, residents: total, centre: nearest.cell)
        }
    }
}
