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

    /// How crowded the covered cells are (`pilots.tif`, `rsrp_overlap.tif`): the window and limit, and the share of
    /// the covered cells with more sites within the window than the limit, percent.
    public struct Crowding: Sendable, Codable, Equatable {
        public let windowDB: Double
        public let limit: Int
        public let percentPolluted: Double?

        /// The figures of `crowded`, each cell's count (0 where no server covers it).
        init(_ crowded: [UInt16], settings: ServerCrowding) {
            let counted = crowded.filter { $0 > 0 }
            windowDB = settings.windowDB
            limit = settings.limit
            let polluted = counted.filter { Int($0) > settings.limit }.count
            percentPolluted = counted.isEmpty ? nil : 100 * Double(polluted) / Double(counted.count)
        }

        enum CodingKeys: String, CodingKey {
            case limit
            case windowDB = "window_db"
            case percentPolluted = "percent_polluted"
        }
    }

    /// One server's part of a signal-quality figure: the cells it covers as the best server, their median, and the
    /// share of them under the figure's limit (0 dB for SINR), percent — where a cell's own plan (its frequency, tilt,
    /// power) is to blame.
    public struct ServerQuality: Sendable, Codable, Equatable {
        public let id: String
        public let coveredCells: Int
        public let medianDB: Double
        public let percentUnderLimit: Double

        enum CodingKeys: String, CodingKey {
            case id
            case coveredCells = "covered_cells"
            case medianDB = "median_db"
            case percentUnderLimit = "percent_under_limit"
        }
    }

    /// The 4G reference signal's SINR (`--sinr`) over the cells a 4G server covers.
    public struct SignalQuality: Sendable, Codable, Equatable {
        public let loadPercent: Double
        /// The 4G sites giving their own `load_percent` instead (nil in summaries written before sites could).
        public let sitesAtOwnLoad: Int?
        public let noiseFigureDB: Double
        /// Thermal noise in one resource element at the handset.
        public let noiseDBm: Double
        public let coveredCells: Int
        public let medianDB: Double?
        public let percentile10DB: Double?
        /// The share of those cells below 0 dB, percent.
        public let percentUnder0DB: Double?
        /// RSRP pollution: too many cells within a few dB of the best.
        public let crowding: Crowding
        /// Each server's cells, the limit 0 dB.
        public let servers: [ServerQuality]
        /// Whether every 4G site had a PCI, so that cells on the server's reference-signal shift (PCI mod 3) interfered
        /// whole and the others at the load.
        public let referenceSignalShifts: Bool

        enum CodingKeys: String, CodingKey {
            case crowding, servers
            case referenceSignalShifts = "reference_signal_shifts"
            case loadPercent = "load_percent"
            case sitesAtOwnLoad = "sites_at_own_load"
            case noiseFigureDB = "noise_figure_db"
            case noiseDBm = "noise_dbm_per_resource_element"
            case coveredCells = "covered_cells"
            case medianDB = "median_db"
            case percentile10DB = "percentile_10_db"
            case percentUnder0DB = "percent_under_0_db"
        }
    }

    /// The 3G pilot's Ec/Io (`--ecio`) over the cells a 3G server covers.
    public struct PilotQuality: Sendable, Codable, Equatable {
        public let loadPercent: Double
        public let pilotSharePercent: Double
        /// The 3G sites giving their own `load_percent` and `pilot_offset_db` instead of the two above (nil in summaries
        /// written before sites could).
        public let sitesAtOwnLoad: Int?
        public let sitesWithOwnPilotOffset: Int?
        public let noiseFigureDB: Double
        /// Thermal noise over 3.84 MHz at the handset.
        public let noiseDBm: Double
        public let coveredCells: Int
        public let medianDB: Double?
        public let percentile10DB: Double?
        public let limitDB: Double
        /// The share of those cells below the limit, percent: where the pilot is too weak against the others to serve.
        public let percentUnderLimit: Double?
        /// Pilot pollution: more pilots within the window than the active set (the limit) holds.
        public let crowding: Crowding
        /// Each server's cells.
        public let servers: [ServerQuality]

        enum CodingKeys: String, CodingKey {
            case loadPercent = "load_percent"
            case pilotSharePercent = "pilot_share_percent"
            case sitesAtOwnLoad = "sites_at_own_load"
            case sitesWithOwnPilotOffset = "sites_with_own_pilot_offset"
            case noiseFigureDB = "noise_figure_db"
            case noiseDBm = "noise_dbm_per_3_84_mhz"
            case coveredCells = "covered_cells"
            case medianDB = "median_db"
            case percentile10DB = "percentile_10_db"
            case limitDB = "limit_db"
            case percentUnderLimit = "percent_under_limit"
            case crowding, servers
        }
    }
    /// The 2G carriers' C/I (`--ci`) over the cells a 2G server covers.
    public struct CarrierToInterference: Sendable, Codable, Equatable {
        public let noiseFigureDB: Double
        /// Thermal noise over 200 kHz at the handset.
        public let noiseDBm: Double
        /// How much less a carrier one and two channels away interferes than one on the same channel.
        public let adjacentChannelRejectionDB: [Double]
        public let coveredCells: Int
        public let medianDB: Double?
        public let percentile10DB: Double?
        public let limitDB: Double
        /// The share of those cells below the limit, percent.
        public let percentUnderLimit: Double?
        /// Each server's cells.
        public let servers: [ServerQuality]
        /// `interference.csv`'s totals, in a run of two 2G sites or more.
        public internal(set) var interferenceMatrix: InterferenceMatrixTotals?

        /// What `interference.csv` holds: how many pairs of sites it lists, how many of the strongest sites each cell
        /// kept, and in how many cells every one of them lay within the limit, where weaker ones may be missing.
        public struct InterferenceMatrixTotals: Sendable, Codable, Equatable {
            public let pairs: Int
            public let sitesKeptPerCell: Int
            public let cellsWithEveryKeptSiteWithin: Int

            init(_ matrix: ServerOverlaps) {
                pairs = matrix.pairCount
                sitesKeptPerCell = matrix.slots
                cellsWithEveryKeptSiteWithin = matrix.cellsWithAllSlotsWithin
            }

            enum CodingKeys: String, CodingKey {
                case pairs
                case sitesKeptPerCell = "sites_kept_per_cell"
                case cellsWithEveryKeptSiteWithin = "cells_with_every_kept_site_within"
            }
        }

        enum CodingKeys: String, CodingKey {
            case servers
            case interferenceMatrix = "interference_matrix"
            case noiseFigureDB = "noise_figure_db"
            case noiseDBm = "noise_dbm_per_200_khz"
            case adjacentChannelRejectionDB = "adjacent_channel_rejection_db"
            case coveredCells = "covered_cells"
            case medianDB = "median_db"
            case percentile10DB = "percentile_10_db"
            case limitDB = "limit_db"
            case percentUnderLimit = "percent_under_limit"
        }
    }
}

