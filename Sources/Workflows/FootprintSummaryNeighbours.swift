extension FootprintSummary {
    /// The neighbour lists of a run with `--neighbours` (`neighbours.csv`, `inter_technology_neighbours.csv`): the
    /// settings, per technology of two sites or more its relations, and per ordered pair of the run's technologies the
    /// relations between them.
    public struct Neighbours: Sendable, Codable, Equatable {
        public let marginDB: Double
        public let minimumPercent: Double
        public let maximum: Int
        /// Sites of one technology this close stand on one mast.
        public let coSiteWithinM: Double
        /// How many of the strongest sites each cell kept.
        public let sitesKeptPerCell: Int
        public let technologies: [TechnologyNeighbours]
        public let interTechnology: [InterTechnologyTotals]

        /// The relations from one technology's sites to another's.
        public struct InterTechnologyTotals: Sendable, Codable, Equatable {
            public let from: String
            public let to: String
            public let relations: Int
            /// Relations by reason: `co-site`, `coverage`.
            public let byReason: [String: Int]
            public let leftOut: Int
            /// Sites of `from` without a neighbour in `to`.
            public let sitesWithoutNeighbours: [String]

            enum CodingKeys: String, CodingKey {
                case from, to, relations
                case byReason = "by_reason"
                case leftOut = "left_out"
                case sitesWithoutNeighbours = "sites_without_neighbours"
            }
        }

        /// One technology's relations.
        public struct TechnologyNeighbours: Sendable, Codable, Equatable {
            public let technology: String
            public let sites: Int
            public let relations: Int
            /// Relations by reason: `co-site`, `coverage`, `mutual`.
            public let byReason: [String: Int]
            /// Relations the maximum per site left out.
            public let leftOut: Int
            /// Relations between sites on one carrier: for 2G, one BCCH channel, which a handset cannot tell apart.
            public let sameFrequency: Int
            /// Sites listing no neighbour: a handset they serve cannot hand over.
            public let sitesWithoutNeighbours: [String]
            /// Cells where every site kept lay within the margin, so that weaker ones may be missing from the counts.
            public let cellsWithEveryKeptSiteWithin: Int
            /// With an identity for every site (2G: BCCH and BSIC; 4G: carrier and PCI), the pairs of neighbours on one
            /// identity and the pairs of one site's neighbours on one identity; absent without.
            public let identityCollisions: Int?
            public let identityConfusions: Int?

            enum CodingKeys: String, CodingKey {
                case technology, sites, relations
                case byReason = "by_reason"
                case leftOut = "left_out"
                case sameFrequency = "same_frequency"
                case sitesWithoutNeighbours = "sites_without_neighbours"
                case cellsWithEveryKeptSiteWithin = "cells_with_every_kept_site_within"
                case identityCollisions = "identity_collisions"
                case identityConfusions = "identity_confusions"
            }
        }

        enum CodingKeys: String, CodingKey {
            case maximum, technologies
            case interTechnology = "inter_technology"
            case marginDB = "margin_db"
            case minimumPercent = "minimum_percent"
            case coSiteWithinM = "co_site_within_m"
            case sitesKeptPerCell = "sites_kept_per_cell"
        }
    }
}
