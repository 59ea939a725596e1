import Coverage
import Foundation
import Planning
import Propagation
import Terrain

/// What `phusong tilt` needs: the evaluation settings (with residents), how to search and what the evaluation's roads
/// and facilities served count besides the residents.
public struct TiltRequest: Sendable {
    public var evaluation: FootprintRequest
    public var settings: TiltSettings
    public var weights: ObjectiveWeights

    public init(evaluation: FootprintRequest, settings: TiltSettings = TiltSettings(), weights: ObjectiveWeights = ObjectiveWeights()) {
        self.evaluation = evaluation
        self.settings = settings
        self.weights = weights
    }
}

/// `phusong tilt`: every site's footprint once — a sector's without its antenna's pattern, whose tilt then turns over the
/// cells' directions — the tilt search per technology over the residents (and roads and facilities) weighted as `plan`
/// weighs them, then the evaluation reports of the sites as given (`before/`) and as turned (`after/`), `tilts.csv` and
/// `tilt.json`, all together or not at all.
public enum TiltJob {
    public static func run(_ request: TiltRequest, progress: @Sendable (FootprintProgress) -> Void = { _ in }) throws(InputError) -> TiltSummary {
        let evaluation = request.evaluation
        try checkOutputFolder(evaluation.outputDirectory)
        guard let residentsRequest = evaluation.residents else { throw InputError(path: evaluation.sitesPath, reason: "tilting needs --population") }
        let sites = try FootprintJob.planned(try SiteFile.load(evaluation.sitesPath), request: evaluation)
        try evaluation.validateUplink(of: sites)
        try NetworkOperators(sites, path: evaluation.sitesPath).refuseServers(for: ["tilt"], path: evaluation.sitesPath)
        _ = try evaluation.backhaulChains(of: sites)
        guard sites.contains(where: { TiltAdjustment(for: $0.antenna) != nil }) else {
            throw InputError(path: evaluation.sitesPath, reason: "has no sector (a site with an azimuth or a pattern file) whose tilt could turn")
        }
        progress(.loadingTerrain(sites: sites.count))
        let layer = try AdminLayer.load(residentsRequest.populationPath, fields: residentsRequest.fields)
        let weighed = try request.weights.layers(of: evaluation)
        let (terrain, clutter) = try evaluation.loadTerrain(for: sites, layer: layer) { index, reason in
            evaluation.placementError(SiteCoverageError(siteID: sites[index].id, reason: reason), site: sites[index])
        }
        let grid = terrain.grid
        let residents = try ResidentEvaluation.residents(of: layer, request: residentsRequest, on: grid)
        var weights = residents.weightedResidentsPerCell(cellCount: grid.elevations.count)
        for (cell, weight) in try request.weights.cells(of: weighed, on: grid) { weights[cell] += weight }
        let cells = try tiltCells(sites, on: grid, clutter: clutter, weights: weights, request: request, progress: progress)
        let (turned, summary) = search(cells, weights: weights, residents: residents, grid: grid, request: request)
        return try writeOutputs(summary, sites: sites, turned: turned, request: request, progress: progress)
    }

    /// The tilt search of each technology with a turnable sector, over the residents weighted as `plan` weighs them:
    /// the sites as turned and the summary.
    private static func search(
        _ cells: [TiltCells], weights: [Double], residents: ResidentGrid, grid: TerrainGrid, request: TiltRequest
    ) -> (turned: [Site], summary: TiltSummary) {
        let sites = cells.map(\.site)
        let perCell = residents.residentsPerCell(cellCount: grid.elevations.count)
        var turned = sites, technologies: [TiltSummary.TechnologyResult] = [], rows: [TiltSummary.Sector] = [], searchSeconds = 0.0
        for technology in Technology.allCases {
            let members = sites.indices.filter { sites[$0].technology == technology }
            guard members.contains(where: { cells[$0].aims != nil }) else { continue }
            let quality = quality(for: technology, sites: members.map { sites[$0] }, request: request)
            var search = TiltSearch(sites: members.map { cells[$0] }, weights: weights, quality: quality)
            let before = (weighted: search.objective, residents: search.servedSum(of: perCell))
            let started = Date()
            let settings = request.settings
            let rounds = search.run(
                tilts: settings.candidates, azimuthOffsets: settings.azimuthOffsets, rounds: settings.rounds, turnCost: settings.minimumGain
            )
            searchSeconds += Date().timeIntervalSince(started)
            let after = search.servedSum(of: perCell)
            for (member, site) in members.enumerated() {
                turned[site].antenna = search.antennas[member]
                guard let adjustment = TiltAdjustment(for: sites[site].antenna) else { continue }
                rows.append(.init(
                    id: sites[site].id, technology: technology.rawValue, adjusts: adjustment,
                    tiltBefore: adjustment.tilt(of: sites[site].antenna), tiltAfter: adjustment.tilt(of: turned[site].antenna),
                    azimuthBefore: sites[site].antenna.azimuth, azimuthAfter: turned[site].antenna.azimuth,
                    residentsServedBefore: before.residents.bySite[member], residentsServedAfter: after.bySite[member]
                ))
            }
            technologies.append(.init(
                technology: technology.rawValue, sectors: search.turnable.count,
                turned: search.turnable.filter { search.antennas[$0] != sites[members[$0]].antenna }.count, rounds: rounds,
                weightedBefore: before.weighted, weightedAfter: search.objective,
                residentsBefore: before.residents.total, residentsAfter: after.total
            ))
        }
        let summary = TiltSummary(
            engine: engineVersion, syntheticTerrain: grid.isSynthetic, candidatesDeg: request.settings.candidates,
            azimuthOffsetsDeg: request.settings.azimuthOffsets,
            minimumGain: request.settings.minimumGain, sinrLimitDB: request.evaluation.sinr == nil ? nil : request.settings.sinrLimitDB,
            technologies: technologies, sectors: rows, searchSeconds: searchSeconds
        )
        return (turned, summary)
    }

