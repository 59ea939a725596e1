import Coverage
import Foundation
import Planning
import Propagation
import Terrain

/// What `phusong candidates` needs: terrain, residents, how densely to search and what to propose there.
public struct CandidateSearchRequest: Sendable {
    public var terrainPath: String
    public var residents: ResidentsRequest
    /// The CSV written: the candidates (after the rows of `existingPath`, when given).
    public var outputPath: String
    /// A plan's candidate CSV whose rows come first, and whose columns the new rows take.
    public var existingPath: String?
    /// Side of the square blocks searched, metres: one candidate per block at most.
    public var blockSize: Double = 2_000
    /// Residents within this distance of a candidate are its reach, metres.
    public var reach: Double = 5_000
    /// Which of them count: those in its footprint or all within the distance.
    public var reachBy = CandidateReach.footprint
    /// The footprints' model (line of sight by default) and its radio environment.
    public var model = PathLossModel.los
    public var environment = RadioEnvironment()
    /// With reach by footprint: the model's corrections fitted against drive tests (`ModelCalibration.load`, for
    /// `model`), added to every footprint, the sites on air's and the hilltops'.
    public var calibration: ModelCalibration?
    /// With reach by footprint: land cover whose classes' losses are taken off every footprint, as `footprint --clutter`
    /// takes them off.
    public var clutter: ClutterRequest?
    /// With reach by footprint: the handset the footprints serve, indoors or out (`footprint --indoor-penetration`).
    public var receiver = ReceiverBudget()
    /// Whether each candidate is ranked by the residents it reaches alone or by those it adds to the ones before it.
    public var ranking = CandidateRanking.added
    /// The most candidates proposed, those reaching most residents.
    public var maximum = 50
    /// Grid cell size, metres; nil: the DEM's own.
    public var resolution: Double?
    /// How much void the area may hold, and how voids are filled.
    public var voidPolicy = VoidPolicy()
    /// What each candidate proposes.
    public var heightM = 30.0, technology = Technology.gsm, frequencyMHz: Double?, eirpDBm = 60.0, cost = 100.0
    /// Each candidate's antenna gain (with its EIRP, what `--uplink` needs); nil: not stated.
    public var antennaGainDBi: Double?
    /// Roads within reach count too, each kilometre as `roadWeight` residents (as `plan --road-weight` counts them).
    public var roads: RoadsRequest?
    public var roadWeight = 0.0
    /// Facilities within reach count too, each as `facilityWeight` residents (as `plan --facility-weight` counts them).
    public var facilities: FacilitiesRequest?
    public var facilityWeight = 0.0

    public init(terrainPath: String, residents: ResidentsRequest, outputPath: String) {
        self.terrainPath = terrainPath
        self.residents = residents
        self.outputPath = outputPath
    }

    /// The footprints' settings: the model out to the reach, for the request's handset.
    var parameters: CoverageParameters {
        CoverageParameters(radius: reach, model: model, environment: environment, receiver: receiver)
    }
}

/// A greenfield position found: the highest cell of its block.
public struct FoundCandidate: Sendable, Equatable {
    public let id: String
    public let location: GeoPoint
    public let elevationM: Double
    /// Residents within the request's reach (those in its footprint, or all within the distance) whom no site on air
    /// reaches so, weighted as the plan weighs them (× (1 + their commune's priority weight); with roads, plus the road
    /// weight per kilometre of road; with facilities, plus the facility weight per facility).
    public let weightedResidentsInReach: Double
}

/// What `phusong candidates` found, and the sites on air it left the residents of.
public struct CandidateSearchResult: Sendable {
    /// Best first.
    public let found: [FoundCandidate]
    /// The existing file's sites on air (`kind` existing) whose reach took its residents out of the ranking.
    public let sitesOnAir: Int
    /// Ids of the sites on air off the terrain or on a void, which reach nobody on it.
    public let sitesOnAirOffTerrain: [String]
}

/// Greenfield candidates for `phusong plan`, found on terrain: the grid over the population layer is cut into blocks,
/// each block offers its highest cell (a hilltop sees farthest), and the blocks whose hilltops reach the most residents
/// no site on air reaches — in their footprints (line of sight by default) or within the distance, weighted by their communes' priority as the
/// plan weighs them — are proposed. They are nominal positions — search rings to survey for land, road and power — and
/// the plan's optimiser, which keeps the existing sites, picks among them.
public enum CandidateSearch {
    public static func run(_ request: CandidateSearchRequest) throws(InputError) -> CandidateSearchResult {
        let existing = try request.existingPath.map { path throws(InputError) in try ExistingCandidates(path: path) }
        let onAir = try request.existingPath.map { path throws(InputError) in
            try CandidateFile.load(path).filter { $0.kind == .existing }.map(\.site)
        } ?? []
        let layer = try AdminLayer.load(request.residents.populationPath, fields: request.residents.fields)
        let roads = try request.roads.map(RoadReport.init)
        let facilities = try request.facilities.map(FacilityReport.init)
        let bounds = layer.bounds
        let centre = GeoPoint(latitude: (bounds.minY + bounds.maxY) / 2, longitude: (bounds.minX + bounds.maxX) / 2)
        let grid = try DEMSource.open(request.terrainPath).metricGrid(
            around: [centre], radius: request.reach, region: bounds, resolution: request.resolution, policy: request.voidPolicy
        ).grid
        let corrections = FootprintCorrections(
            calibration: request.calibration,
            clutter: try request.clutter.map { clutter throws(InputError) in try ClutterLosses.load(clutter, onto: grid) }
        )
        var residents = try ResidentEvaluation.residents(of: layer, request: request.residents, on: grid)
            .weightedResidentsPerCell(cellCount: grid.elevations.count)
        let weighted = try weightedCells(
            roads: roads, roadWeight: request.roadWeight, facilities: facilities, facilityWeight: request.facilityWeight, on: grid
        )
        for (cell, weight) in weighted { residents[cell] += weight }
        let (remaining, offTerrain) = try residentsNoSiteOnAirReaches(
            residents, onAir: onAir, grid: grid, corrections: corrections, request: request
        )
        let hilltops = blockHilltops(grid: grid, blockCells: max(1, Int((request.blockSize / grid.spacing).rounded())))
        let places = try geographic(hilltops.map { grid.center(column: $0 % grid.width, row: $0 / grid.width) }, grid: grid, request: request)
        let reached = try cellsReached(
            from: hilltops, at: places, residents: remaining, grid: grid, corrections: corrections, request: request
        )
        let ranked = request.ranking.rank(reached, residents: remaining, ties: hilltops, maximum: request.maximum)
        let found = ranked.enumerated().map { rank, pick in
            FoundCandidate(
                id: "HT-\(rank + 1)", location: places[pick.index], elevationM: Double(grid.elevations[hilltops[pick.index]]),
                weightedResidentsInReach: pick.residents
            )
        }
        try writeTextFile(try (existing ?? ExistingCandidates.standalone).appending(found, request: request), to: request.outputPath)
        return CandidateSearchResult(found: found, sitesOnAir: onAir.count - offTerrain.count, sitesOnAirOffTerrain: offTerrain)
    }

