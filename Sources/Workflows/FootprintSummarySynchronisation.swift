import Coverage
import Foundation

extension FootprintSummary {
    /// The 5G synchronisation signal's SINR (`--sinr`, `ss_sinr.tif`) over the cells a 5G server covers: its SS-RSRP
    /// against every other 5G site's on its frequency and the noise of one subcarrier of its spacing.
    public struct SynchronisationSignalQuality: Sendable, Codable, Equatable {
        public let noiseFigureDB: Double
        /// Thermal noise in one subcarrier at the handset, dBm, by the spacing of the run's 5G carriers (kHz, "15", "30").
        public let noiseDBmBySpacing: [String: Double]
        public let coveredCells: Int
        public let medianDB: Double?
        public let percentile10DB: Double?
        /// The share of those cells below 0 dB, percent.
        public let percentUnder0DB: Double?
        /// SS-RSRP pollution: too many cells within a few dB of the best (`--rsrp-window-db`, `--rsrp-overlap-limit`).
        public let crowding: Crowding
        /// Each server's cells, the limit 0 dB.
        public let servers: [ServerQuality]

        /// The statistics of the SS-SINR of the covered cells, over all and by server (site n is `sites[n − 1]`), and of
        /// the cells `crowded` in each cell.
        init(covered: CarrierInterference.CoveredValues, sites: [Site], crowded: [UInt16], settings: SINRSettings) {
            let all = covered.all
            noiseFigureDB = settings.noiseFigureDB
            noiseDBmBySpacing = Dictionary(sites.filter { $0.technology == .nr }.map(\.subcarrierSpacingKHz).map { spacing in
                (String(format: "%g", spacing), settings.synchronisationNoiseDBm(subcarrierSpacingKHz: spacing))
            }) { first, _ in first }
            coveredCells = all.count
            medianDB = CarrierInterference.percentile(all, 0.5)
            percentile10DB = CarrierInterference.percentile(all, 0.1)
            percentUnder0DB = CarrierInterference.percentUnder(all, 0)
            crowding = .init(crowded, settings: settings.crowding)
            servers = .init(covered, ids: sites.map(\.id), limitDB: 0)
        }

        enum CodingKeys: String, CodingKey {
            case servers, crowding
            case noiseFigureDB = "noise_figure_db"
            case noiseDBmBySpacing = "noise_dbm_per_subcarrier_by_scs_khz"
            case coveredCells = "covered_cells"
            case medianDB = "median_db"
            case percentile10DB = "percentile_10_db"
            case percentUnder0DB = "percent_under_0_db"
        }
    }
}
