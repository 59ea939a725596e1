import Coverage
import Foundation
import Geometry
import Planning
import Propagation
import Terrain

/// The GeoTIFF metadata item naming the site whose power a `sites/<id>.tif` holds, and that raster's band description.
let siteMetadataKey = "PHUSONG_SITE"
func siteRasterDescription(_ siteID: String) -> String { "received power (dBm) from \(siteID)" }

/// `phusong footprint`: sites over terrain → `coverage.tif` (best-server received power),
/// `sites/<id>.tif` (each site's power), `footprints.geojson` (WGS84, one feature per site and the union)
/// and `summary.json`. With residents (`phusong evaluate`) the grid also covers their communes and the run
/// adds `residents.tif`, `communes.csv`, `coverage.geojson` and the residents' figures in `summary.json`.
/// Outputs appear all together or not at all.
public enum FootprintJob {
    /// Runs the job; `progress` is told what it is doing: loading terrain, how many sites of how many are done
    /// (after each), combining them, writing.
    public static func run(
        _ request: FootprintRequest, progress: @Sendable (FootprintProgress) -> Void = { _ in }
    ) throws(InputError) -> FootprintSummary {
        try checkOutputFolder(request.outputDirectory)
        let listed: [Site]
        if let given = request.sites { listed = given } else { listed = try SiteFile.load(request.sitesPath) }
        let sites = try planned(listed, request: request)
        try request.validateUplink(of: sites)
        let operators = try NetworkOperators(sites, path: request.sitesPath)
        try operators.refuseServers(for: request.serverChoosingFeatures, path: request.sitesPath)
        try operators.checkNamed(Array((request.residents?.traffic?.operatorShares ?? [:]).keys), by: "the operator shares name", path: request.sitesPath)
        try operators.checkNamed([request.residents?.gaps.networkOperator].compactMap { $0 }, by: "--gap-operator (gap_operator) names", path: request.sitesPath)
        let roads = try request.roads.map(RoadReport.init)
        let facilities = try request.facilities.map(FacilityReport.init)
        progress(.loadingTerrain(sites: sites.count))
        let layer = try request.residents.map { residents throws(InputError) in
            try AdminLayer.load(residents.populationPath, fields: residents.fields)
        }
        let chains = try request.backhaulChains(of: sites)
        let (terrain, clutter) = try request.loadTerrain(for: sites, layer: layer) { index, reason in
            request.placementError(SiteCoverageError(siteID: sites[index].id, reason: reason), site: sites[index])
        }
        let grid = terrain.grid
        let staging = try OutputStaging(destination: request.outputDirectory)
        // A run of one site copies `coverage.tif` to that site's raster rather than writing the same values twice.
        let rasterNames = fileNames(for: sites.map(\.id))
        let onlySite = sites.count == 1 ? (id: sites[0].id, rasterName: rasterNames[0]) : nil
        do throws(InputError) {
            let (positions, gridDigest) = try request.placesOnGrid(sites, grid: grid)
            let footprints = try siteFootprints(
                sites, at: positions, rasterNames: onlySite == nil ? rasterNames : nil, on: grid, gridDigest: gridDigest,
                clutter: clutter, request: request, staging: staging, progress: progress
            )
            let partial = try partialRun(sites, skipped: footprints.skipped, request: request)
            let quality = SignalQualityOutputs(footprints.rasters, request: request, sites: sites)
            progress(.combining)
            // The union of the footprints and the rasters are independent: GEOS works while GDAL writes.
            let (combined, rasters) = inParallel({
                Result { () throws(GeometryError) in try FootprintAnalysis(footprints: footprints.sites) }
            }, {
                Result { () throws(InputError) in
                    try writeRasters(
                        staging: staging, grid: grid, rasters: footprints.rasters, siteIDs: sites.map(\.id), onlySite: onlySite,
                        thresholds: sites.map(request.parameters.threshold(for:)), writeTerrain: request.writeTerrain,
                        clutter: clutter, quality: quality, partial: partial != nil
                    )
                }
            })
            try rasters.get()
            let analysis: FootprintAnalysis
            do {
                analysis = try combined.get()
            } catch {
                throw InputError(path: request.sitesPath, reason: "footprints cannot be combined: \(error.message)")
            }
            progress(.writing)
            let reach = ServiceReach.kilometres(servers: Array(footprints.rasters.servedByLayer.values), positions: positions, grid: grid)
            var summary = makeSummary(
                request: request, grid: grid, voids: terrain.voids, analysis: analysis,
                sites: sites, positions: positions, reach: reach, rasterNames: rasterNames, clutter: clutter
            )
            summary.partial = partial
            quality.summarize(into: &summary)
            // Each operator's covered cells, for its areas, its residents and its roads.
            let operatorCoverage = operators.coverage(of: footprints.sites, gridWidth: grid.width, cellCount: grid.elevations.count)
            if !operators.names.isEmpty {
                summary.operatorAreasKm2 = OperatorAreas.km2(coverage: operatorCoverage, names: operators.names, grid: grid)
            }
            // Which cells each technology covers, for the residents and the roads.
            let masks = layer == nil && roads == nil ? nil : CoverageMasks(footprints: footprints.sites, gridWidth: grid.width, cellCount: grid.elevations.count)
            // The roads over every site's coverage, then over each operator's.
            var roadWalks: [RoadCoverage] = []
            if let roads, let masks { roadWalks = try roads.walks(on: grid, over: [masks] + operatorCoverage) }
            // Each facility's servers, and the operators whose sites cover it.
            let facilityCoverage = try facilities.map { facilities throws(InputError) in
                FacilityCoverage(
                    try facilities.points(on: grid), grid: grid, servers: footprints.rasters.servedByLayer, sites: sites,
                    thresholds: sites.map(request.parameters.threshold(for:))
                )
            }
            var overlays: [KMLOverlay] = []
            if layer != nil {
                if let walked = roadWalks.first { overlays.append(try RoadPlacemarks.overlay(walked, toWGS84: CoordinateTransform(from: grid.crs, to: wgs84))) }
                if let facilityCoverage { overlays.append(FacilityReport.overlay(facilityCoverage, sites: sites)) }
            }
            let evaluated = try evaluateResidents(
                in: layer, coverage: masks, operatorCoverage: operatorCoverage, overlays: overlays, footprints: footprints.sites, sites: sites, grid: grid, clutter: clutter, rates: quality.rates,
                servers: footprints.rasters.servedByLayer, chains: chains, operators: operators, request: request, staging: staging,
                summary: &summary
            )
            var roadStretches: FeatureTable?
            if let roads, let walked = roadWalks.first {
                let byOperator = Dictionary(uniqueKeysWithValues: zip(operators.names, roadWalks.dropFirst()))
                roadStretches = try roads.write(walked, byOperator: byOperator, on: grid, staging: staging, summary: &summary)
            }
            var facilityTable: FeatureTable?
            if let facilities, let facilityCoverage {
                facilityTable = try facilities.write(facilityCoverage, sites: sites, operators: operators.names, grid: grid, staging: staging, summary: &summary)
            }
            if let clutter, let base = summary.clutter {
                summary.clutter = LandCoverCoverage.summary(
                    base, clutter: clutter, footprints: footprints.sites, evaluation: evaluated?.evaluation, grid: grid
                )
            }
            try staging.write(try footprintsGeoJSON(analysis, summary: summary, grid: grid), to: "footprints.geojson")
            try staging.write(LayerStyles.footprints, to: "footprints.qml")
            let coverage = evaluated?.evaluation.coverageTable(grid: grid) ?? unionTable(analysis, grid: grid)
            var styles = ["footprints": LayerStyles.footprints, "coverage": LayerStyles.coverage]
            if roadStretches != nil { styles["road_stretches"] = LayerStyles.roadStretches }
            if facilityTable != nil { styles["facilities"] = LayerStyles.facilities }
            if let target = summary.residents?.targetPercent {
                styles["communes"] = LayerStyles.communes(targetPercent: target)
                styles["gaps"] = LayerStyles.gaps
                if summary.operators != nil { styles["operators"] = styles["communes"] }
            }
            try GeoPackageWriter.write(
                [footprintsTable(footprints.sites, summary: summary, grid: grid), coverage] + (evaluated?.layers ?? []) + [roadStretches, facilityTable].compactMap { $0 },
                styles: styles, to: staging.path("coverage.gpkg")
            )
            try staging.write(summary.json(), to: "summary.json")
            // What an earlier run into the folder wrote and this one does not (another option's raster, an
            // evaluation's tables) would stand beside a summary that does not describe it.
            try staging.commit(retiring: footprintOutputNames.sorted())
            return summary
        } catch {
            staging.discard()
            throw error
        }
    }

