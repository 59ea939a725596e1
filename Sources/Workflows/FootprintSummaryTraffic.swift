import Propagation

extension FootprintSummary {
    /// In an evaluation with `--traffic`: the settings and, per technology (and operator, when the sites name theirs), its
    /// sites' busy hour summed (`traffic.csv` has each site's) and the sites that cannot carry theirs.
    public struct Traffic: Sendable, Codable, Equatable {
        public let subscribersPercent: Double
        public let voiceMilliErlangs: Double
        public let blockingPercent: Double
        public let dataKbps: Double
        public let halfRatePercent: Double
        /// Each named operator's subscribers, % of residents (`--operator-shares`); nil when none is named.
        public let operatorShares: [String: Double]?
        public let technologies: [TechnologyLoad]

        /// One technology's sites together (one operator's, when the sites name theirs).
        public struct TechnologyLoad: Sendable, Codable, Equatable {
            public let technology: String
            public let networkOperator: String?
            public let sites: Int
            public let residentsServed: Double
            public let erlangs: Double
            public let channelsNeeded: Int
            /// 2G: the TRX the sites need, summed.
            public let transceiversNeeded: Int?
            /// 4G and 5G: the subscribers' busy-hour data, Mbps.
            public let dataMbps: Double?
            /// 4G and 5G with rates: the busiest carrier's air time, %.
            public let highestAirtimePercent: Double?
            /// The sites that cannot carry their busy hour (`traffic.csv`'s `overloaded`).
            public let overloadedSites: [String]

            enum CodingKeys: String, CodingKey {
                case technology, sites
                case networkOperator = "operator"
                case residentsServed = "residents_served"
                case erlangs = "busy_hour_erlangs"
                case channelsNeeded = "channels_needed"
                case transceiversNeeded = "trx_needed"
                case dataMbps = "data_mbps"
                case highestAirtimePercent = "highest_airtime_percent"
                case overloadedSites = "overloaded_sites"
            }
        }

        init(_ traffic: SiteTraffic) {
            let settings = traffic.settings
            subscribersPercent = settings.subscribersPercent
            voiceMilliErlangs = settings.voiceMilliErlangs
            blockingPercent = settings.blockingPercent
            dataKbps = settings.dataKbps
            halfRatePercent = settings.halfRatePercent
            operatorShares = settings.operatorShares.isEmpty ? nil : settings.operatorShares
            let operators = Set(traffic.loads.map(\.networkOperator)).sorted { ($0 ?? "") < ($1 ?? "") }
            technologies = operators.flatMap { networkOperator in
                Technology.allCases.map { technology in traffic.loads.filter { $0.technology == technology && $0.networkOperator == networkOperator } }
            }.compactMap { loads in
                guard let technology = loads.first?.technology else { return nil }
                let transceivers = loads.compactMap(\.transceiversNeeded), data = loads.compactMap(\.dataMbps)
                return TechnologyLoad(
                    technology: technology.rawValue, networkOperator: loads[0].networkOperator, sites: loads.count, residentsServed: loads.reduce(0) { $0 + $1.residentsServed },
                    erlangs: loads.reduce(0) { $0 + $1.erlangs }, channelsNeeded: loads.reduce(0) { $0 + $1.channelsNeeded },
                    transceiversNeeded: transceivers.isEmpty ? nil : transceivers.reduce(0, +),
                    dataMbps: data.isEmpty ? nil : data.reduce(0, +), highestAirtimePercent: loads.compactMap(\.airtimePercent).max(),
                    overloadedSites: loads.filter(\.isOverloaded).map(\.id)
                )
            }
        }

        enum CodingKeys: String, CodingKey {
            case technologies
            case subscribersPercent = "subscribers_percent"
            case voiceMilliErlangs = "voice_merl"
            case blockingPercent = "blocking_percent"
            case dataKbps = "data_kbps"
            case halfRatePercent = "half_rate_percent"
            case operatorShares = "operator_shares"
        }
    }
}