    /// `residents` less those in the cells a site on air reaches as the request draws reach: what is left to cover;
    /// and the ids of the sites on air off the terrain or on a void, which reach nobody here.
    private static func residentsNoSiteOnAirReaches(
        _ residents: [Double], onAir: [Site], grid: TerrainGrid, corrections: FootprintCorrections, request: CandidateSearchRequest
    ) throws(InputError) -> (remaining: [Double], offTerrain: [String]) {
        guard let path = request.existingPath, !onAir.isEmpty else { return (residents, []) }
        let positions: [MapPoint]
        do { positions = try CoverageEngine.positions(of: onAir, on: grid) } catch {
            throw InputError(path: path, reason: "cannot place the sites on air on the terrain's grid: \(error.message)")
        }
        var remaining = residents, offTerrain: [String] = []
        for (site, position) in zip(onAir, positions) {
            guard grid.siteGround(at: site.location, position: position) != nil else {
                offTerrain.append(site.id)
                continue
            }
            let cells: [Int]
            do { cells = try request.reachBy.cells(of: site, at: position, on: grid, parameters: request.parameters, corrections: corrections) } catch {
                throw InputError(path: path, reason: "site '\(site.id)' on air \(error.reason) (terrain \(request.terrainPath))")
            }
            for cell in cells { remaining[cell] = 0 }
        }
        return (remaining, offTerrain)
    }

    /// The cells with residents left to cover each hilltop reaches (a candidate with the request's antenna on it).
    private static func cellsReached(
        from hilltops: [Int], at places: [GeoPoint], residents: [Double], grid: TerrainGrid, corrections: FootprintCorrections,
        request: CandidateSearchRequest
    ) throws(InputError) -> [[Int]] {
        let parameters = request.parameters
        let results = parallelMap(count: hilltops.count, chunkSize: 8) { index in
            Result { () throws(SiteCoverageError) in
                let site = Site(
                    id: "hilltop", location: places[index], antennaHeight: request.heightM,
                    frequencyMHz: request.frequencyMHz ?? request.technology.defaultFrequencyMHz, eirpDBm: request.eirpDBm,
                    technology: request.technology
                )
                let cell = hilltops[index], centre = grid.center(column: cell % grid.width, row: cell / grid.width)
                return try request.reachBy.cells(of: site, at: centre, on: grid, parameters: parameters, corrections: corrections)
                    .filter { residents[$0] > 0 }
            }
        }
        return try results.map { result throws(InputError) in
            do throws(SiteCoverageError) { return try result.get() } catch {
                throw InputError(path: request.terrainPath, reason: "a hilltop's reach: \(error.reason)")
            }
        }
    }

    /// Grid points in longitude and latitude.
    private static func geographic(_ points: [MapPoint], grid: TerrainGrid, request: CandidateSearchRequest) throws(InputError) -> [GeoPoint] {
        do throws(ProjectionError) {
            return try CoordinateTransform(from: grid.crs, to: wgs84).apply(points).map { GeoPoint(latitude: $0.y, longitude: $0.x) }
        } catch {
            throw InputError(path: request.terrainPath, reason: "cannot place candidates in longitude/latitude: \(error.message)")
        }
    }

    /// The grid index of the highest cell with an elevation in each `blockCells` × `blockCells` block (the first
    /// in row order on a tie); blocks of voids offer none.
    static func blockHilltops(grid: TerrainGrid, blockCells: Int) -> [Int] {
        var hilltops: [Int] = []
        for blockRow in stride(from: 0, to: grid.height, by: blockCells) {
            for blockColumn in stride(from: 0, to: grid.width, by: blockCells) {
                var best: Int?
                for row in blockRow..<min(grid.height, blockRow + blockCells) {
                    for column in blockColumn..<min(grid.width, blockColumn + blockCells) {
                        let index = row * grid.width + column, height = grid.elevations[index]
                        if !height.isNaN, best.map({ height > grid.elevations[$0] }) ?? true { best = index }
                    }
                }
                if let best { hilltops.append(best) }
            }
        }
        return hilltops
    }
}