    /// `phusong evaluate`'s part, when it has a population `layer`: the residents covered (and at the 4G and 5G rate limit,
    /// with `rates`), into `summary`, `communes.csv`, `masts.csv` (what each mast's outage costs, with `chains` also
    /// taking off air the masts it cuts off), `residents.tif`,
    /// `coverage.geojson`, `coverage.kmz` (with `overlays`' folders) and `map.png`; with `--traffic` each site's busy hour from the residents its
    /// technology's best `servers` give it (`traffic.csv`). Returns the evaluation and the tables of those CSV files,
    /// for `coverage.gpkg`.
    private static func evaluateResidents(
        in layer: AdminLayer?, coverage: CoverageMasks?, operatorCoverage: [CoverageMasks], overlays: [KMLOverlay], footprints: [SiteFootprint], sites: [Site], grid: TerrainGrid, clutter: ClutterLosses?,
        rates: [CellRates], servers: [ServingLayer: BestServers], chains: BackhaulChains?,
        operators: NetworkOperators, request: FootprintRequest, staging: OutputStaging, summary: inout FootprintSummary
    ) throws(InputError) -> (evaluation: ResidentEvaluation, layers: [FeatureTable])? {
        guard let layer, let coverage, let residents = request.residents else { return nil }
        let evaluation = try ResidentEvaluation(
            layer: layer, request: residents, grid: grid, footprints: footprints, coverage: coverage, clutter: clutter, rates: rates,
            operators: operators, operatorCoverage: operatorCoverage
        )
        summary.residents = evaluation.statistics
        summary.sunset = evaluation.sunsetSummary
        evaluation.addRateFigures(to: &summary)
        summary.population = layer.path
        let residentsPerCell = evaluation.residents.residentsPerCell(cellCount: grid.elevations.count)
        let traffic = residents.traffic.map { settings in
            SiteTraffic(
                sites: sites, servers: servers, residentsPerCell: residentsPerCell, cellAreaKm2: grid.spacing * grid.spacing / 1e6,
                rates: Dictionary(uniqueKeysWithValues: rates.map { ($0.technology, $0.values) }), settings: settings
            )
        }
        let outages = MastOutages(
            footprints: footprints, residents: evaluation.residents, residentsPerCell: residentsPerCell,
            statistics: evaluation.statistics, gridWidth: grid.width, chains: chains
        )
        summary.mastOutages = FootprintSummary.MastOutages(outages, total: evaluation.statistics.total, backhaulReach: residents.backhaulReachName ?? residents.backhaulReachPath)
        summary.traffic = traffic.map(FootprintSummary.Traffic.init)
        summary.operators = evaluation.operators?.summary(total: evaluation.statistics.total)
        // One operator's gaps are those of its own sites' coverage.
        let gapOperator = residents.gaps.networkOperator.flatMap(operators.names.firstIndex(of:))
        let gaps = try GapReport(
            evaluation, coverage: gapOperator.map { operatorCoverage[$0] } ?? coverage, settings: residents.gaps, grid: grid,
            sites: sites.filter { residents.gaps.networkOperator == nil || $0.networkOperator == residents.gaps.networkOperator }
        )
        summary.gaps = FootprintSummary.Gaps(gaps, layer: layer)
        let tables = [
            evaluation.communesTable(outages: outages, syntheticTerrain: grid.isSynthetic),
            outages.table(totalResidents: evaluation.statistics.total, syntheticTerrain: grid.isSynthetic),
            gaps.table(layer: layer, statistics: evaluation.statistics, grid: grid),
        ] + [
            traffic?.table(syntheticTerrain: grid.isSynthetic), evaluation.operators?.table(layer: layer, syntheticTerrain: grid.isSynthetic),
        ].compactMap { $0 }
        for table in tables { try staging.write(table.csv, to: table.name + ".csv") }
        try GeoTIFF.writeFloat32(
            path: staging.path("residents.tif"), width: grid.width, height: grid.height,
            values: residentsPerCell.map { Float($0) },
            georeference: grid.georeference(), metadata: grid.isSynthetic ? [syntheticMetadataKey: "YES"] : [:],
            bandDescription: "residents per cell (\(evaluation.residents.source): \(residents.counts?.path ?? layer.path))"
        )
        try RasterStyle.residents(cellAreaKm2: grid.spacing * grid.spacing / 1e6).write(besideRaster: staging.path("residents.tif"))
        try staging.write(try evaluation.coverageGeoJSON(grid: grid), to: "coverage.geojson")
        try writeZip(path: try staging.path("coverage.kmz"), entries: [("doc.kml", try evaluation.coverageKML(grid: grid, sites: sites, outages: outages, traffic: traffic, gaps: gaps, overlays: overlays))])
        let overloaded = traffic?.loads.map(\.isOverloaded) ?? sites.map { _ in false }
        try evaluation.quickLook(grid: grid, sites: sites, overloaded: overloaded).write(to: try staging.path("map.png"))
        return (evaluation, tables)
    }

