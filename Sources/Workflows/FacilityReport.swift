import Coverage
import Geometry
import Planning
import Propagation
import Terrain

/// `--facilities`: a point layer of places that must have coverage, read before any footprint, then looked up on a
/// run's coverage into `summary.json`'s `facilities`, `facilities.csv` (a row per facility), the GeoPackage's
/// `facilities` and a folder of `coverage.kmz`.
package struct FacilityReport {
    let request: FacilitiesRequest
    private let layer: PointLayer
    /// The attributes naming the facilities and giving their kinds as found in the layer; nil where it has none.
    let nameField: String?
    let typeField: String?

    /// Reads the layer; a name or type field asked for that it lacks, and a layer without features, are refused.
    package init(_ request: FacilitiesRequest) throws(InputError) {
        self.request = request
        let name = request.nameField ?? "name", type = request.typeField ?? "type"
        layer = try PointLayer(path: request.path, options: PointLayer.csvCoordinateOptions, attributes: [name, type])
        for (asked, option) in [(request.nameField, "--facility-name-field"), (request.typeField, "--facility-type-field")] {
            if let asked, !layer.foundAttributes.contains(asked) {
                throw InputError(
                    path: request.path, reason: "missing attribute '\(asked)' (\(option)); the layer has: \(layer.fieldNames.joined(separator: ", "))"
                )
            }
        }
        guard !layer.features.isEmpty else { throw InputError(path: request.path, reason: "holds no facility (no point feature)") }
        nameField = layer.foundAttributes.contains(name) ? name : nil
        typeField = layer.foundAttributes.contains(type) ? type : nil
    }

    /// Each facility's name (`facility N` without one), kind (`facility` without one) and position in longitude/latitude
    /// and on `grid`'s CRS.
    package func points(on grid: TerrainGrid) throws(InputError) -> [(name: String, kind: String, location: GeoPoint, position: MapPoint)] {
        let onGrid = try layer.positions(in: grid.crs), geographic = try layer.positions(in: wgs84)
        return layer.features.indices.map { index in
            let feature = layer.features[index]
            func text(_ field: String?) -> String? { field.flatMap { feature.attributes[$0] }.flatMap { $0.isEmpty ? nil : $0 } }
            return (
                text(nameField) ?? "facility \(feature.number)", text(typeField) ?? "facility",
                GeoPoint(latitude: geographic[index].y, longitude: geographic[index].x), onGrid[index]
            )
        }
    }

    /// `coverage` of every site into `summary`'s `facilities` and `facilities.csv`; returns the GeoPackage's `facilities`.
    func write(
        _ coverage: FacilityCoverage, sites: [Site], operators: [String], grid: TerrainGrid, staging: OutputStaging, summary: inout FootprintSummary
    ) throws(InputError) -> FeatureTable {
        summary.facilities = FootprintSummary.Facilities(coverage, operators: operators, file: request.path, nameField: nameField, typeField: typeField)
        let table = Self.table(coverage, sites: sites, grid: grid)
        try staging.write(table.csv, to: "facilities.csv")
        return table
    }

    /// `facilities.csv` and the GeoPackage's `facilities` (points on the grid's CRS): a row per facility in the layer's
    /// order, with per technology its server, the server's power and its margin over the server's threshold.
    static func table(_ coverage: FacilityCoverage, sites: [Site], grid: TerrainGrid) -> FeatureTable {
        let technologies = Technology.allCases.map { $0.rawValue.lowercased() }
        var table = FeatureTable(
            name: "facilities", crs: grid.crs,
            columns: ["facility", "type", "lon", "lat", "in_area", "covered_any"]
                + technologies.flatMap { ["server_\($0)", "dbm_\($0)", "margin_db_\($0)"] }
                + ["operators", "nearest_site", "nearest_site_km", "synthetic_terrain"],
            textColumns: Set(
                ["facility", "type", "in_area", "covered_any", "operators", "nearest_site", "synthetic_terrain"] + technologies.map { "server_\($0)" }
            )
        )
        for facility in coverage.facilities {
            let service = Technology.allCases.flatMap { technology in
                facility.servers[technology].map { [sites[$0.site].id, fixed($0.powerDBm, 2), fixed($0.marginDB, 2)] } ?? ["", "", ""]
            }
            let inArea = facility.cell != nil
            table.append(
                [facility.name, facility.kind, fixed(facility.location.longitude, 6), fixed(facility.location.latitude, 6), inArea ? "yes" : "no",
                 inArea ? (facility.servers.isEmpty ? "no" : "yes") : ""]
                    + service
                    + [facility.operators.keys.sorted().joined(separator: ";"), facility.nearestSite?.id ?? "",
                       facility.nearestSite.map { fixed($0.km, 3) } ?? "", grid.isSynthetic ? "yes" : "no"],
                shape: .point(facility.position)
            )
        }
        return table
    }

    /// How `coverage.kmz` draws the facilities: the GeoPackage style's green and red.
    static let kmlStyles = [
        KMLStyle(id: "facility-covered", fill: (0, 0, 0, 0), line: (0, 0, 0, 0), icon: (26, 150, 65, 255)),
        KMLStyle(id: "facility-not-covered", fill: (0, 0, 0, 0), line: (0, 0, 0, 0), icon: (215, 25, 28, 255)),
    ]

    /// The folder "Facilities" of `coverage.kmz`: those in the run's area, in the layer's order, each described by its
    /// kind, its servers and, without one, its nearest site.
    static func overlay(_ coverage: FacilityCoverage, sites: [Site]) -> KMLOverlay {
        let placemarks = coverage.facilities.filter { $0.cell != nil }.map { facility in
            let servers = Technology.allCases.compactMap { technology in
                facility.servers[technology].map { String(format: "%@ from %@, %.1f dBm (%.1f dB above its threshold)", technology.rawValue, sites[$0.site].id, $0.powerDBm, $0.marginDB) }
            }
            var description = facility.kind + ": " + (servers.isEmpty ? "no coverage" : servers.joined(separator: "; "))
            if servers.isEmpty, let site = facility.nearestSite { description += String(format: "; nearest site %@, %.1f km", site.id, site.km) }
            return KMLPlacemark(
                name: facility.name, description: description, style: facility.servers.isEmpty ? "facility-not-covered" : "facility-covered",
                shape: .point(MapPoint(x: facility.location.longitude, y: facility.location.latitude))
            )
        }
        return KMLOverlay(name: "Facilities", styles: kmlStyles, placemarks: placemarks)
    }
}
