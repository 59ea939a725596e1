import Foundation
import Geometry
import Propagation
import Terrain

/// `phusong emf`'s outputs: `emf.csv`, a row per mast, and `emf_zones.geojson`, each mast's compliance zone seen from
/// above with the same figures.
enum EMFOutputs {
    static let columns = [
        "mast", "sites", "latitude", "longitude", "full_load_eirp_w", "zone_reach_m", "zone_reach_azimuth_deg", "zone_bottom_m",
        "zone_top_m", "ground_max_ratio", "ground_max_distance_m", "ground_max_azimuth_deg", "ground_over_limit_m2",
        "ground_assessed_percent", "compliant", "limits",
    ]

    static func csv(_ masts: [MastExposure], limits: ExposureLimits) -> String {
        let rows = masts.map { ReportField.csvLine(fields($0, limits: limits)) }
        return ([columns.joined(separator: ",")] + rows).joined(separator: "\n") + "\n"
    }

    static func geoJSON(_ masts: [MastExposure], limits: ExposureLimits, syntheticTerrain: Bool) throws(InputError) -> String {
        let groups = Dictionary(grouping: masts.indices) { masts[$0].crs }.sorted { $0.value[0] < $1.value[0] }.map { crs, members in
            (crs: crs, features: members.map { index in
                let mast = masts[index]
                var properties = ReportField.properties(fields(mast, limits: limits), named: columns)
                properties["synthetic_terrain"] = .bool(syntheticTerrain)
                let polygons = mast.zoneOutline.map { ring in Polygon(exterior: Ring(points: ring.map { MapPoint(x: $0.x, y: $0.y) })) }
                return GeoJSONFeature(shape: MultiPolygon(polygons: polygons), properties: properties)
            })
        }
        do {
            return try GeoJSONWriter.featureCollection(groups: groups)
        } catch {
            throw InputError(path: "emf_zones.geojson", reason: error.message)
        }
    }

    /// A mast's figures, in `columns`' order (`compliant` absent where unknown).
    private static func fields(_ mast: MastExposure, limits: ExposureLimits) -> [ReportField] {
        [
            .text(mast.name), .text(mast.siteIDs.joined(separator: " ")), .number(mast.location.latitude, 6),
            .number(mast.location.longitude, 6), .number(mast.fullLoadEIRPWatts, 1), .number(mast.zoneReachM, 2),
            .number(Double(mast.zoneReachAzimuth), 0), .number(mast.zoneBottomM, 1), .number(mast.zoneTopM, 1),
            .number(mast.groundMaximumRatio, 4), .number(mast.groundMaximumDistanceM, 1), .number(mast.groundMaximumAzimuth, 0),
            .number(mast.groundOverLimitM2, 0), .number(mast.groundAssessedPercent, 1), .flag(mast.isCompliant), .text(limits.rawValue),
        ]
    }
}