    /// The GeoPackage's `coverage` of a run without residents: the union of every site's footprint.
    private static func unionTable(_ analysis: FootprintAnalysis, grid: TerrainGrid) -> FeatureTable {
        var table = FeatureTable.coverage(on: grid)
        table.appendArea(analysis.union, kind: "union", technology: "any", syntheticTerrain: grid.isSynthetic)
        return table
    }

    /// The GeoPackage's `footprints`: each site's covered area on the grid's CRS, with its radio, the ground its
    /// antenna stands on and how far it serves (`summary`'s site areas).
    private static func footprintsTable(_ footprints: [SiteFootprint], summary: FootprintSummary, grid: TerrainGrid) -> FeatureTable {
        var table = FeatureTable(name: "footprints", crs: grid.crs, columns: [
            "id", "technology", "mast", "operator", "frequency_mhz", "eirp_dbm", "height_m", "ground_m", "threshold_dbm", "area_km2", "reach_km",
            "synthetic_terrain",
        ], textColumns: ["id", "technology", "mast", "operator", "synthetic_terrain"])
        let areas = summary.siteAreasByID
        for footprint in footprints {
            let site = footprint.site
            table.append([
                site.id, site.technology.rawValue, site.mast ?? "", site.networkOperator ?? "", "\(site.frequencyMHz)", "\(site.eirpDBm)", "\(site.antennaHeight)",
                areas[site.id]?.groundM.map { String(format: "%.2f", $0) } ?? "", "\(footprint.threshold)",
                String(format: "%.4f", footprint.areaKm2), areas[site.id]?.reachKm.map { String(format: "%.3f", $0) } ?? "", grid.isSynthetic ? "yes" : "no",
            ], shape: .polygons(footprint.shape))
        }
        return table
    }

