extension FootprintSummary {
    /// The 4G downlink rate (`--throughput`) over the cells a 4G server covers, its bandwidth known: the mapping from
    /// SINR, the load, the rates' median, 10th percentile (the slowest tenth's edge) and share under the limit, and in an
    /// evaluation the residents at the limit or faster.
    public struct Throughput: Sendable, Codable, Equatable {
        public let attenuation: Double
        public let peakBitsPerHertz: Double
        public let minimumSINRDB: Double
        public let loadPercent: Double
        public let limitMbps: Double
        public let coveredCells: Int
        public let medianMbps: Double?
        public let percentile10Mbps: Double?
        /// The share of those cells below the limit, percent.
        public let percentUnderLimit: Double?
        /// Covered cells whose server has no `bandwidth_mhz`, and so no rate.
        public let cellsWithoutBandwidth: Int
        /// In an evaluation: the residents where 4G covers them at the limit or faster, and their share of the residents.
        public internal(set) var residentsAtRate: Double?
        public internal(set) var residentsPercentAtRate: Double?

        /// The figures of the covered cells' sorted `rates` (Mbps), of `coveredCells` covered in all.
        init(rates: [Double], coveredCells: Int, settings: SINRSettings, limitMbps: Double) {
            attenuation = ThroughputSettings.attenuation
            peakBitsPerHertz = ThroughputSettings.peakBitsPerHertz
            minimumSINRDB = ThroughputSettings.minimumSINRDB
            loadPercent = settings.loadPercent
            self.limitMbps = limitMbps
            self.coveredCells = rates.count
            medianMbps = CarrierInterference.percentile(rates, 0.5)
            percentile10Mbps = CarrierInterference.percentile(rates, 0.1)
            percentUnderLimit = CarrierInterference.percentUnder(rates, limitMbps)
            cellsWithoutBandwidth = coveredCells - rates.count
        }

        enum CodingKeys: String, CodingKey {
            case attenuation
            case peakBitsPerHertz = "peak_bits_per_hz"
            case minimumSINRDB = "minimum_sinr_db"
            case loadPercent = "load_percent"
            case limitMbps = "limit_mbps"
            case coveredCells = "covered_cells"
            case medianMbps = "median_mbps"
            case percentile10Mbps = "percentile_10_mbps"
            case percentUnderLimit = "percent_under_limit"
            case cellsWithoutBandwidth = "cells_without_bandwidth"
            case residentsAtRate = "residents_at_rate"
            case residentsPercentAtRate = "residents_percent_at_rate"
        }
    }
}
