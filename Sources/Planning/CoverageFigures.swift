/// Residents and area of a unit and how much of each is covered, per technology and for any technology.
public struct CoverageFigures: Sendable, Codable, Equatable {
    /// Census population of the unit.
    public var population: Double = 0
    /// Residents on the run's terrain (the population times the unit's terrain fraction).
    public var residents: Double = 0
    /// Area of the unit's cells that have terrain, km².
    public var areaKm2: Double = 0
    /// Covered residents per layer ("2G", "3G", "4G", "5G", "any").
    public var coveredResidents: [String: Double] = [:]
    /// Covered area per layer, km².
    public var coveredAreaKm2: [String: Double] = [:]

    public init() {}

    /// Covered residents as a percentage of the residents on the terrain; nil when there are none.
    public func residentsPercent(_ key: String) -> Double? {
        share(ofResidents: coveredResidents[key] ?? 0)
    }

    /// `count` residents as a percentage of the residents on the terrain; nil when there are none.
    public func share(ofResidents count: Double) -> Double? {
        residents > 0 ? 100 * count / residents : nil
    }

    /// Covered area as a percentage of the area on the terrain; nil when there is none.
    public func areaPercent(_ key: String) -> Double? {
        areaKm2 > 0 ? 100 * (coveredAreaKm2[key] ?? 0) / areaKm2 : nil
    }

    /// Adds another unit's figures (for aggregating communes into districts and provinces).
    public mutating func add(_ other: CoverageFigures) {
        population += other.population
        residents += other.residents
        areaKm2 += other.areaKm2
        coveredResidents.merge(other.coveredResidents, uniquingKeysWith: +)
        coveredAreaKm2.merge(other.coveredAreaKm2, uniquingKeysWith: +)
    }

    enum CodingKeys: String, CodingKey {
        case population, residents
        case areaKm2 = "area_km2"
        case coveredResidents = "covered_residents"
        case coveredAreaKm2 = "covered_area_km2"
    }
}
