import Planning

/// Each commune's residents where 4G covers them at the rate limit or faster (an evaluation with `--throughput`):
/// cells some 4G site covers whose rate from the strongest reaches the limit.
struct ResidentsAtRate {
    let limitMbps: Double
    /// In the layer's unit order: the residents at the rate.
    let communes: [Double]

    /// From each cell's rate (Mbps, NaN for none), the cells 4G covers and the residents per cell.
    init(rates: [Float], limitMbps: Double, residents: ResidentGrid, coverage: CoverageMasks) {
        let lte = coverage.masks["4G"]!, limit = Float(limitMbps)
        self.limitMbps = limitMbps
        communes = zip(residents.unitCells, residents.unitResidents).map { cells, counts in
            zip(cells, counts).reduce(0) { total, cell in lte[cell.0] && rates[cell.0] >= limit ? total + cell.1 : total }
        }
    }

    /// The share of `figures`' residents at the rate, percent; nil for none.
    static func percent(_ atRate: Double, of figures: CoverageFigures) -> Double? {
        figures.residents > 0 ? 100 * atRate / figures.residents : nil
    }
}
