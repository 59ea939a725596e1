import Planning

extension FootprintSummary {
    /// In an evaluation: the gaps in the coverage of residents — within each commune, the connected cells holding
    /// residents that the layer misses — most residents first (`gaps.csv` lists every one at the minimum or above).
    public struct Gaps: Sendable, Codable, Equatable {
        /// One gap: where it is, how many it leaves out, and the site nearest to it.
        public struct Gap: Sendable, Codable, Equatable {
            public let gap: String
            public let communeID: String
            public let commune: String
            public let residents: Double
            public let areaKm2: Double
            /// The gap's cell nearest its residents' centre of mass (inside the gap).
            public let latitude: Double
            public let longitude: Double
            public let nearestSite: String?
            public let nearestSiteKm: Double?

            enum CodingKeys: String, CodingKey {
                case gap, commune, residents, latitude, longitude
                case communeID = "commune_id"
                case areaKm2 = "area_km2"
                case nearestSite = "nearest_site"
                case nearestSiteKm = "nearest_site_km"
            }
        }

        /// The coverage layer whose gaps these are: a technology, or "any" (where no technology covers).
        public let technology: String
        /// The operator whose sites' coverage it is; nil for every site's.
        public let networkOperator: String?
        public let minResidents: Double
        /// The gaps at the minimum or above, and their residents.
        public let count: Int
        public let residents: Double
        /// The gaps under the minimum, and their residents.
        public let smallerGaps: Int
        public let smallerGapsResidents: Double
        /// The residents of the largest gap, listed or not (0 when the layer misses nobody).
        public let largestResidents: Double
        /// The first ten gaps.
        public let largest: [Gap]

        enum CodingKeys: String, CodingKey {
            case technology, count, residents, largest
            case networkOperator = "operator"
            case minResidents = "min_residents"
            case smallerGaps = "smaller_gaps"
            case smallerGapsResidents = "smaller_gaps_residents"
            case largestResidents = "largest_residents"
        }

        init(_ report: GapReport, layer: AdminLayer) {
            technology = report.settings.layer
            networkOperator = report.settings.networkOperator
            minResidents = report.settings.minimumResidents
            count = report.rows.count
            residents = report.rows.reduce(0) { $0 + $1.gap.residents }
            smallerGaps = report.gaps.smallerGaps
            smallerGapsResidents = report.gaps.smallerGapsResidents
            largestResidents = report.gaps.largestResidents
            largest = report.rows.prefix(10).map { row in
                let unit = layer.units[row.gap.unit]
                return Gap(
                    gap: row.id, communeID: unit.id, commune: unit.name, residents: row.gap.residents,
                    areaKm2: row.areaKm2, latitude: row.centre.latitude, longitude: row.centre.longitude,
                    nearestSite: row.nearestSite?.id, nearestSiteKm: row.nearestSite?.km
                )
            }
        }
    }
}
