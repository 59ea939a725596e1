import Coverage
import Planning
import Propagation

/// One technology's downlink rate in each cell (`--throughput`): Mbps, NaN where its server has none, and the limit.
struct CellRates {
    let technology: Technology
    let values: [Float]
    let limitMbps: Double
}

/// Each commune's residents where a technology covers them at the rate limit or faster (an evaluation with
/// `--throughput`): cells some site of it covers whose rate from its strongest reaches the limit.
struct ResidentsAtRate {
    let technology: Technology
    let limitMbps: Double
    /// In the layer's unit order: the residents at the rate.
    let communes: [Double]

    /// From each cell's `rates`, the cells their technology covers and the residents per cell.
    init(_ rates: CellRates, residents: ResidentGrid, coverage: CoverageMasks) {
        let covered = coverage.masks[rates.technology.rawValue]!, values = rates.values, limit = Float(rates.limitMbps)
        technology = rates.technology
        limitMbps = rates.limitMbps
        communes = residents.unitResidents { covered[$0] && values[$0] >= limit }
    }
}