    /// Computes the sites in parallel, one per core as cores come free (each site's radials in parallel too),
    /// keeping only what the outputs need: each site's power goes to its GeoTIFF and into the grid's rasters
    /// (`ServerRasters`, which do not depend on the order sites finish in), then only its traced
    /// footprint is kept. Memory stays bounded by one window per core, the grid and the polygons. `rasterNames` are the
    /// sites' GeoTIFF names under `sites/`, nil when no site's raster is to be written here.
    private static func siteFootprints(
        _ sites: [Site], at positions: [MapPoint], rasterNames: [String]?, on grid: TerrainGrid, gridDigest: String,
        clutter: ClutterLosses?, request: FootprintRequest, staging: OutputStaging, progress: @Sendable (FootprintProgress) -> Void
    ) throws(InputError) -> (sites: [SiteFootprint], rasters: ServerRasters, skipped: [Int]) {
        let collector = SiteCollector(sites: sites, cellCount: grid.width * grid.height, request: request)
        progress(.sites(done: 0, total: sites.count))
        DispatchQueue.concurrentPerform(iterations: sites.count) { index in
            if request.limits.deadline?.hasPassed == true { return collector.skip(index, progress: progress) }
            let result = Result { () throws(InputError) in
                try siteFootprint(
                    sites[index], at: positions[index], rasterName: rasterNames?[index], on: grid, clutter: clutter,
                    gridDigest: gridDigest, request: request, staging: staging
                )
            }
            collector.add(result, at: index, gridWidth: grid.width, progress: progress)
        }
        return try collector.finish()
    }

