import Planning

/// Each commune's residential land — its cells of the residential land-cover classes — and the share of it each
/// coverage layer covers.
struct ResidentialLand {
    /// In the layer's unit order; nil for a commune without residential land.
    let communes: [FootprintSummary.ClassCoverage?]
    /// The same by commune id, communes without residential land left out.
    let byCommune: [String: FootprintSummary.ClassCoverage]

    init(classes: [Int32], residential: Set<Int32>, residents: ResidentGrid, coverage: CoverageMasks, cellAreaKm2: Double) {
        let masks = CoverageMasks.keys.map { coverage.masks[$0]! }
        communes = residents.unitCells.map { cells in
            let land = cells.filter { residential.contains(classes[$0]) }
            guard !land.isEmpty else { return nil }
            let covered = masks.map { mask in land.lazy.filter { mask[$0] }.count }
            return FootprintSummary.ClassCoverage(cells: land.count, covered: covered, cellAreaKm2: cellAreaKm2)
        }
        byCommune = Dictionary(uniqueKeysWithValues: zip(residents.layer.units, communes).compactMap { unit, share in
            share.map { (unit.id, $0) }
        })
    }
}
