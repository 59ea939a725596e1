import Coverage
import Foundation
import Geometry
import Planning
import Propagation
import Terrain

/// The residents part of `phusong evaluate`: census populations spread over the run's grid, the coverage
/// statistics per commune, district and province (with the rate and what switching technologies off costs, when
/// asked), and their outputs (`communes.csv`, `coverage.geojson`).
struct ResidentEvaluation {
    let residents: ResidentGrid
    let statistics: ResidentStatistics
    /// The cells each technology covers.
    let coverage: CoverageMasks
    /// Each technology's covered area (GEOS union of its sites' footprints), on the grid's CRS.
    let coverageByTechnology: [(technology: String, shape: MultiPolygon)]
    /// With operators, each operator's covered area per technology, on the grid's CRS.
    let coverageByOperator: [(networkOperator: String, technology: String, shape: MultiPolygon)]
    /// Each commune's residential land and the share covered, when the run's clutter names residential classes.
    let residentialLand: ResidentialLand?
    /// Each commune's residents at the rate limit from 4G, and apart from 5G, with `--throughput`.
    let atRate: [ResidentsAtRate]
    /// What switching technologies off would cost, with `--sunset`.
    let sunset: SunsetLoss?
    /// Each operator's coverage, when the sites name their operators.
    let operators: OperatorCoverage?

    /// `coverage`: the cells the `footprints` cover; `rates`: each cell's 4G and 5G rates, with `--throughput`;
    /// `operators`: the operators the sites name, and `operatorCoverage` the cells each covers (in their order).
    init(
        layer: AdminLayer, request: ResidentsRequest, grid: TerrainGrid, footprints: [SiteFootprint], coverage: CoverageMasks,
        clutter: ClutterLosses?, rates: [CellRates], operators: NetworkOperators, operatorCoverage: [CoverageMasks]
    ) throws(InputError) {
        let residents = try Self.residents(of: layer, request: request, on: grid)
        self.residents = residents
        self.coverage = coverage
        residentialLand = clutter.flatMap { clutter in
            clutter.request.residentialClasses.isEmpty ? nil : ResidentialLand(
                classes: clutter.classes, residential: clutter.request.residentialClasses, residents: residents,
                coverage: coverage, cellAreaKm2: grid.spacing * grid.spacing / 1e6
            )
        }
        atRate = rates.map { ResidentsAtRate($0, residents: residents, coverage: coverage) }
        statistics = ResidentStatistics(residents: residents, coverage: coverage, targetPercent: request.targetPercent)
        self.operators = operators.names.isEmpty ? nil : OperatorCoverage(
            names: operators.names, masks: operatorCoverage, footprints: footprints, residents: residents,
            cellCount: grid.elevations.count, targetPercent: request.targetPercent
        )
        let unions = try Self.technologyUnions(footprints, path: layer.path)
        coverageByTechnology = unions
        var byOperator: [(String, String, MultiPolygon)] = []
        for name in operators.names {
            // One operator's sites are every site: its unions are those above.
            let own = operators.names.count == 1 ? unions
                : try Self.technologyUnions(footprints.filter { $0.site.networkOperator == name }, path: layer.path, of: " of \(name)")
            byOperator += own.map { (name, $0.technology, $0.shape) }
        }
        coverageByOperator = byOperator
        do {
            sunset = request.sunset.isEmpty ? nil : try SunsetLoss(switchingOff: request.sunset, residents: residents, coverage: coverage, unions: unions)
        } catch {
            throw InputError(path: layer.path, reason: "cannot take the switched-off technologies' coverage from the rest: \(error.message)")
        }
    }

    /// Each technology's covered area: the GEOS union of its `footprints`, technologies in order of their names; `owner`
    /// says whose footprints they are in an error, which names `path`.
    private static func technologyUnions(
        _ footprints: [SiteFootprint], path: String, of owner: String = ""
    ) throws(InputError) -> [(technology: String, shape: MultiPolygon)] {
        var unions: [(technology: String, shape: MultiPolygon)] = []
        for technology in Set(footprints.map(\.site.technology)).sorted(by: { $0.rawValue < $1.rawValue }) {
            do {
                unions.append((technology.rawValue, try GeometryOperations.union(footprints.filter { $0.site.technology == technology }.map(\.shape))))
            } catch {
                throw InputError(path: path, reason: "cannot union the \(technology.rawValue) footprints\(owner): \(error.message)")
            }
        }
        return unions
    }

