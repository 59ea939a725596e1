import Foundation
import Geometry
import Planning
import Propagation
import Terrain

/// `phusong verify`: recomputes a claim's scenario and compares every claimed figure with it. Writes
/// `verification.json`, `verification.md`, `differences.geojson` (claimed footprint minus computed, and the
/// reverse) and the recomputed run under `computed/` — all together or not at all.
public enum VerificationJob {
    public static func run(
        claimPath: String, outputDirectory: String, footprintCache: FootprintCache? = nil, limits: RunLimits = RunLimits(),
        progress: @Sendable (FootprintProgress) -> Void = { _ in }
    ) throws(InputError) -> VerificationReport {
        let claim = try Claim.load(claimPath)
        let claimedFootprint = try claim.footprintPath.map { path throws(InputError) in try PolygonFile.load(path) }
        var seen = Set<String>()
        let files = claim.inputFiles.flatMap(inputParts).map(\.path).filter { seen.insert($0).inserted }
        let inputs = try files.map { path throws(InputError) in
            VerificationReport.Input(path: path, sha256: try sha256Hex(ofFile: path))
        }
        let staging = try OutputStaging(destination: outputDirectory)
        do throws(InputError) {
            var request = claim.request
            request.outputDirectory = try staging.path("computed")
            request.footprintCache = footprintCache
            request.limits = limits
            let summary = try FootprintJob.run(request, progress: progress)
            if let partial = summary.partial {
                throw InputError(path: claimPath, reason: "\(partial.reason) before the scenario was recomputed; nothing written")
            }
            guard let residents = summary.residents else { throw InputError(path: claimPath, reason: "no residents computed") }
            var rows = try claim.figures.map { figure throws(InputError) in try row(for: figure, in: summary, residents: residents, claim: claim) }
            if let most = claim.largestGapResidents, let gaps = summary.gaps { rows.append(gapRow(claiming: most, gaps)) }
            if let claimedFootprint {
                let computed = try PolygonFile.load(request.outputDirectory + "/footprints.geojson")
                let (footprintRow, differences) = try compare(claimedFootprint, with: computed, crs: summary.crs, claim: claim)
                rows.append(footprintRow)
                try staging.write(differences, to: "differences.geojson")
            }
            let report = VerificationReport(
                engine: engineBuild, claim: claimPath, passed: rows.allSatisfy(\.pass),
                syntheticTerrain: summary.syntheticTerrain, rows: rows, inputs: inputs, computed: summary,
                repairs: claimedFootprint?.repairs ?? []
            )
            try staging.write(report.json(), to: "verification.json")
            try staging.write(report.markdown(), to: "verification.md")
            try staging.commit(retiring: ["differences.geojson"])
            return report
        } catch {
            staging.discard()
            throw error
        }
    }

    private static func row(
        for figure: Claim.Figure, in summary: FootprintSummary, residents statistics: ResidentStatistics, claim: Claim
    ) throws(InputError) -> VerificationReport.Row {
        let computed: Double?, item: String
        switch figure.scope {
        case .province:
            item = "province · \(figure.layer)"
            computed = statistics.total.residentsPercent(figure.layer)
        case .commune(let id):
            guard let commune = statistics.communes.first(where: { $0.id == id }) else {
                throw InputError(path: claim.path, reason: "claimed.communes.\(id): no commune with that id in \(claim.request.residents!.populationPath)")
            }
            item = "commune \(id) (\(commune.name)) · \(figure.layer)"
            computed = commune.figures.residentsPercent(figure.layer)
        case .landCover(let value):
            item = "land cover \(value) · \(figure.layer)"
            guard let share = summary.clutter?.coverageByClass[value] else {
                throw InputError(path: claim.path, reason: "claimed.land_cover.\(value): no cell of class \(value) within the communes, so the claim cannot be checked")
            }
            computed = share.coveredPercent[figure.layer]
        case .residential(let commune):
            let land = summary.clutter?.residential
            let shares = commune.map { land?.byCommune[$0]?.coveredPercent } ?? land?.coveredPercent
            item = "residential land · " + (commune.map { "commune \($0) · " } ?? "province · ") + figure.layer
            guard let shares else {
                throw InputError(path: claim.path, reason: "\(item): no residential land on the terrain of this scenario, so the claim cannot be checked")
            }
            computed = shares[figure.layer]
        case .rate(let id):
            let (key, technology) = Claim.Figure.Scope.rateKeys.first { $0.1.rawValue == figure.layer }!
            guard let rate = summary[keyPath: FootprintSummary.throughput(of: technology)] else {
                throw InputError(path: claim.path, reason: "claimed.\(key): no \(figure.layer) site in the scenario, so no rate to check")
            }
            item = String(format: "residents at %g Mbps · ", rate.limitMbps) + (id.map { "commune \($0) · " } ?? "province · ") + figure.layer
            try requireCommune(id, in: statistics, key: key, claim: claim)
            computed = id.map { rate.residentsPercentAtRateByCommune?[$0] } ?? rate.residentsPercentAtRate
        case .sunset(let id):
            let sunset = summary.sunset
            item = "losing coverage switching off \(figure.layer) · " + (id.map { "commune \($0)" } ?? "province")
            try requireCommune(id, in: statistics, key: "sunset", claim: claim)
            computed = id.map { sunset?.residentsPercentByCommune[$0] } ?? sunset?.residentsPercentLosingCoverage
        case .networkOperator(let name, let id):
            let names = summary.operators?.networks.map(\.name) ?? []
            guard let network = summary.operators?.networks.first(where: { $0.name == name }) else {
                throw InputError(
                    path: claim.path,
                    reason: "claimed.operators.\(name): no site of \(claim.request.sitesPath) names that operator ("
                        + (names.isEmpty ? "none names one" : "they name \(names.joined(separator: ", "))") + ")"
                )
            }
            item = "operator \(name) · " + (id.map { "commune \($0) · " } ?? "province · ") + figure.layer
            try requireCommune(id, in: statistics, key: "operators.\(name)", claim: claim)
            computed = id.map { network.residentsPercentByCommune[$0]?[figure.layer] } ?? network.residentsPercent[figure.layer]
        case .road(let name):
            let roads = summary.roads!
            item = (name.map { "road \($0)" } ?? "all roads") + " · length covered · \(figure.layer)"
            guard let road = name.map({ name in roads.roads.first { $0.name == name } }) ?? roads.total else {
                throw InputError(
                    path: claim.path,
                    reason: "claimed.roads.by_road.\(name!): no road of that name in \(roads.file) (its roads: "
                        + roads.roads.prefix(10).map(\.name).joined(separator: ", ") + (roads.roads.count > 10 ? ", …)" : ")")
                )
            }
            guard let share = road.coveredPercent[figure.layer] else {
                throw InputError(path: claim.path, reason: "\(item): no length of it lies on the terrain of this scenario, so the claim cannot be checked")
            }
            computed = share
        case .facility(let kind):
            let facilities = summary.facilities!
            item = (kind.map { "facilities of type \($0)" } ?? "all facilities") + " · covered · \(figure.layer)"
            guard let group = kind.map({ kind in facilities.byType.first { $0.type == kind } }) ?? facilities.total else {
                throw InputError(
                    path: claim.path,
                    reason: "claimed.facilities.by_type.\(kind!): no facility of that type in \(facilities.file) (its types: "
                        + facilities.byType.map(\.type).joined(separator: ", ") + ")"
                )
            }
            guard let share = group.coveredPercent[figure.layer] else {
                throw InputError(path: claim.path, reason: "\(item): none of them lies on the terrain of this scenario, so the claim cannot be checked")
            }
            computed = share
        }
        guard let computed else {
            throw InputError(path: claim.path, reason: "\(item): no residents on the terrain of this scenario, so the claim cannot be checked")
        }
        let difference = figure.percent - computed
        return VerificationReport.Row(
            item: item, claimed: figure.percent, computed: computed, valueUnit: "%", difference: difference,
            tolerance: claim.tolerancePP, unit: "pp", pass: abs(difference) <= claim.tolerancePP + 1e-9
        )
    }

