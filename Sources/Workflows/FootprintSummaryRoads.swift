import Planning

extension FootprintSummary {
    /// With `--roads`: how far along the roads the run covers, in all and per road.
    public struct Roads: Sendable, Codable, Equatable {
        /// One road's figures (or all roads').
        public struct Road: Sendable, Codable, Equatable {
            public let name: String
            public let features: Int
            public let lengthKm: Double
            /// The length on the run's grid over terrain, where coverage is known.
            public let inAreaKm: Double
            /// Per technology and "any", the length covered.
            public let coveredKm: [String: Double]
            /// The same as shares of the length in the area; empty when none of it is.
            public let coveredPercent: [String: Double]
            /// The longest stretch in the area no technology covers.
            public let longestGapKm: Double

            enum CodingKeys: String, CodingKey {
                case name = "road"
                case features
                case lengthKm = "length_km"
                case inAreaKm = "in_area_km"
                case coveredKm = "covered_km"
                case coveredPercent = "covered_percent"
                case longestGapKm = "longest_gap_km"
            }

            init(_ road: RoadCoverage.Road) {
                self.init(
                    name: road.name, features: road.features, lengthM: road.lengthM, inAreaM: road.inAreaM, coveredM: road.coveredM,
                    longestGapM: road.longestGapM
                )
            }

            init(name: String, features: Int, lengthM: Double, inAreaM: Double, coveredM: [String: Double], longestGapM: Double) {
                self.name = name
                self.features = features
                lengthKm = lengthM / 1_000
                inAreaKm = inAreaM / 1_000
                coveredKm = coveredM.mapValues { $0 / 1_000 }
                coveredPercent = inAreaM > 0 ? coveredM.mapValues { 100 * $0 / inAreaM } : [:]
                longestGapKm = longestGapM / 1_000
            }
        }

        /// One network's figures over the roads: every road together and each.
        public struct Network: Sendable, Codable, Equatable {
            /// Every road together, named "all roads"; its longest gap is the longest of any road.
            public let total: Road
            /// The road whose stretch without coverage is the longest; nil when no road has one.
            public let longestGapRoad: String?
            public let roads: [Road]

            enum CodingKeys: String, CodingKey {
                case total, roads
                case longestGapRoad = "longest_gap_road"
            }

            init(_ coverage: RoadCoverage) {
                let roads = coverage.roads
                var covered: [String: Double] = [:]
                for road in roads { covered.merge(road.coveredM, uniquingKeysWith: +) }
                let longest = roads.filter { $0.longestGapM > 0 }.max { $0.longestGapM < $1.longestGapM }
                total = Road(
                    name: "all roads", features: roads.reduce(0) { $0 + $1.features }, lengthM: roads.reduce(0) { $0 + $1.lengthM },
                    inAreaM: roads.reduce(0) { $0 + $1.inAreaM }, coveredM: covered, longestGapM: longest?.longestGapM ?? 0
                )
                longestGapRoad = longest?.name
                self.roads = roads.map(Road.init)
            }
        }

        /// The line layer, as given.
        public let file: String
        /// The attribute naming the roads; nil when each feature is a road of its own.
        public let nameField: String?
        /// Every road together, named "all roads"; its longest gap is the longest of any road.
        public let total: Road
        /// The road whose stretch without coverage is the longest; nil when no road has one.
        public let longestGapRoad: String?
        public let roads: [Road]
        /// When the sites name their operators: each operator's figures, its sites alone.
        public let operators: [String: Network]?

        enum CodingKeys: String, CodingKey {
            case file, total, roads, operators
            case nameField = "name_field"
            case longestGapRoad = "longest_gap_road"
        }

        /// `coverage` of every site, and `byOperator` of each operator's sites (empty when none names one).
        init(_ coverage: RoadCoverage, byOperator: [String: RoadCoverage], file: String, nameField: String?) {
            self.file = file
            self.nameField = nameField
            let all = Network(coverage)
            (total, longestGapRoad, roads) = (all.total, all.longestGapRoad, all.roads)
            operators = byOperator.isEmpty ? nil : byOperator.mapValues(Network.init)
        }
    }
}
