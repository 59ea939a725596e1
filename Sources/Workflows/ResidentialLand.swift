import Planning

/// Each commune's residential land — its cells of the residential land-cover classes — and the share of it each
/// coverage layer covers.
struct ResidentialLand {
    /// In the layer's unit order; nil for a commune without residential land.
    let communes: [FootprintSummary.ClassCoverage?]

    init(classes: [Int32], residential: Set<Int32>, unitCells: [[Int]], coverage: CoverageMasks, cellAreaKm2: Double) {
        communes = unitCells.map { cells in
            let land = cells.filter { residential.contains(classes[$0]) }
            guard !land.isEmpty else { return nil }
            let shares = CoverageMasks.keys.map { key in
                (key, 100 * Double(land.filter { coverage.masks[key]![$0] }.count) / Double(land.count))
            }
            return FootprintSummary.ClassCoverage(
                cells: land.count, areaKm2: Double(land.count) * cellAreaKm2, coveredPercent: Dictionary(uniqueKeysWithValues: shares)
            )
        }
    }
}
