import Coverage
import Foundation
import Geometry
import Propagation
import Terrain

/// `phusong footprint`: sites over terrain → `coverage.tif` (best-server received power),
/// `sites/<id>.tif` (each site's power), `footprints.geojson` (WGS84, one feature per site and the union)
/// and `summary.json`. Outputs appear all together or not at all.
public enum FootprintJob {
    /// Runs the job; `progress` is told after each site how many of how many are done.
    public static func run(
        _ request: FootprintRequest, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(InputError) -> FootprintSummary {
        let sites = try SiteFile.load(request.sitesPath)
        let source = try DEMSource.open(request.terrainPath)
        if let outside = try source.indicesOutside(sites.map(\.location)).first {
            throw placementError(SiteCoverageError(siteID: sites[outside].id, reason: "lies outside the terrain"), site: sites[outside], request: request)
        }
        let terrain = try source.metricGrid(
            around: sites.map(\.location), radius: request.parameters.radius,
            resolution: request.resolution, policy: request.voidPolicy
        )
        let grid = terrain.grid
        let coverages = try siteCoverages(sites, on: grid, request: request, progress: progress)
        let analysis: FootprintAnalysis
        do {
            analysis = try FootprintAnalysis(coverages: coverages, grid: grid)
        } catch {
            throw InputError(path: request.sitesPath, reason: "footprints cannot be combined: \(error.message)")
        }
        let summary = makeSummary(request: request, grid: grid, voids: terrain.voids, analysis: analysis, coverages: coverages)
        let staging = try OutputStaging(destination: request.outputDirectory)
        do {
            try writeOutputs(
                staging: staging, grid: grid, coverages: coverages, analysis: analysis, summary: summary,
                writeTerrain: request.writeTerrain
            )
            try staging.commit()
        } catch {
            staging.discard()
            throw error
        }
        return summary
    }

    private static func siteCoverages(
        _ sites: [Site], on grid: TerrainGrid, request: FootprintRequest, progress: (Int, Int) -> Void
    ) throws(InputError) -> [SiteCoverage] {
        let positions: [MapPoint]
        do {
            positions = try CoverageEngine.positions(of: sites, on: grid)
        } catch {
            throw InputError(path: request.sitesPath, reason: error.message)
        }
        var coverages: [SiteCoverage] = []
        for (site, position) in zip(sites, positions) {
            do {
                coverages.append(try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: request.parameters))
                progress(coverages.count, sites.count)
            } catch {
                throw placementError(error, site: site, request: request)
            }
        }
        return coverages
    }

    private static func placementError(_ error: SiteCoverageError, site: Site, request: FootprintRequest) -> InputError {
        let place = String(format: "%.5f, %.5f", site.location.latitude, site.location.longitude)
        return InputError(
            path: request.sitesPath, reason: "site '\(site.id)' at \(place) \(error.reason) (terrain \(request.terrainPath))"
        )
    }

    private static func makeSummary(
        request: FootprintRequest, grid: TerrainGrid, voids: VoidReport, analysis: FootprintAnalysis,
        coverages: [SiteCoverage]
    ) -> FootprintSummary {
        let parameters = request.parameters
        let areas = zip(coverages, analysis.footprints).map { coverage, footprint in
            FootprintSummary.SiteArea(
                id: coverage.site.id, technology: coverage.site.technology.rawValue,
                frequencyMHz: coverage.site.frequencyMHz, eirpDBm: coverage.site.eirpDBm,
                antennaHeightM: coverage.site.antennaHeight, thresholdDBm: coverage.threshold,
                coveredCells: footprint.coveredCells, areaKm2: footprint.areaKm2
            )
        }
        return FootprintSummary(
            engine: engineVersion, syntheticTerrain: grid.isSynthetic, terrain: request.terrainPath,
            sites: request.sitesPath, model: parameters.model.rawValue,
            settings: FootprintSummary.ModelSettings(parameters), crs: grid.crs, resolutionM: grid.spacing,
            gridWidth: grid.width, gridHeight: grid.height, radiusKm: parameters.radius / 1_000,
            kFactor: parameters.earth.kFactor.isFinite ? parameters.earth.kFactor : nil,
            receiverHeightM: parameters.receiverHeight,
            thresholdsDBm: Dictionary(uniqueKeysWithValues: Technology.allCases.map { ($0.rawValue, parameters.thresholds[$0]) }),
            voids: voids, siteAreas: areas, unionAreaKm2: analysis.unionAreaKm2,
            sumOfSiteAreasKm2: areas.reduce(0) { $0 + $1.areaKm2 },
            overlaps: analysis.overlaps.map { .init(a: $0.first, b: $0.second, areaKm2: $0.areaKm2) },
            warnings: coverages.flatMap { coverage in coverage.warnings.map { "site '\(coverage.site.id)': \($0)" } }
        )
    }

