import Coverage
import Propagation

extension FootprintSummary {
    /// One technology's downlink rate (`--throughput`; 4G's and 5G's apart) over the cells a server of it covers, its
    /// bandwidth known: the mapping from SINR, the load (5G's every cell whole) and a 5G carrier's TDD pattern, the
    /// rates' median, 10th percentile (the slowest tenth's edge) and share under the limit, and in an evaluation the
    /// residents at the limit or faster.
    public struct Throughput: Sendable, Codable, Equatable {
        public let attenuation: Double
        public let peakBitsPerHertz: Double
        public let minimumSINRDB: Double
        /// The handset's receive antennas (`--ue-antennas`).
        public let handsetAntennas: Int
        public let loadPercent: Double
        /// 5G: the carriers' TDD pattern (`--nr-tdd-pattern`) and the share of their time it gives the downlink, percent.
        public let tddPattern: String?
        public let downlinkPercent: Double?
        public let limitMbps: Double
        public let coveredCells: Int
        public let medianMbps: Double?
        public let percentile10Mbps: Double?
        /// The share of those cells below the limit, percent.
        public let percentUnderLimit: Double?
        /// Covered cells whose server has no `bandwidth_mhz`, and so no rate.
        public let cellsWithoutBandwidth: Int
        /// Each server's rates over the cells it covers as the best server.
        public let servers: [ServerRate]
        /// In an evaluation: the residents where the technology covers them at the limit or faster, and their share of
        /// the residents.
        public internal(set) var residentsAtRate: Double?
        public internal(set) var residentsPercentAtRate: Double?
        /// In an evaluation: the share per commune id, for communes with residents on the terrain.
        public internal(set) var residentsPercentAtRateByCommune: [String: Double]?

        /// The figures of `technology`'s covered cells' rates (Mbps; server by server in `covered`, site n is
        /// `sites[n − 1]`), of `coveredCells` covered in all, under `settings` with the other cells at `loadPercent`.
        init(
            _ technology: Technology, covered: CarrierInterference.CoveredValues, sites: [Site], coveredCells: Int,
            settings: ThroughputSettings, loadPercent: Double
        ) {
            let rates = covered.all, mapping = technology == .nr ? RateMapping.nr : .lte
            let limitMbps = settings.limitMbps, handsetAntennas = settings.handsetAntennas
            attenuation = mapping.attenuation
            peakBitsPerHertz = mapping.peakBitsPerHertz
            minimumSINRDB = mapping.minimumSINRDB
            self.handsetAntennas = handsetAntennas
            self.loadPercent = loadPercent
            tddPattern = technology == .nr ? settings.nrFrame.text : nil
            downlinkPercent = technology == .nr ? 100 * settings.nrFrame.downlinkShare : nil
            self.limitMbps = limitMbps
            self.coveredCells = rates.count
            medianMbps = CarrierInterference.percentile(rates, 0.5)
            percentile10Mbps = CarrierInterference.percentile(rates, 0.1)
            percentUnderLimit = CarrierInterference.percentUnder(rates, limitMbps)
            cellsWithoutBandwidth = coveredCells - rates.count
            servers = covered.byServer.map { number, values in
                ServerRate(
                    id: sites[number - 1].id, layers: min(sites[number - 1].transmitAntennas, handsetAntennas), coveredCells: values.count,
                    medianMbps: CarrierInterference.percentile(values, 0.5)!,
                    meanMbps: values.reduce(0, +) / Double(values.count), percentUnderLimit: CarrierInterference.percentUnder(values, limitMbps)!
                )
            }
        }

        enum CodingKeys: String, CodingKey {
            case attenuation
            case peakBitsPerHertz = "peak_bits_per_hz"
            case minimumSINRDB = "minimum_sinr_db"
            case handsetAntennas = "ue_antennas"
            case loadPercent = "load_percent"
            case tddPattern = "tdd_pattern"
            case downlinkPercent = "downlink_percent"
            case limitMbps = "limit_mbps"
            case coveredCells = "covered_cells"
            case medianMbps = "median_mbps"
            case percentile10Mbps = "percentile_10_mbps"
            case percentUnderLimit = "percent_under_limit"
            case servers
            case cellsWithoutBandwidth = "cells_without_bandwidth"
            case residentsAtRate = "residents_at_rate"
            case residentsPercentAtRate = "residents_percent_at_rate"
            case residentsPercentAtRateByCommune = "residents_percent_at_rate_by_commune"
        }
    }

    /// One server's rates over the cells it covers as the best server: their median, their mean — what the cell
    /// delivers on average to handsets spread evenly over them, given equal time — and the share under the limit.
    public struct ServerRate: Sendable, Codable, Equatable {
        public let id: String
        /// The most spatial layers between it and the handset: the fewer of its transmit and the handset's receive antennas.
        public let layers: Int
        public let coveredCells: Int
        public let medianMbps: Double
        public let meanMbps: Double
        public let percentUnderLimit: Double

        enum CodingKeys: String, CodingKey {
            case id
            case layers
            case coveredCells = "covered_cells"
            case medianMbps = "median_mbps"
            case meanMbps = "mean_mbps"
            case percentUnderLimit = "percent_under_limit"
        }
    }
}
