import Planning

extension FootprintSummary {
    /// In an evaluation: what one mast's outage costs (`masts.csv` has every mast's) — the covered residents whom a
    /// single mast covers, and the worst outages.
    public struct MastOutages: Sendable, Codable, Equatable {
        public let masts: Int
        /// Covered residents whom only one mast covers: left without coverage when that mast is down.
        public let residentsOnOneMast: Double
        /// Their share of the covered residents, %.
        public let coveredResidentsPercentOnOneMast: Double?
        /// The masts whose outage leaves the most residents without coverage, worst first (ten at most, none that
        /// leaves nobody).
        public let worst: [Outage]

        /// One mast's outage.
        public struct Outage: Sendable, Codable, Equatable {
            public let mast: String
            public let sites: [String]
            public let residentsOnlyItCovers: Double
            /// Of the residents on the terrain, %.
            public let residentsPercentOnlyItCovers: Double?
            public let communesLeftWithoutCoverage: [String]

            enum CodingKeys: String, CodingKey {
                case mast, sites
                case residentsOnlyItCovers = "residents_only_it_covers"
                case residentsPercentOnlyItCovers = "residents_percent_only_it_covers"
                case communesLeftWithoutCoverage = "communes_left_without_coverage"
            }
        }

        /// The most outages `worst` lists.
        static let worstListed = 10

        init(_ outages: Workflows.MastOutages, total: CoverageFigures) {
            masts = outages.masts.count
            residentsOnOneMast = outages.residentsOnOneMast
            let covered = total.coveredResidents["any"] ?? 0
            coveredResidentsPercentOnOneMast = covered > 0 ? 100 * outages.residentsOnOneMast / covered : nil
            worst = outages.masts.prefix(Self.worstListed).filter { $0.residentsOnlyItCovers > 0 }.map { mast in
                Outage(
                    mast: mast.name, sites: mast.siteIDs, residentsOnlyItCovers: mast.residentsOnlyItCovers,
                    residentsPercentOnlyItCovers: total.share(ofResidents: mast.residentsOnlyItCovers),
                    communesLeftWithoutCoverage: mast.communesLeftWithoutCoverage
                )
            }
        }

        enum CodingKeys: String, CodingKey {
            case masts, worst
            case residentsOnOneMast = "residents_on_one_mast"
            case coveredResidentsPercentOnOneMast = "covered_residents_percent_on_one_mast"
        }
    }
}
