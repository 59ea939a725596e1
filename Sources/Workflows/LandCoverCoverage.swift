import Planning
import Terrain

/// How much of each land-cover class a run's sites cover — the share of built-up land (ESA WorldCover's class 50, say)
/// that coverage obligations for residential areas are often stated in.
enum LandCoverCoverage {
    /// Per class (as text) its cells on `classes` (the run's grid) — only those inside `region` when given, the
    /// communes' cells in an evaluation — their area and the share each coverage layer covers, percent.
    static func byClass(
        classes: [Int32], coverage: CoverageMasks, within region: [Bool]?, cellAreaKm2: Double
    ) -> [String: FootprintSummary.ClassCoverage] {
        let keys = CoverageMasks.keys, masks = keys.map { coverage.masks[$0]! }
        var cells: [Int32: Int] = [:], covered: [Int32: [Int]] = [:]
        for (index, value) in classes.enumerated() where value != ClassGrid.none && region?[index] != false {
            cells[value, default: 0] += 1
            for (layer, mask) in masks.enumerated() where mask[index] {
                covered[value, default: [Int](repeating: 0, count: keys.count)][layer] += 1
            }
        }
        return Dictionary(uniqueKeysWithValues: cells.map { value, count in
            let shares = Dictionary(uniqueKeysWithValues: keys.enumerated().map { layer, key in
                (key, 100 * Double(covered[value]?[layer] ?? 0) / Double(count))
            })
            return ("\(value)", FootprintSummary.ClassCoverage(cells: count, areaKm2: Double(count) * cellAreaKm2, coveredPercent: shares))
        })
    }

    /// The cells of every unit of `residents`' layer, as one flag per grid cell.
    static func region(of residents: ResidentGrid, cellCount: Int) -> [Bool] {
        var inside = [Bool](repeating: false, count: cellCount)
        for cells in residents.unitCells { for cell in cells { inside[cell] = true } }
        return inside
    }
}
