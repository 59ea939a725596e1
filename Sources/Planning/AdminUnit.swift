import Geometry
import Terrain

/// An administrative unit (e.g. a commune) with its census population, its parents and its outline.
public struct AdminUnit: Sendable {
    public let id: String
    public let name: String
    public let district: AdminReference
    public let province: AdminReference
    /// Residents counted by the census.
    public let population: Double
    /// Priority weight (e.g. 2 for an especially disadvantaged commune); 0 = not a priority unit.
    public var priorityWeight: Double
    /// Outline in WGS84 (x = longitude, y = latitude), valid by OGC rules.
    public let shape: MultiPolygon

    public init(
        id: String, name: String, district: AdminReference, province: AdminReference, population: Double,
        priorityWeight: Double = 0, shape: MultiPolygon
    ) {
        self.id = id
        self.name = name
        self.district = district
        self.province = province
        self.population = population
        self.priorityWeight = priorityWeight
        self.shape = shape
    }

    public var isPriority: Bool { priorityWeight > 0 }
}

/// The id and name of a parent unit (district, province).
public struct AdminReference: Sendable, Hashable, Codable {
    public let id: String
    public let name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// Property names read from an administrative layer. Defaults match the Vietnamese census files.
public struct AdminFields: Sendable, Equatable {
    public var id = "commune_id"
    public var name = "commune"
    public var population = "population"
    public var districtID = "district_id"
    public var districtName = "district"
    public var provinceID = "province_id"
    public var provinceName = "province"
    /// A numeric property whose positive values mark priority units (and weigh them); nil = none.
    public var priority: String?

    public init() {}

    /// The properties every unit needs, each with the command-line option and the claim or manifest field
    /// (under `population_fields`) that name it.
    var required: [(property: String, namedBy: String)] {
        [
            (id, "--id-field (population_fields.id)"), (name, "--name-field (population_fields.name)"),
            (population, "--population-field (population_fields.population)"),
            (districtID, "--district-field (population_fields.district_id)"),
            (provinceID, "--province-field (population_fields.province_id)"),
        ] + [priority].compactMap { $0.map { ($0, "--priority-field (population_fields.priority)") } }
    }
}
