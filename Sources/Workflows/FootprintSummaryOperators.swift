import Planning

extension FootprintSummary {
    /// In an evaluation of sites that name their operators: each operator's network and the residents it covers, and the
    /// residents by how many operators cover them.
    public struct Operators: Sendable, Codable, Equatable {
        /// One operator's sites and what they cover.
        public struct Network: Sendable, Codable, Equatable {
            public let name: String
            public let sites: Int
            public let masts: Int
            /// Its figures over every commune, as the run's `residents.total` gives them for all sites.
            public let total: CoverageFigures
            /// Its figures over the priority communes together (`--priority-field`); nil when there are none.
            public let priority: CoverageFigures?
            /// Covered residents as a share of the residents on the terrain, per layer ("2G", "3G", "4G", "5G", "any").
            public let residentsPercent: [String: Double]
            /// The same shares of each commune's residents, by commune id, for the communes with residents on the terrain.
            public let residentsPercentByCommune: [String: [String: Double]]
            /// The judged communes where it covers the target share of residents (any technology).
            public let communesMeetingTarget: [String]
            /// Residents it covers and no other operator does, and their share of the residents on the terrain.
            public let residentsOnlyItCovers: Double
            public let residentsPercentOnlyItCovers: Double?

            enum CodingKeys: String, CodingKey {
                case total, priority, sites, masts
                case name = "operator"
                case residentsPercent = "residents_percent"
                case residentsPercentByCommune = "residents_percent_by_commune"
                case communesMeetingTarget = "communes_meeting_target"
                case residentsOnlyItCovers = "residents_only_it_covers"
                case residentsPercentOnlyItCovers = "residents_percent_only_it_covers"
            }
        }

        public let networks: [Network]
        /// Residents on the terrain by how many operators cover them: "0" (none), "1" (no other to turn to), "2", ….
        public let residentsByOperatorCount: [String: Double]

        enum CodingKeys: String, CodingKey {
            case networks
            case residentsByOperatorCount = "residents_by_operators_covering"
        }
    }
}
