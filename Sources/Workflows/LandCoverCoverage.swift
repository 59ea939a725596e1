import Coverage
import Geometry
import Planning
import Terrain

/// How much of each land-cover class a run's sites cover — the share of built-up land (ESA WorldCover's class 50, say)
/// that coverage obligations for residential areas are often stated in.
enum LandCoverCoverage {
    /// `base` (the run's clutter in `summary.json`) with each class's coverage and the residential land's — over the
    /// communes' cells when the run has an `evaluation`, else over the grid.
    static func summary(
        _ base: FootprintSummary.Clutter, clutter: ClutterLosses, footprints: [SiteFootprint], evaluation: ResidentEvaluation?,
        grid: TerrainGrid
    ) -> FootprintSummary.Clutter {
        var landCover = base
        landCover.coverageWithin = evaluation == nil ? "grid" : "communes"
        landCover.coverageByClass = byClass(
            classes: clutter.classes,
            coverage: evaluation?.coverage ?? CoverageMasks(footprints: footprints, gridWidth: grid.width, cellCount: grid.elevations.count),
            within: evaluation.map { region(of: $0.residents, cellCount: grid.elevations.count) },
            cellAreaKm2: grid.spacing * grid.spacing / 1e6
        )
        landCover.residential = .init(classes: clutter.request.residentialClasses, byClass: landCover.coverageByClass)
        if let byCommune = evaluation?.residentialLand?.byCommune { landCover.residential?.byCommune = byCommune }
        return landCover
    }

    /// Per class (as text) its cells on `classes` (the run's grid) — only those inside `region` when given, the
    /// communes' cells in an evaluation — their area and the share each coverage layer covers, percent.
    static func byClass(
        classes: [Int32], coverage: CoverageMasks, within region: [Bool]?, cellAreaKm2: Double
    ) -> [String: FootprintSummary.ClassCoverage] {
        let masks = CoverageMasks.keys.map { coverage.masks[$0]! }
        var cells: [Int32: Int] = [:], covered: [Int32: [Int]] = [:]
        for (index, value) in classes.enumerated() where value != ClassGrid.none && region?[index] != false {
            cells[value, default: 0] += 1
            if covered[value] == nil { covered[value] = [Int](repeating: 0, count: masks.count) }
            for (layer, mask) in masks.enumerated() where mask[index] { covered[value]![layer] += 1 }
        }
        return Dictionary(uniqueKeysWithValues: cells.map { value, count in
            ("\(value)", FootprintSummary.ClassCoverage(cells: count, covered: covered[value]!, cellAreaKm2: cellAreaKm2))
        })
    }

    /// The cells of every unit of `residents`' layer, as one flag per grid cell.
    static func region(of residents: ResidentGrid, cellCount: Int) -> [Bool] {
        var inside = [Bool](repeating: false, count: cellCount)
        for cells in residents.unitCells { for cell in cells { inside[cell] = true } }
        return inside
    }
}

extension FootprintSummary.ClassCoverage {
    /// `cells` cells of land of which `covered[i]` the i-th coverage layer (`CoverageMasks.keys`) covers: their area
    /// and the shares, percent.
    init(cells: Int, covered: [Int], cellAreaKm2: Double) {
        let shares = CoverageMasks.keys.enumerated().map { layer, key in (key, 100 * Double(covered[layer]) / Double(cells)) }
        self.init(cells: cells, areaKm2: Double(cells) * cellAreaKm2, coveredPercent: Dictionary(uniqueKeysWithValues: shares))
    }
}
