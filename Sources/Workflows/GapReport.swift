import Coverage
import Foundation
import Geometry
import Planning
import Terrain

/// `phusong evaluate`'s gaps: within each commune, the connected cells holding residents that the coverage misses
/// (`GapSettings`), most residents first, each with where to aim (a point inside it) and the nearest site —
/// `gaps.csv`, the GeoPackage's `gaps`, `summary.json`'s `gaps` and a folder of `coverage.kmz`.
struct GapReport {
    struct Row {
        let id: String
        let gap: ResidentGaps.Gap
        /// The gap's centre cell, longitude and latitude.
        let centre: GeoPoint
        let area: MultiPolygon
        let areaKm2: Double
        let nearestSite: (id: String, km: Double)?
    }

    let settings: GapSettings
    let gaps: ResidentGaps
    let rows: [Row]

    /// The gaps of `evaluation`'s residents on `grid` in `coverage` (every site's, or one operator's), and the nearest of
    /// `sites` to each (great-circle distance).
    init(_ evaluation: ResidentEvaluation, coverage: CoverageMasks, settings: GapSettings, grid: TerrainGrid, sites: [Site]) throws(InputError) {
        self.settings = settings
        let residents = evaluation.residents
        let gaps = ResidentGaps(
            unitCells: residents.unitCells, unitResidents: residents.unitResidents,
            covered: coverage.masks[settings.layer]!, gridWidth: grid.width, minimumResidents: settings.minimumResidents
        )
        self.gaps = gaps
        let centres = gaps.gaps.map { grid.center(column: $0.centre % grid.width, row: $0.centre / grid.width) }
        let geographic: [MapPoint]
        do {
            geographic = try CoordinateTransform(from: grid.crs, to: wgs84).apply(centres)
        } catch {
            throw InputError(path: "gaps.csv", reason: error.message)
        }
        rows = gaps.gaps.indices.map { index in
            let gap = gaps.gaps[index], centre = GeoPoint(latitude: geographic[index].y, longitude: geographic[index].x)
            let columns = gap.cells.runs.joined()
            let first = columns.map(\.lowerBound).min()!, last = columns.map(\.upperBound).max()!
            let tracer = MaskTracer(grid: grid, column: first, row: gap.cells.firstRow)
            let nearest = sites.min { centre.distance(to: $0.location) < centre.distance(to: $1.location) }
            return Row(
                id: "G\(index + 1)", gap: gap, centre: centre,
                area: tracer.polygons(of: gap.cells, column: first, width: last - first, height: gap.cells.runs.count),
                areaKm2: Double(gap.cells.cellCount) * residents.cellAreaKm2,
                nearestSite: nearest.map { ($0.id, centre.distance(to: $0.location) / 1_000) }
            )
        }
    }

    /// How `coverage.kmz` draws the gaps: the GeoPackage style's purple.
    static let kmlStyle = KMLStyle(id: "gap", fill: (118, 42, 131, 170), line: (40, 0, 50, 255), lineWidth: 1.5)

    /// The gaps as `coverage.kmz` draws them, most residents first, each named by its id and residents and described by
    /// its commune, area and nearest site; `toWGS84` takes the grid's CRS to longitude and latitude.
    func placemarks(layer: AdminLayer, toWGS84: CoordinateTransform) throws(ProjectionError) -> [KMLPlacemark] {
        var placemarks: [KMLPlacemark] = []
        for row in rows {
            let unit = layer.units[row.gap.unit]
            let owner = settings.networkOperator.map { " from \($0)'s sites" } ?? ""
            var description = String(
                format: "%.0f residents without %@ coverage%@ in %@ (%@), %.2f km²", row.gap.residents, settings.layer, owner, unit.name, unit.id, row.areaKm2
            )
            if let site = row.nearestSite { description += String(format: "; nearest site %@, %.1f km", site.id, site.km) }
            placemarks.append(KMLPlacemark(
                name: String(format: "%@: %.0f residents", row.id, row.gap.residents), description: description, style: Self.kmlStyle.id,
                shape: try row.area.transformed(by: toWGS84)
            ))
        }
        return placemarks
    }

    /// `gaps.csv` and the GeoPackage's `gaps` (outlines on the grid's CRS): a row per gap, most residents first.
    func table(layer: AdminLayer, statistics: ResidentStatistics, grid: TerrainGrid) -> FeatureTable {
        var table = FeatureTable(
            name: "gaps", crs: grid.crs,
            columns: [
                "gap", "technology", "operator", "commune_id", "commune", "district", "priority_weight", "residents", "commune_residents_pct",
                "area_km2", "lon", "lat", "nearest_site", "nearest_site_km", "synthetic_terrain",
            ],
            textColumns: ["gap", "technology", "operator", "commune_id", "commune", "district", "nearest_site", "synthetic_terrain"]
        )
        for row in rows {
            let unit = layer.units[row.gap.unit], commune = statistics.communes[row.gap.unit].figures
            table.append([
                row.id, settings.layer, settings.networkOperator ?? "", unit.id, unit.name, unit.district.name, numberText(unit.priorityWeight), fixed(row.gap.residents, 2),
                commune.share(ofResidents: row.gap.residents).map { fixed($0, 3) } ?? "",
                fixed(row.areaKm2, 4),
                fixed(row.centre.longitude, 6), fixed(row.centre.latitude, 6), row.nearestSite?.id ?? "", row.nearestSite.map { fixed($0.km, 3) } ?? "",
                grid.isSynthetic ? "yes" : "no",
            ], shape: .polygons(row.area))
        }
        return table
    }
}
