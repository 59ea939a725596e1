import Planning

extension FootprintSummary {
    /// With `--facilities`: how many of the places that must have coverage the run covers, in all and per kind.
    public struct Facilities: Sendable, Codable, Equatable {
        /// The figures of some facilities: every one, or those of one kind.
        public struct Group: Sendable, Codable, Equatable {
            /// The kind, or "all".
            public let type: String
            public let count: Int
            /// Those on the run's grid over terrain, where coverage is known.
            public let inArea: Int
            /// Per key of `CoverageMasks.keys`, those covered.
            public let covered: [String: Int]
            /// The same as shares of those in the area; empty when none is.
            public let coveredPercent: [String: Double]

            enum CodingKeys: String, CodingKey {
                case type, count, covered
                case inArea = "in_area"
                case coveredPercent = "covered_percent"
            }

            /// `facilities` of `type`, each covered by the keys `coveredBy` gives.
            init(type: String, _ facilities: [FacilityCoverage.Facility], coveredBy: (FacilityCoverage.Facility) -> Set<String>) {
                self.type = type
                count = facilities.count
                let inArea = facilities.filter { $0.cell != nil }
                self.inArea = inArea.count
                var covered = Dictionary(uniqueKeysWithValues: CoverageMasks.keys.map { ($0, 0) })
                for facility in inArea { for key in coveredBy(facility) { covered[key]! += 1 } }
                self.covered = covered
                coveredPercent = inArea.isEmpty ? [:] : covered.mapValues { 100 * Double($0) / Double(inArea.count) }
            }
        }

        /// One network's figures: every facility together and each kind's, kinds in the order they first appear.
        public struct Network: Sendable, Codable, Equatable {
            public let total: Group
            public let byType: [Group]

            enum CodingKeys: String, CodingKey {
                case total
                case byType = "by_type"
            }

            init(_ facilities: [FacilityCoverage.Facility], coveredBy: (FacilityCoverage.Facility) -> Set<String>) {
                total = Group(type: "all", facilities, coveredBy: coveredBy)
                var kinds: [String] = []
                for facility in facilities where !kinds.contains(facility.kind) { kinds.append(facility.kind) }
                byType = kinds.map { kind in Group(type: kind, facilities.filter { $0.kind == kind }, coveredBy: coveredBy) }
            }
        }

        /// The point layer, as given.
        public let file: String
        /// The attributes naming the facilities and giving their kinds; nil where the layer has none.
        public let nameField: String?
        public let typeField: String?
        public let total: Group
        public let byType: [Group]
        /// The first ten facilities in the area that no technology covers, in the layer's order.
        public let notCovered: [String]
        /// When the sites name their operators: each operator's figures, its sites alone.
        public let operators: [String: Network]?

        enum CodingKeys: String, CodingKey {
            case file, total, operators
            case nameField = "name_field"
            case typeField = "type_field"
            case byType = "by_type"
            case notCovered = "not_covered"
        }

        /// `coverage`'s facilities, read from `file`; `operators` names the run's operators (empty when no site names one).
        init(_ coverage: FacilityCoverage, operators: [String], file: String, nameField: String?, typeField: String?) {
            self.file = file
            self.nameField = nameField
            self.typeField = typeField
            let all = Network(coverage.facilities, coveredBy: \.coveredBy)
            (total, byType) = (all.total, all.byType)
            notCovered = Array(coverage.facilities.filter { $0.cell != nil && $0.servers.isEmpty }.prefix(10).map(\.name))
            self.operators = operators.isEmpty ? nil : Dictionary(uniqueKeysWithValues: operators.map { name in
                (name, Network(coverage.facilities) { $0.operators[name] ?? [] })
            })
        }
    }
}
