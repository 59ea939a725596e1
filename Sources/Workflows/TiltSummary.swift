import Foundation
import Planning

/// `tilt.json` (and `tilts.csv`, its sectors): the tilts tried, what each technology's search served before and after,
/// and each sector's tilt before and after.
public struct TiltSummary: Sendable, Encodable, Equatable {
    /// One technology's search: residents served (weighted as `plan` weighs them, and as they are) before and after.
    public struct TechnologyResult: Sendable, Encodable, Equatable {
        public let technology: String
        public let sectors: Int
        public let turned: Int
        public let rounds: Int
        public let weightedBefore: Double
        public let weightedAfter: Double
        public let residentsBefore: Double
        public let residentsAfter: Double

        enum CodingKeys: String, CodingKey {
            case technology, sectors, turned, rounds
            case weightedBefore = "weighted_residents_served_before"
            case weightedAfter = "weighted_residents_served_after"
            case residentsBefore = "residents_served_before"
            case residentsAfter = "residents_served_after"
        }
    }

    /// One sector: which tilt turns, its tilt and azimuth before and after, and the residents it serves (as the strongest
    /// site covering them).
    public struct Sector: Sendable, Encodable, Equatable {
        public let id: String
        public let technology: String
        public let adjusts: TiltAdjustment
        public let tiltBefore: Double
        public let tiltAfter: Double
        public let azimuthBefore: Double
        public let azimuthAfter: Double
        public let residentsServedBefore: Double
        public let residentsServedAfter: Double

        enum CodingKeys: String, CodingKey {
            case id, technology, adjusts
            case tiltBefore = "tilt_before_deg"
            case tiltAfter = "tilt_after_deg"
            case azimuthBefore = "azimuth_before_deg"
            case azimuthAfter = "azimuth_after_deg"
            case residentsServedBefore = "residents_served_before"
            case residentsServedAfter = "residents_served_after"
        }
    }

    public let engine: String
    public let syntheticTerrain: Bool
    public let candidatesDeg: [Double]
    /// The azimuths tried, degrees from each sector's own.
    public let azimuthOffsetsDeg: [Double]
    /// The weighted residents a sector had to serve more to turn.
    public let minimumGain: Double
    /// The SINR a 4G server needs for its cell to count as served, with `--sinr`.
    public let sinrLimitDB: Double?
    public let technologies: [TechnologyResult]
    public let sectors: [Sector]
    /// With roads: what a kilometre of road served counts (`ObjectiveWeights.road`), and the length of road covered (any
    /// technology) with the tilts as given and as turned, km.
    public private(set) var roadWeight: Double?
    public private(set) var roadsCoveredKmBefore: Double?
    public private(set) var roadsCoveredKmAfter: Double?
    /// With facilities: what a facility served counts (`ObjectiveWeights.facility`), and how many any technology covers
    /// with the tilts as given and as turned.
    public private(set) var facilityWeight: Double?
    public private(set) var facilitiesCoveredBefore: Int?
    public private(set) var facilitiesCoveredAfter: Int?
    /// The searches' time (printed, not written: outputs stay byte-identical from run to run).
    public let searchSeconds: Double

    enum CodingKeys: String, CodingKey {
        case engine, technologies, sectors
        case syntheticTerrain = "synthetic_terrain"
        case candidatesDeg = "tilts_tried_deg"
        case azimuthOffsetsDeg = "azimuth_offsets_tried_deg"
        case minimumGain = "min_gain_residents"
        case sinrLimitDB = "sinr_limit_db"
        case roadWeight = "road_weight"
        case roadsCoveredKmBefore = "roads_covered_km_before"
        case roadsCoveredKmAfter = "roads_covered_km_after"
        case facilityWeight = "facility_weight"
        case facilitiesCoveredBefore = "facilities_covered_before"
        case facilitiesCoveredAfter = "facilities_covered_after"
    }

    /// This search with the roads and facilities that the evaluations of the sites as given (`before`) and as turned
    /// (`after`) cover, when they have any, and what `weights` made each count.
    func servingAlong(before: FootprintSummary, after: FootprintSummary, weights: ObjectiveWeights) -> TiltSummary {
        var summary = self
        if let roadsBefore = before.roads, let roadsAfter = after.roads {
            summary.roadWeight = weights.road
            (summary.roadsCoveredKmBefore, summary.roadsCoveredKmAfter) = (roadsBefore.total.coveredKm["any"], roadsAfter.total.coveredKm["any"])
        }
        if let facilitiesBefore = before.facilities, let facilitiesAfter = after.facilities {
            summary.facilityWeight = weights.facility
            summary.facilitiesCoveredBefore = facilitiesBefore.total.covered["any"]
            summary.facilitiesCoveredAfter = facilitiesAfter.total.covered["any"]
        }
        return summary
    }

    public func json() -> String { reportJSON(self) + "\n" }

    /// `tilts.csv`: a row per sector.
    public func csv() -> String {
        let rows = sectors.map { sector in
            [
                csvField(sector.id), sector.technology, sector.adjusts.rawValue, String(format: "%g", sector.tiltBefore),
                String(format: "%g", sector.tiltAfter), String(format: "%g", sector.tiltAfter - sector.tiltBefore),
                String(format: "%g", sector.azimuthBefore), String(format: "%g", sector.azimuthAfter),
                String(format: "%.1f", sector.residentsServedBefore), String(format: "%.1f", sector.residentsServedAfter),
            ].joined(separator: ",")
        }
        let header = "id,technology,adjusts,tilt_before_deg,tilt_after_deg,change_deg,azimuth_before_deg,azimuth_after_deg,"
            + "residents_served_before,residents_served_after"
        return ([header] + rows).joined(separator: "\n") + "\n"
    }
}
