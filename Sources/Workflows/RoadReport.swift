import Geometry
import Planning
import Terrain

/// `--roads`: a line layer of roads, read before any footprint, then walked over a run's coverage into
/// `summary.json`'s `roads`, `roads.csv` (a row per road), `roads.geojson` and the GeoPackage's `road_stretches` (each
/// stretch of one coverage state).
struct RoadReport {
    let request: RoadsRequest
    private let layer: LineLayer
    /// The attribute naming the roads as found in the layer; nil when each feature is a road of its own.
    let nameField: String?

    /// Reads the layer; a name field asked for that it lacks, and a layer without features, are refused.
    init(_ request: RoadsRequest) throws(InputError) {
        self.request = request
        layer = try LineLayer(path: request.path, attributes: [request.nameField ?? "name"])
        if let asked = request.nameField, !layer.foundAttributes.contains(asked) {
            throw InputError(
                path: request.path,
                reason: "missing attribute '\(asked)' (--road-name-field); the layer has: \(layer.fieldNames.joined(separator: ", "))"
            )
        }
        guard !layer.features.isEmpty else { throw InputError(path: request.path, reason: "holds no road (no line feature)") }
        nameField = layer.foundAttributes.first
    }

    /// The metres of road on each of `grid`'s cells over terrain, by cell index.
    func metresPerCell(on grid: TerrainGrid) throws(InputError) -> [Int: Double] {
        RoadCoverage.metresPerCell(of: try layer.parts(in: grid.crs).flatMap { $0 }, on: grid)
    }

    /// The roads, taken onto `grid` once, walked over each of `coverages` (covered cells), in the same order.
    func walks(on grid: TerrainGrid, over coverages: [CoverageMasks]) throws(InputError) -> [RoadCoverage] {
        let parts = try layer.parts(in: grid.crs)
        let features = Array(zip(layer.features.map { feature in nameField.flatMap { feature.attributes[$0] } }, parts))
        return coverages.map { RoadCoverage(features: features, grid: grid, coverage: $0) }
    }

    /// The roads `walked` over `grid` (and over each operator's coverage, `byOperator`) into `summary`'s `roads`,
    /// `roads.csv` and `roads.geojson`; returns the GeoPackage's `road_stretches`.
    func write(
        _ walked: RoadCoverage, byOperator: [String: RoadCoverage], on grid: TerrainGrid, staging: OutputStaging, summary: inout FootprintSummary
    ) throws(InputError) -> FeatureTable {
        let figures = FootprintSummary.Roads(walked, byOperator: byOperator, file: request.path, nameField: nameField)
        summary.roads = figures
        try staging.write(Self.table(figures).csv, to: "roads.csv")
        try staging.write(try Self.geoJSON(walked, grid: grid), to: "roads.geojson")
        return Self.stretchesTable(walked, grid: grid)
    }

    /// `roads.csv`: a row per road, its lengths in km and the shares covered per technology and any.
    static func table(_ roads: FootprintSummary.Roads) -> FeatureTable {
        let keys = CoverageMasks.keys
        var table = FeatureTable(
            name: "roads", crs: wgs84,
            columns: ["road", "features", "length_km", "in_area_km"]
                + keys.flatMap { ["covered_km_\($0.lowercased())", "covered_pct_\($0.lowercased())"] } + ["longest_gap_km"],
            textColumns: ["road"]
        )
        for road in roads.roads {
            let covered = keys.flatMap { key in
                [fixed(road.coveredKm[key] ?? 0, 3), road.coveredPercent[key].map { fixed($0, 2) } ?? ""]
            }
            table.append(
                [road.name, "\(road.features)", fixed(road.lengthKm, 3), fixed(road.inAreaKm, 3)] + covered + [fixed(road.longestGapKm, 3)],
                shape: nil
            )
        }
        return table
    }

    /// The GeoPackage's `road_stretches`, on the grid's CRS: each stretch with its road, length and the technologies
    /// covering it (`yes`/`no`; empty outside the run's area).
    static func stretchesTable(_ coverage: RoadCoverage, grid: TerrainGrid) -> FeatureTable {
        let keys = CoverageMasks.keys
        var table = FeatureTable(
            name: "road_stretches", crs: grid.crs,
            columns: ["road", "length_m", "in_area"] + keys.map { "covered_\($0.lowercased())" } + ["synthetic_terrain"],
            textColumns: Set(["road", "in_area", "synthetic_terrain"] + keys.map { "covered_\($0.lowercased())" })
        )
        for stretch in coverage.stretches {
            let covered = keys.map { key in stretch.coveredBy.map { $0.contains(key) ? "yes" : "no" } ?? "" }
            table.append(
                [coverage.roads[stretch.road].name, fixed(stretch.lengthM, 1), stretch.coveredBy == nil ? "no" : "yes"] + covered
                    + [grid.isSynthetic ? "yes" : "no"],
                shape: .line(stretch.points)
            )
        }
        return table
    }

    /// `roads.geojson`: the stretches in longitude and latitude, with the same properties as `road_stretches`.
    static func geoJSON(_ coverage: RoadCoverage, grid: TerrainGrid) throws(InputError) -> String {
        let toWGS84 = CoordinateTransform(from: grid.crs, to: wgs84)
        var lines: [(points: [MapPoint], properties: [String: GeoJSONValue])] = []
        for stretch in coverage.stretches {
            var properties: [String: GeoJSONValue] = [
                "road": .string(coverage.roads[stretch.road].name), "length_m": .number((stretch.lengthM * 10).rounded() / 10),
                "in_area": .bool(stretch.coveredBy != nil), "synthetic_terrain": .bool(grid.isSynthetic),
            ]
            for key in CoverageMasks.keys {
                properties["covered_\(key.lowercased())"] = stretch.coveredBy.map { .bool($0.contains(key)) } ?? .null
            }
            do {
                lines.append((try toWGS84.apply(stretch.points), properties))
            } catch {
                throw InputError(path: "roads.geojson", reason: error.message)
            }
        }
        return GeoJSONWriter.lineCollection(lines)
    }
}