    /// What a run stopped by its deadline covers; nil when every site was computed, an error when none was.
    private static func partialRun(_ sites: [Site], skipped: [Int], request: FootprintRequest) throws(InputError) -> FootprintSummary.Partial? {
        guard !skipped.isEmpty, let deadline = request.limits.deadline else { return nil }
        guard skipped.count < sites.count else {
            throw InputError(path: request.sitesPath, reason: "\(deadline.reason) before any site was computed; nothing written")
        }
        return FootprintSummary.Partial(
            reason: deadline.reason, sitesDone: sites.count - skipped.count, sitesSkipped: skipped.map { sites[$0].id }
        )
    }

    /// One site's coverage, written to `sites/<rasterName>.tif` (unless nil: a run's only site, whose raster is
    /// `coverage.tif`'s copy), and its traced footprint.
    private static func siteFootprint(
        _ site: Site, at position: MapPoint, rasterName: String?, on grid: TerrainGrid, clutter: ClutterLosses?,
        gridDigest: String, request: FootprintRequest, staging: OutputStaging
    ) throws(InputError) -> (SiteCoverage, SiteFootprint) {
        let coverage: SiteCoverage
        do {
            coverage = try siteCoverage(site, at: position, on: grid, clutter: clutter, gridDigest: gridDigest, request: request)
        } catch {
            throw request.placementError(error, site: site)
        }
        if let rasterName {
            let metadata = grid.isSynthetic ? [syntheticMetadataKey: "YES"] : [:]
            try GeoTIFF.writeFloat32(
                path: staging.path("sites/\(rasterName).tif"), width: coverage.width, height: coverage.height,
                values: coverage.power, georeference: grid.georeference(column: coverage.column, row: coverage.row),
                metadata: metadata.merging([siteMetadataKey: site.id]) { $1 }, bandDescription: siteRasterDescription(site.id)
            )
            try RasterStyle.receivedPower(thresholds: [coverage.threshold]).write(besideRaster: staging.path("sites/\(rasterName).tif"))
        }
        return (coverage, SiteFootprint(coverage: coverage, grid: grid))
    }

