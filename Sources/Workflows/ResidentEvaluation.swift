import Foundation
import Geometry
import Planning
import Terrain

/// The residents part of `phusong evaluate`: census populations spread over the run's grid, the coverage
/// statistics per commune, district and province, and their outputs (`communes.csv`, `coverage.geojson`).
struct ResidentEvaluation {
    let residents: ResidentGrid
    let statistics: ResidentStatistics

    init(layer: AdminLayer, request: ResidentsRequest, grid: TerrainGrid, footprints: [SiteFootprint]) throws(InputError) {
        residents = try ResidentGrid.spread(layer, over: grid, method: request.method, settings: request.dasymetric)
        guard residents.placements.contains(where: { $0.cells > 0 }) else {
            throw InputError(
                path: layer.path,
                reason: "no unit lies on the terrain of this run (bounds \(Self.describe(layer.bounds))): wrong area, or a CRS mismatch"
            )
        }
        let masks = CoverageMasks(footprints: footprints, gridWidth: grid.width, cellCount: grid.elevations.count)
        statistics = ResidentStatistics(residents: residents, coverage: masks, targetPercent: request.targetPercent)
    }

    /// `communes.csv`: one row per commune, every figure per coverage layer.
    func communesCSV(syntheticTerrain: Bool) -> String {
        var header = [
            "commune_id", "commune", "district_id", "district", "province_id", "province", "priority_weight",
            "population", "terrain_fraction", "weighting", "residents", "area_km2",
        ]
        for key in CoverageMasks.keys.map({ $0.lowercased() }) {
            header += ["covered_residents_\(key)", "residents_pct_\(key)", "covered_area_km2_\(key)", "area_pct_\(key)"]
        }
        header += ["meets_target", "synthetic_terrain"]
        var lines = [header.joined(separator: ",")]
        let meeting = Set(statistics.meetingTarget["any"] ?? [])
        for commune in statistics.communes {
            let f = commune.figures
            var row = [
                commune.id, commune.name, commune.district?.id ?? "", commune.district?.name ?? "",
                commune.province?.id ?? "", commune.province?.name ?? "", number(commune.priorityWeight),
                number(f.population), fixed(commune.terrainFraction ?? 0, 4), commune.weighting ?? "",
                fixed(f.residents, 2), fixed(f.areaKm2, 4),
            ]
            for key in CoverageMasks.keys {
                row += [
                    fixed(f.coveredResidents[key] ?? 0, 2), f.residentsPercent(key).map { fixed($0, 3) } ?? "",
                    fixed(f.coveredAreaKm2[key] ?? 0, 4), f.areaPercent(key).map { fixed($0, 3) } ?? "",
                ]
            }
            row += [meeting.contains(commune.id) ? "yes" : "no", syntheticTerrain ? "yes" : "no"]
            lines.append(row.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Commune outlines with their coverage shares, then each technology's covered area (GEOS union).
    func coverageGeoJSON(footprints: [SiteFootprint], grid: TerrainGrid) throws(InputError) -> String {
        let communes = zip(residents.layer.units, statistics.communes).map { unit, commune in
            var properties: [String: GeoJSONValue] = [
                "kind": .string("commune"), "id": .string(unit.id), "name": .string(unit.name),
                "district": .string(unit.district.name), "population": .number(unit.population),
                "residents": .number(commune.figures.residents), "priority_weight": .number(unit.priorityWeight),
                "synthetic_terrain": .bool(grid.isSynthetic),
            ]
            for key in CoverageMasks.keys {
                properties["residents_pct_\(key.lowercased())"] = commune.figures.residentsPercent(key).map { .number($0) } ?? .string("")
            }
            return GeoJSONFeature(shape: unit.shape, properties: properties)
        }
        var layers: [GeoJSONFeature] = []
        for technology in Set(footprints.map(\.site.technology)).sorted(by: { $0.rawValue < $1.rawValue }) {
            let shapes = footprints.filter { $0.site.technology == technology }.map(\.shape)
            do {
                let union = try GeometryOperations.union(shapes)
                layers.append(GeoJSONFeature(shape: union, properties: [
                    "kind": .string("coverage"), "technology": .string(technology.rawValue),
                    "area_km2": .number(union.area / 1e6), "synthetic_terrain": .bool(grid.isSynthetic),
                ]))
            } catch {
                throw InputError(path: "coverage.geojson", reason: error.message)
            }
        }
        do {
            return try GeoJSONWriter.featureCollection(groups: [(wgs84, communes), (grid.crs, layers)])
        } catch {
            throw InputError(path: "coverage.geojson", reason: error.message)
        }
    }

    private static func describe(_ bounds: MapBounds) -> String {
        String(format: "x %.3f…%.3f, y %.3f…%.3f", bounds.minX, bounds.maxX, bounds.minY, bounds.maxY)
    }
}

private func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

private func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
}

/// A CSV field, quoted when it holds a comma, quote or line break.
func csvField(_ text: String) -> String {
    guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
