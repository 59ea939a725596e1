import Coverage

extension FootprintSummary {
    /// Where a run's clutter came from, and how many grid cells each class holds.
    public struct Clutter: Sendable, Codable, Equatable {
        public let raster: String
        public let losses: String
        /// The table's dB per class, the classes as text (JSON keys).
        public let lossesDB: [String: Double]
        /// Grid cells per class, the classes as text.
        public let cellsPerClass: [String: Int]
        /// Grid cells the raster does not cover: they lose nothing.
        public let cellsWithoutClass: Int
        /// Per class, how much of it the sites cover: over the communes' cells in an evaluation, else over the grid.
        public var coverageByClass: [String: ClassCoverage] = [:]
        /// Where `coverageByClass` counts: "communes" or "grid".
        public var coverageWithin = "grid"
        /// The residential classes' land together, where the run names them (`residential_classes`).
        public var residential: Residential?

        /// The residential classes' cells together: their area and the share each coverage layer covers.
        public struct Residential: Sendable, Codable, Equatable {
            public let classes: [String]
            public let areaKm2: Double
            public let coveredPercent: [String: Double]
            /// In an evaluation, each commune's residential land (by commune id; communes without any left out).
            public var byCommune: [String: ClassCoverage] = [:]

            /// The classes' shares in `byClass` pooled, weighed by their cells; nil when none has a cell.
            init?(classes: Set<Int32>, byClass: [String: ClassCoverage]) {
                let names = classes.sorted().map { "\($0)" }, present = names.compactMap { byClass[$0] }
                let cells = present.reduce(0) { $0 + $1.cells }
                guard !classes.isEmpty, cells > 0 else { return nil }
                self.classes = names
                areaKm2 = present.reduce(0) { $0 + $1.areaKm2 }
                coveredPercent = Dictionary(uniqueKeysWithValues: (present.first?.coveredPercent.keys ?? [:].keys).map { key in
                    (key, present.reduce(0) { $0 + Double($1.cells) * ($1.coveredPercent[key] ?? 0) } / Double(cells))
                })
            }

            enum CodingKeys: String, CodingKey {
                case classes
                case areaKm2 = "area_km2"
                case coveredPercent = "covered_percent"
                case byCommune = "by_commune"
            }
        }

        init(_ losses: ClutterLosses) {
            raster = losses.request.rasterPath
            self.losses = losses.request.lossesPath
            lossesDB = Dictionary(uniqueKeysWithValues: losses.lossByClass.map { ("\($0)", $1) })
            cellsPerClass = Dictionary(uniqueKeysWithValues: losses.cellsPerClass.map { ("\($0)", $1) })
            cellsWithoutClass = losses.cellsWithoutClass
        }

        enum CodingKeys: String, CodingKey {
            case raster, losses
            case lossesDB = "losses_db"
            case cellsPerClass = "cells_per_class"
            case cellsWithoutClass = "cells_without_class"
            case coverageByClass = "coverage_by_class"
            case coverageWithin = "coverage_within"
            case residential
        }
    }

    /// Cells of land — a land-cover class, or a commune's residential land — and the share of them each coverage layer
    /// covers.
    public struct ClassCoverage: Sendable, Codable, Equatable {
        public let cells: Int
        public let areaKm2: Double
        /// Percent of the class's cells covered, per technology and "any".
        public let coveredPercent: [String: Double]

        enum CodingKeys: String, CodingKey {
            case cells
            case areaKm2 = "area_km2"
            case coveredPercent = "covered_percent"
        }
    }
}
