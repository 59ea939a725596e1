/// One administrative unit's coverage figures.
public struct UnitStatistics: Sendable, Codable, Equatable {
    public let id: String
    public let name: String
    /// The parent district and province (nil at those levels themselves).
    public let district: AdminReference?
    public let province: AdminReference?
    public let priorityWeight: Double
    /// Communes only: the share of the commune on the terrain and how its residents were spread.
    public let terrainFraction: Double?
    public let weighting: String?
    public let figures: CoverageFigures

    /// True for a commune enough of which lies on the terrain to judge it against the target.
    public var isJudged: Bool {
        figures.residents > 0 && (terrainFraction ?? 0) >= ResidentStatistics.judgedTerrainFraction
    }

    enum CodingKeys: String, CodingKey {
        case id, name, district, province, weighting, figures
        case priorityWeight = "priority_weight"
        case terrainFraction = "terrain_fraction"
    }
}

/// Residents covered per technology and per administrative level (commune, district, province), with the
/// communes that meet the target, those left without coverage, and priority communes apart.
public struct ResidentStatistics: Sendable, Codable, Equatable {
    /// Where the residents came from: "dasymetric" or "uniform" spread of the census, "raster" or "settlements".
    public let residentsFrom: String
    /// Share of residents (%) a commune needs covered to meet the target.
    public let targetPercent: Double
    public let communes: [UnitStatistics]
    public let districts: [UnitStatistics]
    public let provinces: [UnitStatistics]
    /// Every commune together.
    public let total: CoverageFigures
    /// Priority communes together, and their ids.
    public let priority: CoverageFigures
    public let priorityCommunes: [String]
    /// Per layer, the judged communes whose covered share of residents meets the target.
    public let meetingTarget: [String: [String]]
    /// Judged communes none of whose residents any technology covers.
    public let withoutCoverage: [String]
    /// Communes with less than `judgedTerrainFraction` of their area on the terrain: their residents there
    /// count in the totals, but the commune is not judged against the target.
    public let partlyOnTerrain: [String]
    /// Communes with no terrain in this run (not counted anywhere).
    public let outsideTerrain: [String]
    /// Communes on the terrain without residents (population 0): not judged, no share to compute.
    public let withoutResidents: [String]

    /// A commune is judged (target met or not, without coverage) when at least this share of it has terrain.
    public static let judgedTerrainFraction = 0.5
    /// Outlines repaired while loading.
    public let repairs: [String]
    /// Residents of the source left out, and why.
    public let notes: [String]

    enum CodingKeys: String, CodingKey {
        case communes, districts, provinces, total, priority, repairs, notes
        case targetPercent = "target_percent"
        case residentsFrom = "residents_from"
        case priorityCommunes = "priority_communes"
        case meetingTarget = "meeting_target"
        case withoutCoverage = "without_coverage"
        case outsideTerrain = "outside_terrain"
        case partlyOnTerrain = "partly_on_terrain"
        case withoutResidents = "without_residents"
    }

    /// Sums residents and cell areas per commune under each coverage layer, then aggregates communes into
    /// their districts and provinces (in order of first appearance).
    public init(residents grid: ResidentGrid, coverage: CoverageMasks, targetPercent: Double = 97) {
        let units = grid.layer.units
        var figures = units.indices.map { index in
            var start = CoverageFigures()
            start.population = units[index].population
            start.residents = grid.placements[index].residents
            return start
        }
        let layers = CoverageMasks.keys.map { ($0, coverage.masks[$0]!) }
        for unit in units.indices {
            figures[unit].areaKm2 = Double(grid.unitCells[unit].count) * grid.cellAreaKm2
            for (key, mask) in layers {
                var residents = 0.0, cells = 0
                for (cell, value) in zip(grid.unitCells[unit], grid.unitResidents[unit]) where mask[cell] {
                    residents += value
                    cells += 1
                }
                figures[unit].coveredResidents[key] = residents
                figures[unit].coveredAreaKm2[key] = Double(cells) * grid.cellAreaKm2
            }
        }
        communes = units.indices.map { index in
            UnitStatistics(
                id: units[index].id, name: units[index].name, district: units[index].district,
                province: units[index].province, priorityWeight: units[index].priorityWeight,
                terrainFraction: grid.placements[index].terrainFraction, weighting: grid.placements[index].weighting,
                figures: figures[index]
            )
        }
        districts = Self.aggregate(communes, by: { $0.district! }, parent: { $0.province })
        provinces = Self.aggregate(communes, by: { $0.province! }, parent: { _ in nil })
        residentsFrom = grid.source
        self.targetPercent = targetPercent
        total = communes.reduce(into: CoverageFigures()) { $0.add($1.figures) }
        let prioritised = communes.filter { $0.priorityWeight > 0 }
        priority = prioritised.reduce(into: CoverageFigures()) { $0.add($1.figures) }
        priorityCommunes = prioritised.map(\.id)
        let judged = communes.filter(\.isJudged)
        meetingTarget = Dictionary(uniqueKeysWithValues: CoverageMasks.keys.map { key in
            (key, judged.filter { ($0.figures.residentsPercent(key) ?? 0) >= targetPercent }.map(\.id))
        })
        withoutCoverage = judged.filter { ($0.figures.coveredResidents["any"] ?? 0) == 0 }.map(\.id)
        let onTerrain = communes.filter { ($0.terrainFraction ?? 0) > 0 }
        withoutResidents = onTerrain.filter { $0.figures.residents == 0 }.map(\.id)
        partlyOnTerrain = onTerrain.filter { $0.figures.residents > 0 && !$0.isJudged }.map(\.id)
        outsideTerrain = communes.filter { ($0.terrainFraction ?? 0) == 0 }.map(\.id)
        repairs = grid.layer.repairs
        notes = grid.notes
    }

    private static func aggregate(
        _ communes: [UnitStatistics], by level: (UnitStatistics) -> AdminReference,
        parent: (UnitStatistics) -> AdminReference?
    ) -> [UnitStatistics] {
        var order: [AdminReference] = [], sums: [AdminReference: CoverageFigures] = [:], parents: [AdminReference: AdminReference] = [:]
        for commune in communes {
            let key = level(commune)
            if sums[key] == nil { order.append(key) }
            sums[key, default: CoverageFigures()].add(commune.figures)
            parents[key] = parent(commune)
        }
        return order.map { key in
            UnitStatistics(
                id: key.id, name: key.name, district: nil, province: parents[key], priorityWeight: 0,
                terrainFraction: nil, weighting: nil, figures: sums[key]!
            )
        }
    }
}