    /// Every site's cells that the search needs (`TiltCells`), from its coverage computed in parallel — a sector's without
    /// its antenna's pattern, with its cells' directions — each window let go once reduced.
    private static func tiltCells(
        _ sites: [Site], on grid: TerrainGrid, clutter: ClutterLosses?, weights: [Double], request: TiltRequest,
        progress: @Sendable (FootprintProgress) -> Void
    ) throws(InputError) -> [TiltCells] {
        let evaluation = request.evaluation
        let (positions, gridDigest) = try evaluation.placesOnGrid(sites, grid: grid)
        let done = SitesDone()
        progress(.sites(done: 0, total: sites.count))
        let results = parallelMap(count: sites.count, chunkSize: 1) { index in
            defer { done.add { progress(.sites(done: $0, total: sites.count)) } }
            return Result { () throws(SiteCoverageError) in
                var unaimed = sites[index]
                let turnable = TiltAdjustment(for: unaimed.antenna) != nil
                if turnable { unaimed.antenna = .omni }
                let coverage = try FootprintJob.siteCoverage(
                    unaimed, at: positions[index], on: grid, clutter: clutter, gridDigest: gridDigest, request: evaluation
                )
                let directions = turnable ? AntennaDirections(of: coverage, at: positions[index], on: grid, parameters: evaluation.parameters) : nil
                return TiltCells(
                    site: sites[index], coverage: coverage, directions: directions, weights: weights, gridWidth: grid.width,
                    keepWeak: quality(for: sites[index].technology, sites: [sites[index]], request: request) != nil
                )
            }
        }
        return try results.enumerated().map { index, result throws(InputError) in
            do throws(SiteCoverageError) { return try result.get() } catch {
                throw evaluation.placementError(error, site: sites[index])
            }
        }
    }

    /// The quality a served cell needs for `technology`'s `sites`: the run's SINR (4G's reference signal at the sites'
    /// loads, 5G's synchronisation signal against every other cell whole, both at the request's limit), Ec/Io (3G, each
    /// site's total power over its own pilot) or C/I (2G, co-channel) when it computes it; nil for coverage alone.
    static func quality(for technology: Technology, sites: [Site], request: TiltRequest) -> ServiceQuality? {
        let evaluation = request.evaluation
        switch technology {
        case .lte:
            return evaluation.sinr.map { settings in
                ServiceQuality(
                    weights: sites.map(settings.loadShare(of:)), countsOwn: false,
                    noiseMilliwatts: sites.map { _ in pow(10, settings.noiseDBm / 10) }, limitDB: request.settings.sinrLimitDB
                )
            }
        case .umts:
            return evaluation.ecio.map { settings in
                ServiceQuality(
                    weights: sites.map(settings.totalOverPilot(of:)), countsOwn: true,
                    noiseMilliwatts: sites.map { _ in pow(10, settings.noiseDBm / 10) }, limitDB: settings.limitDB
                )
            }
        case .gsm:
            return evaluation.ci.map { settings in
                ServiceQuality(
                    weights: sites.map { _ in 1 }, countsOwn: false, noiseMilliwatts: sites.map { _ in pow(10, settings.noiseDBm / 10) },
                    limitDB: settings.limitDB
                )
            }
        case .nr:
            return evaluation.sinr.map { settings in
                ServiceQuality(
                    weights: sites.map { _ in 1 }, countsOwn: false,
                    noiseMilliwatts: sites.map { pow(10, settings.synchronisationNoiseDBm(subcarrierSpacingKHz: $0.subcarrierSpacingKHz) / 10) },
                    limitDB: request.settings.sinrLimitDB
                )
            }
        }
    }

    /// `before/` and `after/` (the evaluations of the sites as given and as turned, on one grid), `tilts.csv` and
    /// `tilt.json`, together or not at all.
    private static func writeOutputs(
        _ searched: TiltSummary, sites: [Site], turned: [Site], request: TiltRequest,
        progress: @Sendable (FootprintProgress) -> Void
    ) throws(InputError) -> TiltSummary {
        let staging = try OutputStaging(destination: request.evaluation.outputDirectory)
        do throws(InputError) {
            let evaluated = try [("before", sites), ("after", turned)].map { folder, list throws(InputError) in
                var run = request.evaluation
                run.sites = list
                run.gridAround = sites.map(\.location)
                run.outputDirectory = try staging.path(folder)
                return try FootprintJob.run(run, progress: progress)
            }
            let summary = searched.servingAlong(before: evaluated[0], after: evaluated[1], weights: request.weights)
            try staging.write(summary.csv(), to: "tilts.csv")
            try staging.write(summary.json(), to: "tilt.json")
            try staging.commit()
            return summary
        } catch {
            staging.discard()
            throw error
        }
    }
}

/// Counts sites as they finish on any thread, telling each count in turn.
private final class SitesDone: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0

    /// One more site done: `tell` gets the count, one call at a time.
    func add(_ tell: (Int) -> Void) {
        lock.withLock {
            done += 1
            tell(done)
        }
    }
}
