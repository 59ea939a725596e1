import Foundation
import Geometry
import Terrain

/// `phusong backhaul`'s outputs: `hops.csv`, a row per hop, and `hops.geojson`, each hop a line from one mast to the
/// other with the same figures.
enum BackhaulOutputs {
    static let columns = [
        "from", "to", "length_m", "loss_db", "mode", "line_of_sight", "clears_60_percent", "worst_fraction", "worst_distance_m",
        "raise_both_m", "raise_from_m", "raise_to_m", "gaseous_absorption_db",
        "received_power_dbm", "margin_db", "closes", "rain_fade_0_01_db", "rain_outage_percent", "multipath_outage_percent",
        "availability_percent",
    ]

    static func csv(_ hops: [Hop]) -> String {
        let rows = hops.map { ReportField.csvLine(fields($0)) }
        return ([columns.joined(separator: ",")] + rows).joined(separator: "\n") + "\n"
    }

    static func geoJSON(_ hops: [Hop], syntheticTerrain: Bool) -> String {
        GeoJSONWriter.lineCollection(hops.map { hop in
            var properties = ReportField.properties(fields(hop), named: columns)
            properties["synthetic_terrain"] = .bool(syntheticTerrain)
            let ends = [hop.from.location, hop.to.location].map { MapPoint(x: $0.longitude, y: $0.latitude) }
            return (ends, properties)
        })
    }

    /// A hop's figures, in `columns`' order (absent where the request gave no budget or climate).
    private static func fields(_ hop: Hop) -> [ReportField] {
        [
            .text(hop.from.id), .text(hop.to.id), .number(hop.lengthM, 1), .number(hop.lossDB, 2), .text(hop.mode ?? ""),
            .flag(hop.fresnel.lineOfSight), .flag(hop.fresnel.clears60Percent), .number(hop.fresnel.worstFraction, 3),
            .number(hop.fresnel.worstDistanceM, 1), .number(hop.fresnel.raiseBothM, 1), .number(hop.fresnel.raiseFromM, 1),
            .number(hop.fresnel.raiseToM, 1), .number(hop.gaseousAbsorptionDB, 2), .number(hop.budget?.receivedPowerDBm, 2), .number(hop.budget?.marginDB, 2),
            .flag(hop.budget?.closes), .number(hop.availability?.rainFade001DB, 2), .number(hop.availability?.rainOutagePercent, 6),
            .number(hop.availability?.multipathOutagePercent, 6), .number(hop.availability?.availabilityPercent, 6),
        ]
    }
}
