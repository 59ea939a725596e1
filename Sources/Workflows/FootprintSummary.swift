import Coverage
import Foundation
import Geometry
import Propagation
import Terrain

/// The `summary.json` of a footprint run: settings, terrain voids, per-site and union areas, overlaps.
public struct FootprintSummary: Sendable, Codable, Equatable {
    public struct SiteArea: Sendable, Codable, Equatable {
        public let id: String
        public let technology: String
        public let frequencyMHz: Double
        public let eirpDBm: Double
        public let antennaHeightM: Double
        public let thresholdDBm: Double
        public let coveredCells: Int
        public let areaKm2: Double
    }

    public struct PairOverlap: Sendable, Codable, Equatable {
        public let a: String
        public let b: String
        public let areaKm2: Double
    }

    public let engine: String
    public let syntheticTerrain: Bool
    public let terrain: String
    public let sites: String
    public let model: String
    public let crs: String
    public let resolutionM: Double
    public let gridWidth: Int
    public let gridHeight: Int
    public let radiusKm: Double
    /// nil for a flat earth (k = ∞).
    public let kFactor: Double?
    public let receiverHeightM: Double
    public let thresholdsDBm: [String: Double]
    public let voids: VoidReport
    public let siteAreas: [SiteArea]
    public let unionAreaKm2: Double
    public let sumOfSiteAreasKm2: Double
    public let overlaps: [PairOverlap]
    /// Model warnings, e.g. an empirical model used outside its validity range.
    public let warnings: [String]

    enum CodingKeys: String, CodingKey {
        case engine, terrain, sites, model, crs, voids, overlaps, warnings
        case syntheticTerrain = "synthetic_terrain"
        case resolutionM = "resolution_m"
        case gridWidth = "grid_width"
        case gridHeight = "grid_height"
        case radiusKm = "radius_km"
        case kFactor = "k_factor"
        case receiverHeightM = "receiver_height_m"
        case thresholdsDBm = "thresholds_dbm"
        case siteAreas = "site_areas"
        case unionAreaKm2 = "union_area_km2"
        case sumOfSiteAreasKm2 = "sum_of_site_areas_km2"
    }

    /// Pretty-printed JSON with sorted keys, so equal runs give equal files.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension FootprintSummary.SiteArea {
    enum CodingKeys: String, CodingKey {
        case id, technology
        case frequencyMHz = "frequency_mhz"
        case eirpDBm = "eirp_dbm"
        case antennaHeightM = "height_m"
        case thresholdDBm = "threshold_dbm"
        case coveredCells = "covered_cells"
        case areaKm2 = "area_km2"
    }
}

extension FootprintSummary.PairOverlap {
    enum CodingKeys: String, CodingKey {
        case a, b
        case areaKm2 = "area_km2"
    }
}

/// Version string written into every result.
public let engineVersion = "phusong 0.1.0"