    /// `summary.json`'s `sunset`, with `--sunset`.
    var sunsetSummary: FootprintSummary.Sunset? {
        sunset.map { loss in
            let total = loss.communes.reduce(0, +)
            let left = zip(statistics.communes, loss.communes).filter { $0.isLeftWithoutCoverage(losing: $1) }
            return FootprintSummary.Sunset(
                technologies: loss.technologies.map(\.rawValue), residentsLosingCoverage: total,
                residentsPercentLosingCoverage: statistics.total.share(ofResidents: total),
                areaKm2: loss.area.area / 1e6, communesLeftWithoutCoverage: left.map(\.0.id),
                residentsPercentByCommune: sharesByCommune(loss.communes)
            )
        }
    }

    /// Puts the residents at the rate limit into `summary`'s `lte_throughput` and `nr_throughput`, with `--throughput`.
    func addRateFigures(to summary: inout FootprintSummary) {
        for rate in atRate {
            let figures = FootprintSummary.throughput(of: rate.technology)
            let total = rate.communes.reduce(0, +)
            summary[keyPath: figures]?.residentsAtRate = total
            summary[keyPath: figures]?.residentsPercentAtRate = statistics.total.share(ofResidents: total)
            summary[keyPath: figures]?.residentsPercentAtRateByCommune = sharesByCommune(rate.communes)
        }
    }