extension FootprintSummary.SignalQuality {
    /// The statistics of the SINR of the covered cells, over all and by server (site n is `sites[n − 1]`), and of the
    /// cells `crowded` in each cell.
    init(covered: CarrierInterference.CoveredValues, sites: [Site], crowded: [UInt16], settings: SINRSettings, shifts: Bool) {
        let all = covered.all
        self.init(
            loadPercent: settings.loadPercent, sitesAtOwnLoad: sites.filter { $0.technology == .lte && $0.loadPercent != nil }.count,
            noiseFigureDB: settings.noiseFigureDB, noiseDBm: settings.noiseDBm,
            coveredCells: all.count, medianDB: CarrierInterference.percentile(all, 0.5),
            percentile10DB: CarrierInterference.percentile(all, 0.1), percentUnder0DB: CarrierInterference.percentUnder(all, 0),
            crowding: .init(crowded, settings: settings.crowding), servers: .init(covered, ids: sites.map(\.id), limitDB: 0),
            referenceSignalShifts: shifts
        )
    }
}

extension FootprintSummary.PilotQuality {
    /// The statistics of the Ec/Io of the covered cells, over all and by server (site n is `sites[n − 1]`), and of the
    /// pilots `crowded` in each cell.
    init(covered: CarrierInterference.CoveredValues, sites: [Site], crowded: [UInt16], settings: EcIoSettings) {
        let all = covered.all, umts = sites.filter { $0.technology == .umts }
        self.init(
            loadPercent: settings.loadPercent, pilotSharePercent: settings.pilotSharePercent,
            sitesAtOwnLoad: umts.filter { $0.loadPercent != nil }.count,
            sitesWithOwnPilotOffset: umts.filter { $0.pilotOffsetDB != nil }.count, noiseFigureDB: settings.noiseFigureDB,
            noiseDBm: settings.noiseDBm, coveredCells: all.count, medianDB: CarrierInterference.percentile(all, 0.5),
            percentile10DB: CarrierInterference.percentile(all, 0.1), limitDB: settings.limitDB,
            percentUnderLimit: CarrierInterference.percentUnder(all, settings.limitDB),
            crowding: .init(crowded, settings: settings.crowding), servers: .init(covered, ids: sites.map(\.id), limitDB: settings.limitDB)
        )
    }
}

extension FootprintSummary.CarrierToInterference {
    /// The statistics of the C/I of the covered cells, over all and by server (site n is `ids[n − 1]`).
    init(covered: CarrierInterference.CoveredValues, ids: [String], settings: CarrierToInterferenceSettings) {
        let all = covered.all
        self.init(
            noiseFigureDB: settings.noiseFigureDB, noiseDBm: settings.noiseDBm,
            adjacentChannelRejectionDB: CarrierToInterferenceSettings.adjacentChannelRejectionDB, coveredCells: all.count,
            medianDB: CarrierInterference.percentile(all, 0.5), percentile10DB: CarrierInterference.percentile(all, 0.1),
            limitDB: settings.limitDB, percentUnderLimit: CarrierInterference.percentUnder(all, settings.limitDB),
            servers: .init(covered, ids: ids, limitDB: settings.limitDB)
        )
    }
}

extension [FootprintSummary.ServerQuality] {
    /// Each server's figures from `covered`'s values by server (site n is `ids[n − 1]`), under `limitDB`.
    init(_ covered: CarrierInterference.CoveredValues, ids: [String], limitDB: Double) {
        // `byServer` leaves out servers covering no cell, so every list has a median and a share.
        self = covered.byServer.map { number, values in
            FootprintSummary.ServerQuality(
                id: ids[number - 1], coveredCells: values.count, medianDB: CarrierInterference.percentile(values, 0.5)!,
                percentUnderLimit: CarrierInterference.percentUnder(values, limitDB)!
            )
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