    private static func writeOutputs(
        staging: OutputStaging, grid: TerrainGrid, coverages: [SiteCoverage], analysis: FootprintAnalysis,
        summary: FootprintSummary, writeTerrain: Bool
    ) throws(InputError) {
        let metadata = grid.isSynthetic ? [syntheticMetadataKey: "YES"] : [:]
        if writeTerrain {
            try GeoTIFF.writeFloat32(
                path: staging.path("terrain.tif"), width: grid.width, height: grid.height, values: grid.elevations,
                georeference: grid.georeference(), metadata: metadata, bandDescription: "elevation (m) on the run's grid"
            )
        }
        try GeoTIFF.writeFloat32(
            path: staging.path("coverage.tif"), width: grid.width, height: grid.height,
            values: bestServerPower(coverages, grid: grid), georeference: grid.georeference(),
            metadata: metadata, bandDescription: "best-server received power (dBm)"
        )
        for (coverage, name) in zip(coverages, fileNames(for: coverages.map(\.site.id))) {
            try GeoTIFF.writeFloat32(
                path: staging.path("sites/\(name).tif"), width: coverage.width, height: coverage.height,
                values: coverage.power, georeference: grid.georeference(column: coverage.column, row: coverage.row),
                metadata: metadata.merging(["PHUSONG_SITE": coverage.site.id]) { $1 },
                bandDescription: "received power (dBm) from \(coverage.site.id)"
            )
        }
        try staging.write(try footprintsGeoJSON(analysis, coverages: coverages, grid: grid), to: "footprints.geojson")
        try staging.write(summary.json(), to: "summary.json")
    }

    /// Per cell, the strongest received power of any site (NaN where no site reaches).
    static func bestServerPower(_ coverages: [SiteCoverage], grid: TerrainGrid) -> [Float] {
        var best = [Float](repeating: .nan, count: grid.width * grid.height)
        for coverage in coverages {
            for row in 0..<coverage.height {
                for column in 0..<coverage.width {
                    let value = coverage.power[row * coverage.width + column]
                    let index = (coverage.row + row) * grid.width + coverage.column + column
                    if !value.isNaN, best[index].isNaN || value > best[index] { best[index] = value }
                }
            }
        }
        return best
    }

    /// File-system-safe, unique names for site ids.
    static func fileNames(for ids: [String]) -> [String] {
        var used = Set<String>()
        return ids.map { id in
            let safe = String(id.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
            var name = safe.isEmpty || safe.hasPrefix(".") ? "site" + safe : safe, suffix = 2
            while !used.insert(name).inserted {
                name = "\(safe)-\(suffix)"
                suffix += 1
            }
            return name
        }
    }

    private static func footprintsGeoJSON(
        _ analysis: FootprintAnalysis, coverages: [SiteCoverage], grid: TerrainGrid
    ) throws(InputError) -> String {
        var features = zip(analysis.footprints, coverages).map { footprint, coverage in
            GeoJSONFeature(shape: footprint.shape, properties: [
                "id": .string(footprint.siteID), "kind": .string("site"),
                "technology": .string(coverage.site.technology.rawValue),
                "threshold_dbm": .number(coverage.threshold), "area_km2": .number(footprint.areaKm2),
                "synthetic_terrain": .bool(grid.isSynthetic),
            ])
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
