import Planning

extension FootprintSummary {
    /// In an evaluation: what one mast's outage costs (`masts.csv` has every mast's) — the covered residents whom a
    /// single mast covers, and the worst outages (with a backhaul's chains, each with the masts it cuts off).
    public struct MastOutages: Sendable, Codable, Equatable {
        public let masts: Int
        /// Covered residents whom only one mast covers: left without coverage when that mast is down.
        public let residentsOnOneMast: Double
        /// Their share of the covered residents, %.
        public let coveredResidentsPercentOnOneMast: Double?
        /// The masts whose outage leaves the most residents without coverage, worst first (ten at most, none that
        /// leaves nobody); with a backhaul, counting the masts each cuts off.
        public let worst: [Outage]
        /// The backhaul's `reach.csv` whose chains the outages follow; nil without one.
        public let backhaulReach: String?

        /// One mast's outage.
        public struct Outage: Sendable, Codable, Equatable {
            public let mast: String
            public let sites: [String]
            public let residentsOnlyItCovers: Double
            /// Of the residents on the terrain, %.
            public let residentsPercentOnlyItCovers: Double?
            public let communesLeftWithoutCoverage: [String]
            /// With a backhaul: the masts whose every chain to the fibre passes through this one, off air with it.
            public let mastsCutOff: [String]?
            /// With a backhaul: the residents no mast still on air covers while it and those it cuts off are down.
            public let residentsOnlyTheyCover: Double?
            /// Of the residents on the terrain, %.
            public let residentsPercentOnlyTheyCover: Double?
            public let communesOnlyTheyCover: [String]?

            enum CodingKeys: String, CodingKey {
                case mast, sites
                case residentsOnlyItCovers = "residents_only_it_covers"
                case residentsPercentOnlyItCovers = "residents_percent_only_it_covers"
                case communesLeftWithoutCoverage = "communes_left_without_coverage"
                case mastsCutOff = "masts_cut_off"
                case residentsOnlyTheyCover = "residents_only_they_cover"
                case residentsPercentOnlyTheyCover = "residents_percent_only_they_cover"
                case communesOnlyTheyCover = "communes_only_they_cover"
            }
        }

        /// The most outages `worst` lists.
        static let worstListed = 10

        init(_ outages: Workflows.MastOutages, total: CoverageFigures, backhaulReach: String?) {
            self.backhaulReach = backhaulReach
            masts = outages.masts.count
            residentsOnOneMast = outages.residentsOnOneMast
            let covered = total.coveredResidents["any"] ?? 0
            coveredResidentsPercentOnOneMast = covered > 0 ? 100 * outages.residentsOnOneMast / covered : nil
            worst = outages.masts.prefix(Self.worstListed).filter { ($0.cutOff?.loss ?? $0.loss).residents > 0 }.map { mast in
                Outage(
                    mast: mast.name, sites: mast.siteIDs, residentsOnlyItCovers: mast.loss.residents,
                    residentsPercentOnlyItCovers: total.share(ofResidents: mast.loss.residents),
                    communesLeftWithoutCoverage: mast.loss.communes, mastsCutOff: mast.cutOff?.masts,
                    residentsOnlyTheyCover: mast.cutOff?.loss.residents,
                    residentsPercentOnlyTheyCover: mast.cutOff.flatMap { total.share(ofResidents: $0.loss.residents) },
                    communesOnlyTheyCover: mast.cutOff?.loss.communes
                )
            }
        }

        enum CodingKeys: String, CodingKey {
            case masts, worst
            case backhaulReach = "backhaul_reach"
            case residentsOnOneMast = "residents_on_one_mast"
            case coveredResidentsPercentOnOneMast = "covered_residents_percent_on_one_mast"
        }
    }
}