    /// The share of each commune's residents `counts` gives (in the layer's unit order), by commune id, for the
    /// communes with residents.
    private func sharesByCommune(_ counts: [Double]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(statistics.communes, counts).compactMap { commune, count in
            commune.figures.share(ofResidents: count).map { (commune.id, $0) }
        })
    }

    /// The layer's residents on `grid`, from the source the request names; a layer with no unit on the terrain
    /// is refused (wrong area or a CRS mismatch).
    static func residents(of layer: AdminLayer, request: ResidentsRequest, on grid: TerrainGrid) throws(InputError) -> ResidentGrid {
        let residents: ResidentGrid
        switch request.counts {
        case nil:
            residents = try ResidentGrid.spread(layer, over: grid, method: request.method, settings: request.dasymetric)
        case let .raster(path):
            residents = try ResidentGrid.counted(try ResidentCounts.raster(path, on: grid), in: layer, over: grid)
        case let .settlements(path, field):
            residents = try ResidentGrid.counted(try ResidentCounts.settlements(path, field: field, on: grid), in: layer, over: grid)
        }
        guard residents.placements.contains(where: { $0.cells > 0 }) else {
            throw InputError(
                path: layer.path,
                reason: "no unit lies on the terrain of this run (bounds \(describe(layer.bounds))): wrong area, or a CRS mismatch"
            )
        }
        return residents
    }

    /// `communes.csv` (and the GeoPackage's `communes`, with each commune's outline): one row per commune, every figure
    /// per coverage layer, and the residents whom one mast alone covers (`outages`).
    func communesTable(outages: MastOutages, syntheticTerrain: Bool) -> FeatureTable {
        var header = [
            "commune_id", "commune", "district_id", "district", "province_id", "province", "priority_weight",
            "population", "terrain_fraction", "weighting", "residents", "area_km2",
        ]
        for key in CoverageMasks.keys.map({ $0.lowercased() }) {
            header += ["covered_residents_\(key)", "residents_pct_\(key)", "covered_area_km2_\(key)", "area_pct_\(key)"]
        }
        if residentialLand != nil {
            header += ["residential_area_km2"] + CoverageMasks.keys.map { "residential_pct_\($0.lowercased())" }
        }
        for rate in atRate {
            let suffix = rate.technology == .nr ? "_5g" : ""
            header += ["residents_at_rate\(suffix)", "residents_pct_at_rate\(suffix)"]
        }
        if sunset != nil { header += ["residents_losing_coverage", "residents_pct_losing_coverage"] }
        if operators != nil { header += ["residents_one_operator", "residents_pct_one_operator"] }
        header += ["residents_on_one_mast", "residents_pct_on_one_mast", "meets_target", "synthetic_terrain"]
        var table = FeatureTable(name: "communes", crs: wgs84, columns: header, textColumns: [
            "commune_id", "commune", "district_id", "district", "province_id", "province", "weighting", "meets_target", "synthetic_terrain",
        ])
        let meeting = Set(statistics.meetingTarget["any"] ?? [])
        for (index, commune) in statistics.communes.enumerated() {
            let f = commune.figures
            var row = [
                commune.id, commune.name, commune.district?.id ?? "", commune.district?.name ?? "",
                commune.province?.id ?? "", commune.province?.name ?? "", numberText(commune.priorityWeight),
                numberText(f.population), fixed(commune.terrainFraction ?? 0, 4), commune.weighting ?? "",
                fixed(f.residents, 2), fixed(f.areaKm2, 4),
            ]
            for key in CoverageMasks.keys {
                row += [
                    fixed(f.coveredResidents[key] ?? 0, 2), f.residentsPercent(key).map { fixed($0, 3) } ?? "",
                    fixed(f.coveredAreaKm2[key] ?? 0, 4), f.areaPercent(key).map { fixed($0, 3) } ?? "",
                ]
            }
            if let residentialLand {
                let land = residentialLand.communes[index]
                row += [fixed(land?.areaKm2 ?? 0, 4)] + CoverageMasks.keys.map { key in land?.coveredPercent[key].map { fixed($0, 3) } ?? "" }
            }
            for rate in atRate {
                let residents = rate.communes[index]
                row += [fixed(residents, 2), f.share(ofResidents: residents).map { fixed($0, 3) } ?? ""]
            }
            if let sunset {
                let losing = sunset.communes[index]
                row += [fixed(losing, 2), f.share(ofResidents: losing).map { fixed($0, 3) } ?? ""]
            }
            if let operators {
                let alone = operators.residentsByOperatorCount[index][1]
                row += [fixed(alone, 2), f.share(ofResidents: alone).map { fixed($0, 3) } ?? ""]
            }
            let onOneMast = outages.communesOnOneMast[index]
            row += [fixed(onOneMast, 2), f.share(ofResidents: onOneMast).map { fixed($0, 3) } ?? ""]
            row += [meeting.contains(commune.id) ? "yes" : "no", syntheticTerrain ? "yes" : "no"]
            table.append(row, shape: .polygons(residents.layer.units[index].shape))
        }
        return table
    }

    /// The GeoPackage's `coverage`: each technology's covered area (GEOS union), with `--sunset` the area switching off
    /// leaves without coverage, and with operators each operator's covered area per technology, on the grid's CRS.
    func coverageTable(grid: TerrainGrid) -> FeatureTable {
        var table = FeatureTable.coverage(on: grid)
        for (technology, shape) in coverageByTechnology {
            table.appendArea(shape, kind: "coverage", technology: technology, syntheticTerrain: grid.isSynthetic)
        }
        if let sunset {
            let technologies = sunset.technologies.map(\.rawValue).joined(separator: ",")
            table.appendArea(sunset.area, kind: "sunset_loss", technology: technologies, syntheticTerrain: grid.isSynthetic)
        }
        for (name, technology, shape) in coverageByOperator {
            table.appendArea(shape, kind: "operator_coverage", technology: technology, networkOperator: name, syntheticTerrain: grid.isSynthetic)
        }
        return table
    }

    /// Commune outlines with their coverage shares, then each technology's covered area (GEOS union), with `--sunset` the
    /// area lost, and with operators each operator's covered area per technology.
    func coverageGeoJSON(grid: TerrainGrid) throws(InputError) -> String {
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
        var layers = coverageByTechnology.map { technology, shape in
            GeoJSONFeature(shape: shape, properties: [
                "kind": .string("coverage"), "technology": .string(technology),
                "area_km2": .number(shape.area / 1e6), "synthetic_terrain": .bool(grid.isSynthetic),
            ])
        }
        if let sunset {
            layers.append(GeoJSONFeature(shape: sunset.area, properties: [
                "kind": .string("sunset_loss"), "technology": .string(sunset.technologies.map(\.rawValue).joined(separator: ",")),
                "area_km2": .number(sunset.area.area / 1e6), "synthetic_terrain": .bool(grid.isSynthetic),
            ]))
        }
        layers += coverageByOperator.map { name, technology, shape in
            GeoJSONFeature(shape: shape, properties: [
                "kind": .string("operator_coverage"), "technology": .string(technology), "operator": .string(name),
                "area_km2": .number(shape.area / 1e6), "synthetic_terrain": .bool(grid.isSynthetic),
            ])
        }
        do {
            return try GeoJSONWriter.featureCollection(groups: [(wgs84, communes), (grid.crs, layers)])
        } catch {
            throw InputError(path: "coverage.geojson", reason: error.message)
        }
    }

    /// A KML document (zipped to `coverage.kmz`) for Google Earth: each technology's coverage (and with `--sunset` the
    /// area switching off loses; with operators, each operator's per technology in a folder of its own), the communes coloured by the share of residents covered, and the sites (with what
    /// their mast's outage costs, from `outages`, and their busy hour, from `traffic`); the `gaps` in the coverage of
    /// residents; then `overlays` (the roads' stretches, the facilities), each a folder of its own.
    func coverageKML(
        grid: TerrainGrid, sites: [Site], outages: MastOutages?, traffic: SiteTraffic?, gaps: GapReport, overlays: [KMLOverlay]
    ) throws(InputError) -> String {
        let toWGS84 = CoordinateTransform(from: grid.crs, to: wgs84)
        var styles = Technology.allCases.map { technology in
            let color = technology.mapColor
            return KMLStyle(id: "coverage-\(technology.rawValue)", fill: (color.0, color.1, color.2, 90), line: (color.0, color.1, color.2, 200))
        }
        styles += CommuneClass.allCases.map { kind in
            let color = kind.color
            return KMLStyle(id: "commune-\(kind)", fill: (color.0, color.1, color.2, 120), line: (40, 40, 40, 255), lineWidth: 1.5)
        }
        var layers = coverageByTechnology.map { technology, shape in
            (name: "\(technology) coverage", style: "coverage-\(technology)", shape: shape)
        }
        if let sunset {
            styles.append(KMLStyle(id: "sunset-loss", fill: (215, 25, 28, 110), line: (215, 25, 28, 230)))
            let names = sunset.technologies.map(\.rawValue).joined(separator: " and ")
            layers.append((name: "Lost switching off \(names)", style: "sunset-loss", shape: sunset.area))
        }
        func placemarks(_ layers: [(name: String, style: String, shape: MultiPolygon)]) throws(InputError) -> [KMLPlacemark] {
            var placemarks: [KMLPlacemark] = []
            for layer in layers {
                do {
                    placemarks.append(KMLPlacemark(
                        name: layer.name, description: String(format: "%.2f km²", layer.shape.area / 1e6),
                        style: layer.style, shape: try layer.shape.transformed(by: toWGS84)
                    ))
                } catch {
                    throw InputError(path: "coverage.kmz", reason: error.message)
                }
            }
            return placemarks
        }
        let coverage = try placemarks(layers)
        let perOperator = try placemarks(coverageByOperator.map { name, technology, shape in
            (name: "\(name) \(technology) coverage", style: "coverage-\(technology)", shape: shape)
        })
        let communes = zip(residents.layer.units, statistics.communes).map { unit, commune in
            let shares = CoverageMasks.keys.map { key in
                "\(key) " + (commune.figures.residentsPercent(key).map { String(format: "%.1f %%", $0) } ?? "–")
            }
            let description = String(format: "population %.0f; on the terrain %.0f; covered: ", unit.population, commune.figures.residents)
                + shares.joined(separator: ", ") + (grid.isSynthetic ? " (SYNTHETIC terrain)" : "")
            let kind = CommuneClass(commune, target: statistics.targetPercent)
            return KMLPlacemark(name: unit.name, description: description, style: "commune-\(kind)", shape: unit.shape)
        }
        let title = "PhuSong coverage" + (grid.isSynthetic ? " (SYNTHETIC terrain)" : "")
        let gapFolder: [KMLPlacemark]
        do {
            gapFolder = try gaps.placemarks(layer: residents.layer, toWGS84: toWGS84)
        } catch {
            throw InputError(path: "coverage.kmz", reason: error.message)
        }
        return KMLWriter.document(
            name: title, styles: styles + [GapReport.kmlStyle] + SitePlacemarks.styles + overlays.flatMap(\.styles),
            folders: [("Communes", communes), ("Coverage", coverage)] + (perOperator.isEmpty ? [] : [("Coverage per operator", perOperator)])
                + [("Gaps", gapFolder)] + overlays.map { ($0.name, $0.placemarks) }
                + [("Sites", SitePlacemarks.placemarks(sites, outages: outages, traffic: traffic))]
        )
    }

    /// The PNG quick-look map: coverage over a hillshade with the commune borders, the sites (in red those whose
    /// `overloaded` flag, in the sites' order, is set) and a legend.
    func quickLook(grid: TerrainGrid, sites: [Site], overloaded: [Bool]) throws(InputError) -> QuickLookMap {
        let toGrid = CoordinateTransform(from: wgs84, to: grid.crs)
        do {
            let communes = try residents.layer.units.map { unit throws(ProjectionError) in try unit.shape.transformed(by: toGrid) }
            let positions = try CoverageEngine.positions(of: sites, on: grid)
            return QuickLookMap(
                grid: grid, coverage: coverage, communes: communes,
                sites: sites.indices.map { .init(id: sites[$0].id, position: positions[$0], isOverloaded: overloaded[$0]) }
            )
        } catch {
            throw InputError(path: residents.layer.path, reason: "cannot project to \(grid.crs): \(error.message)")
        }
    }

    private static func describe(_ bounds: MapBounds) -> String {
        String(format: "x %.3f…%.3f, y %.3f…%.3f", bounds.minX, bounds.maxX, bounds.minY, bounds.maxY)
    }
}

func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }


/// A folder `coverage.kmz` adds after the gaps (the roads' stretches, the facilities), with the styles its placemarks use.
struct KMLOverlay {
    let name: String
    let styles: [KMLStyle]
    let placemarks: [KMLPlacemark]
}
