@testable import Geometry
import TestSupport
import Testing

@Suite("4-connected components of a mask, found on runs")
struct MaskComponentsTests {
    /// Components by flood fill from every unlabelled covered cell in row-major order: an independent construction
    /// with the same numbering.
    func floodFilled(_ mask: [Bool], width: Int, height: Int) -> [Int] {
        var labels = [Int](repeating: -1, count: mask.count), next = 0
        for seed in mask.indices where mask[seed] && labels[seed] < 0 {
            var stack = [seed]
            labels[seed] = next
            while let cell = stack.popLast() {
                let (column, row) = (cell % width, cell / width)
                let neighbours = [(column, row - 1), (column, row + 1), (column - 1, row), (column + 1, row)]
                for (x, y) in neighbours where x >= 0 && y >= 0 && x < width && y < height {
                    let neighbour = y * width + x
                    if mask[neighbour] && labels[neighbour] < 0 {
                        labels[neighbour] = next
                        stack.append(neighbour)
                    }
                }
            }
            next += 1
        }
        return labels
    }

    @Test("Random masks: every covered cell in the flood fill's component, numbered alike", arguments: 1...9)
    func randomMasks(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let (width, height) = (37, 29)
        let density = [0.3, 0.55, 0.75][seed % 3]
        let mask = (0..<(width * height)).map { _ in Double.random(in: 0..<1, using: &generator) < density }
        let components = MaskComponents(CellRuns(mask: mask, width: width, height: height, column: 0, row: 0))
        let expected = floodFilled(mask, width: width, height: height)
        #expect(Set(expected).count > 2)
        for cell in mask.indices where mask[cell] {
            #expect(components.component(column: cell % width, row: cell / width) == expected[cell], "cell \(cell)")
        }
    }

    @Test("A comb's teeth are one component once a later row joins them; corner contact joins nothing")
    func lateJoinAndCorners() {
        let rows = [
            "#.#.#.#",
            "#.#.#.#",
            "#######",
            ".......",
            "#.#....",
            ".#.....",
        ]
        let mask = rows.flatMap { $0.map { $0 == "#" } }
        let components = MaskComponents(CellRuns(mask: mask, width: 7, height: rows.count, column: 0, row: 0))
        let comb = [(0, 0), (2, 0), (4, 0), (6, 0), (2, 2)].map { components.component(column: $0.0, row: $0.1) }
        #expect(Set(comb) == [0])
        #expect([(0, 4), (2, 4), (1, 5)].map { components.component(column: $0.0, row: $0.1) } == [1, 2, 3])
    }
}
