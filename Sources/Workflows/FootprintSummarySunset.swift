extension FootprintSummary {
    /// In an evaluation with `--sunset`: the technologies switched off, the residents covered now whom the others
    /// leave without coverage (and their share of the residents), the area left, and the communes covered now that
    /// would have no coverage left.
    public struct Sunset: Sendable, Codable, Equatable {
        public let technologies: [String]
        public let residentsLosingCoverage: Double
        public let residentsPercentLosingCoverage: Double?
        public let areaKm2: Double
        public let communesLeftWithoutCoverage: [String]
        /// The share of each commune's residents losing coverage, by commune id, for communes with residents on the terrain.
        public let residentsPercentByCommune: [String: Double]

        enum CodingKeys: String, CodingKey {
            case technologies
            case residentsLosingCoverage = "residents_losing_coverage"
            case residentsPercentLosingCoverage = "residents_percent_losing_coverage"
            case areaKm2 = "area_km2"
            case communesLeftWithoutCoverage = "communes_left_without_coverage"
            case residentsPercentByCommune = "residents_percent_losing_coverage_by_commune"
        }
    }
}
