import Coverage
import Foundation
import Geometry
import Propagation
import Terrain

/// One relation of a neighbour list as the run's files give it: `neighbours.csv` (within a technology),
/// `inter_technology_neighbours.csv` (between two) and `neighbours.geojson` (both, as lines on a map).
struct NeighbourRow {
    let sourceTechnology: Technology
    /// The source site's index among the run's sites.
    let source: Int
    let targetTechnology: Technology
    let target: Int
    /// 1 for the first neighbour the source lists.
    let rank: Int
    /// Why the source lists the target.
    let reason: NeighbourLists.Reason
    /// The source's best-server cells.
    let sourceCells: Int
    /// The cells among them where the target counts.
    let cells: Int
    /// Whether the two transmit on one frequency; nil between technologies.
    let sameFrequency: Bool?

    /// The target's cells as a share of the source's, percent.
    var percent: Double { sourceCells == 0 ? 0 : 100 * Double(cells) / Double(sourceCells) }

    /// Where a relation's line ends at a site: 150 m out along a directional antenna's azimuth, so that the sectors of
    /// a mast stand apart; the site itself for an omnidirectional one.
    static func anchor(of site: Site) -> MapPoint {
        let anchor = site.antenna.isOmni ? site.location : site.location.moved(metres: 150, bearing: site.antenna.azimuth)
        return MapPoint(x: anchor.longitude, y: anchor.latitude)
    }

    /// `neighbours.geojson`: every relation a line from its source's anchor to its target's, with the CSVs' figures.
    static func geoJSON(_ rows: [NeighbourRow], sites: [Site]) -> String {
        GeoJSONWriter.lineCollection(rows.map { row in
            let properties: [String: GeoJSONValue] = [
                "source_technology": .string(row.sourceTechnology.rawValue), "source": .string(sites[row.source].id),
                "target_technology": .string(row.targetTechnology.rawValue), "target": .string(sites[row.target].id),
                "rank": .integer(row.rank), "reason": .string(row.reason.rawValue),
                "source_cells": .integer(row.sourceCells), "cells": .integer(row.cells),
                "percent": .number((row.percent * 1_000).rounded() / 1_000), "same_frequency": row.sameFrequency.map(GeoJSONValue.bool) ?? .null,
            ]
            return ([anchor(of: sites[row.source]), anchor(of: sites[row.target])], properties)
        })
    }
}
