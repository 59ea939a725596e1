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
        communes = residents.unitResidents { lte[$0] && rates[$0] >= limit }
    }
}