    /// A site's coverage, through the request's footprint cache when it has one, with the request's model calibration
    /// added and `clutter`'s losses taken off (after the cache, whose entries stay those of the terrain alone).
    static func siteCoverage(
        _ site: Site, at position: MapPoint, on grid: TerrainGrid, clutter: ClutterLosses?, gridDigest: String,
        request: FootprintRequest
    ) throws(SiteCoverageError) -> SiteCoverage {
        let coverage = if let cache = request.footprintCache {
            try cache.coverage(of: site, at: position, on: grid, gridDigest: gridDigest, parameters: request.parameters)
        } else {
            try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: request.parameters)
        }
        return FootprintCorrections(calibration: request.calibration, clutter: clutter).applied(to: coverage, at: position, on: grid)
    }

    private static func makeSummary(
        request: FootprintRequest, grid: TerrainGrid, voids: VoidReport, analysis: FootprintAnalysis,
        sites: [Site], positions: [MapPoint], reach: [Double?], rasterNames: [String], clutter: ClutterLosses?
    ) -> FootprintSummary {
        let position = Dictionary(uniqueKeysWithValues: sites.enumerated().map { ($1.id, $0) })
        let parameters = request.parameters
        let areas = analysis.footprints.map { footprint in
            FootprintSummary.SiteArea(
                id: footprint.site.id, latitude: footprint.site.location.latitude, longitude: footprint.site.location.longitude,
                technology: footprint.site.technology.rawValue,
                frequencyMHz: footprint.site.frequencyMHz, eirpDBm: footprint.site.eirpDBm,
                antennaHeightM: footprint.site.antennaHeight,
                groundM: position[footprint.site.id].flatMap { grid.siteGround(at: footprint.site.location, position: positions[$0]) }.map(Double.init),
                thresholdDBm: footprint.threshold,
                uplink: FootprintSummary.UplinkBudget(site: footprint.site, parameters: parameters),
                locationMarginDB: parameters.locationMarginDB(for: footprint.site),
                indoorLossDB: parameters.receiver.indoorLossDB(frequencyMHz: footprint.site.frequencyMHz),
                handsetClutterLossDB: parameters.receiver.handsetClutter?.lossDB(
                    frequencyMHz: footprint.site.frequencyMHz, handsetHeight: parameters.receiverHeight
                ),
                coveredCells: footprint.coveredCells, areaKm2: footprint.areaKm2,
                reachKm: position[footprint.site.id].flatMap { reach[$0] },
                raster: position[footprint.site.id].map { "sites/\(rasterNames[$0]).tif" } ?? "",
                server: ServerRasters.keepsServers(siteCount: sites.count) ? position[footprint.site.id].map { $0 + 1 } : nil
            )
        }
        var summary = FootprintSummary(
            engine: engineVersion, syntheticTerrain: grid.isSynthetic, terrain: request.terrainPath,
            sites: request.sitesPath, model: parameters.model.rawValue,
            settings: FootprintSummary.ModelSettings(parameters, spacing: grid.spacing), crs: grid.crs,
            resolutionM: grid.spacing, gridWidth: grid.width, gridHeight: grid.height, radiusKm: parameters.radius / 1_000,
            kFactor: parameters.earth.kFactor.isFinite ? parameters.earth.kFactor : nil,
            receiverHeightM: parameters.receiverHeight,
            thresholdsDBm: Dictionary(uniqueKeysWithValues: Technology.allCases.map { ($0.rawValue, parameters.thresholds[$0]) }),
            voids: voids, siteAreas: areas, unionAreaKm2: analysis.unionAreaKm2,
            sumOfSiteAreasKm2: areas.reduce(0) { $0 + $1.areaKm2 },
            overlaps: analysis.overlaps.map { .init(a: $0.first, b: $0.second, areaKm2: $0.areaKm2) },
            warnings: analysis.footprints.flatMap { footprint in footprint.warnings.map { "site '\(footprint.siteID)': \($0)" } }
                + zip(analysis.footprints, areas).compactMap { footprint, area in
                    ServiceReach.timingAdvanceWarning(siteID: area.id, technology: footprint.site.technology, reachKm: area.reachKm)
                }
                + [clutter?.warning].compactMap { $0 }
        )
        summary.clutter = clutter.map(FootprintSummary.Clutter.init)
        summary.calibration = request.calibration
        return summary
    }

    /// `sites` on the carriers of the request's channel plan, with the identities of its PCI and scrambling-code plans,
    /// the downtilts of its tilt plan and the loads of its load plan, where it has them.
    static func planned(_ sites: [Site], request: FootprintRequest) throws(InputError) -> [Site] {
        var planned = sites
        if let path = request.channelPlanPath { planned = try ChannelPlan.apply(try ChannelPlan.load(path), to: planned, path: path) }
        if let path = request.pciPlanPath { planned = try PCIPlan.apply(try PCIPlan.load(path), to: planned, path: path) }
        if let path = request.pscPlanPath { planned = try PSCPlan.apply(try PSCPlan.load(path), to: planned, path: path) }
        if let path = request.tiltPlanPath { planned = try TiltPlan.apply(try TiltPlan.load(path), to: planned, path: path) }
        if let path = request.loadPlanPath { planned = try LoadPlan.apply(try LoadPlan.load(path), to: planned, path: path) }
        return planned
    }

    /// `coverage.tif` with its QGIS style from the sites' `thresholds` (`coverage_power.qml`), in a run of one site (`onlySite`) also that
    /// site's raster — the same values, so copied rather than compressed twice — and, when asked for, `terrain.tif`.
    private static func writeRasters(
        staging: OutputStaging, grid: TerrainGrid, rasters: ServerRasters, siteIDs: [String], onlySite: (id: String, rasterName: String)?,
        thresholds: [Double], writeTerrain: Bool, clutter: ClutterLosses?, quality: SignalQualityOutputs, partial: Bool
    ) throws(InputError) {
        var metadata = grid.isSynthetic ? [syntheticMetadataKey: "YES"] : [:]
        if writeTerrain {
            try GeoTIFF.writeFloat32(
                path: staging.path("terrain.tif"), width: grid.width, height: grid.height, values: grid.elevations,
                georeference: grid.georeference(), metadata: metadata, bandDescription: "elevation (m) on the run's grid"
            )
        }
        if let clutter {
            try GeoTIFF.writeIntegers(
                path: staging.path("clutter.tif"), width: grid.width, height: grid.height, values: clutter.classes,
                nodata: ClassGrid.none, georeference: grid.georeference(), metadata: metadata,
                bandDescription: "land-cover class of each cell (\(clutter.request.rasterPath))"
            )
            try RasterStyle.landCover(clutter).write(besideRaster: staging.path("clutter.tif"))
        }
        if partial { metadata[partialMetadataKey] = "YES" }
        try GeoTIFF.writeFloat32(
            path: staging.path("coverage.tif"), width: grid.width, height: grid.height, values: rasters.strongest,
            georeference: grid.georeference(), metadata: metadata, bandDescription: "best-server received power (dBm)"
        )
        let style = RasterStyle.receivedPower(thresholds: thresholds)
        // Not coverage.qml: QGIS would give that to coverage.gpkg's and coverage.geojson's layers too, by their name.
        try staging.write(style.qml, to: "coverage_power.qml")
        try rasters.writeServers(staging: staging, grid: grid, siteIDs: siteIDs, metadata: metadata)
        try quality.write(staging: staging, grid: grid, metadata: metadata)
        if let onlySite {
            let raster = try staging.path("sites/\(onlySite.rasterName).tif")
            try GeoTIFF.copy(
                staging.path("coverage.tif"), to: raster, metadata: [siteMetadataKey: onlySite.id],
                bandDescription: siteRasterDescription(onlySite.id)
            )
            try style.write(besideRaster: raster)
        }
    }

    /// File-system-safe, unique names for site ids: anything but letters, digits, '-', '_' and '.' becomes '_', "site"
    /// goes before an empty id or one starting with '.', the name is cut to `longestNameFromID` bytes (ids are free
    /// text), and repeats get "-2", "-3"… — repeats case aside too, since results are copied to file systems that
    /// ignore case (Windows, macOS), where `ABC.tif` would replace `abc.tif`.
    static func fileNames(for ids: [String]) -> [String] {
        var used = Set<String>()
        return ids.map { id in
            var safe = String(id.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
            if safe.isEmpty || safe.hasPrefix(".") { safe = "site" + safe }
            while safe.utf8.count > longestNameFromID { safe.removeLast() }
            var name = safe, suffix = 2
            while !used.insert(name.lowercased()).inserted {
                name = "\(safe)-\(suffix)"
                suffix += 1
            }
            return name
        }
    }

    /// `footprints.geojson`: each site's footprint with its radio, area and reach (`summary`'s), and the union.
    private static func footprintsGeoJSON(_ analysis: FootprintAnalysis, summary: FootprintSummary, grid: TerrainGrid) throws(InputError) -> String {
        let areas = summary.siteAreasByID
        var features = analysis.footprints.map { footprint in
            var properties: [String: GeoJSONValue] = [
                "id": .string(footprint.siteID), "kind": .string("site"),
                "technology": .string(footprint.site.technology.rawValue),
                "threshold_dbm": .number(footprint.threshold), "area_km2": .number(footprint.areaKm2),
                "synthetic_terrain": .bool(grid.isSynthetic),
            ]
            if let reach = areas[footprint.siteID]?.reachKm { properties["reach_km"] = .number(reach) }
            if let name = footprint.site.networkOperator { properties["operator"] = .string(name) }
            return GeoJSONFeature(shape: footprint.shape, properties: properties)
        }
        features.append(GeoJSONFeature(shape: analysis.union, properties: [
            "id": .string("union"), "kind": .string("union"), "area_km2": .number(analysis.unionAreaKm2),
            "synthetic_terrain": .bool(grid.isSynthetic),
        ]))
        do {
            return try GeoJSONWriter.featureCollection(features, crs: grid.crs)
        } catch {
            throw InputError(path: "footprints.geojson", reason: error.message)
        }
    }
}