    /// The claimed most residents of any gap in coverage against the recomputed largest gap: it passes when none holds more.
    private static func gapRow(claiming most: Double, _ gaps: FootprintSummary.Gaps) -> VerificationReport.Row {
        VerificationReport.Row(
            item: "largest gap in coverage · \(gaps.technology)", claimed: most, computed: gaps.largestResidents, valueUnit: "residents",
            difference: most - gaps.largestResidents, tolerance: 0, unit: "residents", pass: gaps.largestResidents <= most + 1e-9
        )
    }

    /// Refuses a commune id (of `claimed.<key>.communes`) the population does not hold; nil passes.
    private static func requireCommune(_ id: String?, in statistics: ResidentStatistics, key: String, claim: Claim) throws(InputError) {
        guard let id, !statistics.communes.contains(where: { $0.id == id }) else { return }
        throw InputError(path: claim.path, reason: "claimed.\(key).communes.\(id): no commune with that id in \(claim.request.residents!.populationPath)")
    }

    /// The claimed footprint against the computed union, on the run's metric grid: the claimed area that the
    /// computation does not cover, as % of the claimed area (GEOS difference).
    private static func compare(
        _ claimed: PolygonFile, with computed: PolygonFile, crs: String, claim: Claim
    ) throws(InputError) -> (VerificationReport.Row, String) {
        do {
            let toGrid = CoordinateTransform(from: wgs84, to: crs)
            let claimedShape = try claimed.shape.transformed(by: toGrid), computedShape = try computed.shape.transformed(by: toGrid)
            let excess = try GeometryOperations.difference(claimedShape, computedShape)
            let missing = try GeometryOperations.difference(computedShape, claimedShape)
            let claimedArea = try GeometryOperations.area(claimedShape)
            guard claimedArea > 0 else { throw InputError(path: claimed.path, reason: "the claimed footprint has no area") }
            let percent = 100 * (try GeometryOperations.area(excess)) / claimedArea
            let row = VerificationReport.Row(
                item: "footprint (claimed area outside the computed one)", claimed: claimedArea / 1e6,
                computed: (try GeometryOperations.area(computedShape)) / 1e6, valueUnit: "km²", difference: percent,
                tolerance: claim.footprintTolerancePercent, unit: "% of claimed area",
                pass: percent <= claim.footprintTolerancePercent + 1e-9
            )
            let differences = try GeoJSONWriter.featureCollection([
                GeoJSONFeature(shape: excess, properties: ["kind": .string("claimed_minus_computed"), "area_km2": .number(excess.area / 1e6)]),
                GeoJSONFeature(shape: missing, properties: ["kind": .string("computed_minus_claimed"), "area_km2": .number(missing.area / 1e6)]),
            ], crs: crs)
            return (row, differences)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(path: claimed.path, reason: "cannot compare footprints: \(error)")
        }
    }
}
