import Coverage

extension FootprintSummary {
    /// A site's uplink: the handset's power, the site's sensitivity and antenna gain less feeder loss, the downlink
    /// power at which the uplink closes, and which link limited the coverage.
    public struct UplinkBudget: Sendable, Codable, Equatable {
        public let handsetPowerDBm: Double
        public let sensitivityDBm: Double
        public let antennaNetGainDB: Double
        public let requiredDownlinkDBm: Double
        public let downlinkThresholdDBm: Double
        /// "uplink" where the uplink needs more downlink power than the downlink's threshold, else "downlink".
        public let limitingLink: String

        enum CodingKeys: String, CodingKey {
            case handsetPowerDBm = "handset_power_dbm"
            case sensitivityDBm = "sensitivity_dbm"
            case antennaNetGainDB = "antenna_net_gain_db"
            case requiredDownlinkDBm = "required_downlink_dbm"
            case downlinkThresholdDBm = "downlink_threshold_dbm"
            case limitingLink = "limiting_link"
        }
    }

    /// The 4G reference signal's SINR (`--sinr`) over the cells a 4G server covers.
    public struct SignalQuality: Sendable, Codable, Equatable {
        public let loadPercent: Double
        public let noiseFigureDB: Double
        /// Thermal noise in one resource element at the handset.
        public let noiseDBm: Double
        public let coveredCells: Int
        public let medianDB: Double?
        public let percentile10DB: Double?
        /// The share of those cells below 0 dB, percent.
        public let percentUnder0DB: Double?

        enum CodingKeys: String, CodingKey {
            case loadPercent = "load_percent"
            case noiseFigureDB = "noise_figure_db"
            case noiseDBm = "noise_dbm_per_resource_element"
            case coveredCells = "covered_cells"
            case medianDB = "median_db"
            case percentile10DB = "percentile_10_db"
            case percentUnder0DB = "percent_under_0_db"
        }
    }
}

extension FootprintSummary.UplinkBudget {
    /// `site`'s uplink as `parameters` check it; nil where they do not.
    init?(site: Site, parameters: CoverageParameters) {
        guard let uplink = parameters.checkedUplink(of: site) else { return nil }
        let required = uplink.requiredDownlinkDBm(eirpDBm: site.eirpDBm), downlink = parameters.downlinkThreshold(for: site)
        self.init(
            handsetPowerDBm: uplink.handsetPowerDBm, sensitivityDBm: uplink.sensitivityDBm,
            antennaNetGainDB: uplink.antennaNetGainDB, requiredDownlinkDBm: required, downlinkThresholdDBm: downlink,
            limitingLink: required > downlink ? "uplink" : "downlink"
        )
    }
}