/// What the sites' workers hand back: footprints in the sites' order, the grid's rasters, and the
/// first failure in the sites' order. Workers add under a lock.
private final class SiteCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var footprints: [SiteFootprint?]
    private var failures: [Int: InputError] = [:]
    private var rasters: ServerRasters
    private var skipped: [Int] = []
    private var done = 0

    init(sites: [Site], cellCount: Int, request: FootprintRequest) {
        footprints = Array(repeating: nil, count: sites.count)
        rasters = ServerRasters(cellCount: cellCount, sites: sites, request: request)
    }

    func add(
        _ result: Result<(SiteCoverage, SiteFootprint), InputError>, at index: Int, gridWidth: Int,
        progress: (FootprintProgress) -> Void
    ) {
        lock.lock()
        defer { lock.unlock() }
        switch result {
        case let .success((coverage, footprint)):
            rasters.add(coverage, number: Int32(index + 1), gridWidth: gridWidth)
            footprints[index] = footprint
        case let .failure(error):
            failures[index] = error
        }
        done += 1
        progress(.sites(done: done, total: footprints.count))
    }

    /// A site not started because the deadline had passed.
    func skip(_ index: Int, progress: (FootprintProgress) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        skipped.append(index)
        done += 1
        progress(.sites(done: done, total: footprints.count))
    }

    func finish() throws(InputError) -> (sites: [SiteFootprint], rasters: ServerRasters, skipped: [Int]) {
        if let first = failures.keys.min(), let error = failures[first] { throw error }
        return (footprints.compactMap { $0 }, rasters, skipped.sorted())
    }
}
