import Coverage
import Foundation
import Geometry
import Planning
import Siting
import Terrain

/// What `phusong plan` needs: the evaluation settings (its `sitesPath` is the candidates file) and the limits.
public struct PlanRequest: Sendable {
    public var evaluation: FootprintRequest
    public var p: Int?
    public var budget: Double?
    public var options: SitingOptions
    /// Two chosen sites on different masts must be at least this far apart, metres (nil: no limit).
    public var minimumSeparation: Double?
    /// Every commune must have at least this share of its residents covered (any technology, sites on air
    /// included) — or all that the candidates together reach, where that is less; 0–1, nil: no minimum.
    public var communeMinimumShare: Double?
    /// What each resident covered today by a single mast on air counts in the objective, 0–1, when a chosen site on
    /// another mast covers them too (a second mast to fall back on); 0: coverage alone.
    public var secondMastWeight: Double
    /// Every chosen site (not on air) must reach the fibre: a chain of working hops between chosen sites and sites
    /// standing anyway joins it to a hub (the evaluation's backhaul reach, with `working_hops`). The candidates that
    /// cannot even with every candidate built are left out beforehand.
    public var backhaulRequired = false
    /// The operator whose plan this is, over candidates naming several (`OperatorCandidates`): its own sites and the
    /// candidates naming none are its own, other operators' sites on air offer their masts to lease, their proposals
    /// are left out; nil: every candidate is one network's.
    public var networkOperator: String?
    /// With `networkOperator`: what each sector on another operator's mast costs.
    public var tenantCost: Double?
    /// With `networkOperator`: what a resident whom another operator's site on air covers counts in the objective, 0–1
    /// (1: every resident alike; 0: only those no operator serves, as a universal-service plan).
    public var othersCoverageWeight = 1.0
    /// What each kilometre of the evaluation's roads and each of its facilities covered count in the objective.
    public var weights = ObjectiveWeights()

    public init(
        evaluation: FootprintRequest, p: Int? = nil, budget: Double? = nil, options: SitingOptions = SitingOptions(),
        minimumSeparation: Double? = nil, communeMinimumShare: Double? = nil, secondMastWeight: Double = 0
    ) {
        self.evaluation = evaluation
        self.p = p
        self.budget = budget
        self.options = options
        self.minimumSeparation = minimumSeparation
        self.communeMinimumShare = communeMinimumShare
        self.secondMastWeight = secondMastWeight
    }
}

/// `plan.json`: the sites chosen, what they cost, the optimiser's certificate, and each commune before and after.
public struct PlanSummary: Sendable, Encodable, Equatable {
    public struct Chosen: Sendable, Codable, Equatable {
        public let id: String
        public let kind: String
        public let cost: Double
        /// The residents on its footprint.
        public let residentsCovered: Double
        /// The residents no other chosen site covers: what the plan would lose without it.
        public let residentsOnlyItCovers: Double
        /// With a backhaul's reach: whether working hops between the chosen sites (and sites outside the plan) join it to
        /// the fibre; nil without one, or for a site the reach file has no row for.
        public let reachesFibre: Bool?
        /// Where it reaches the fibre: the sites its backhaul passes, on a chain of fewest working hops, the hub last
        /// (empty for a hub); nil where `reachesFibre` is not true.
        public let routeToFibre: [String]?
        /// For a sector on another operator's mast: that operator's site on air whose mast and radio it takes.
        public let leasedFrom: Host?

        enum CodingKeys: String, CodingKey {
            case id, kind, cost
            case residentsCovered = "residents_covered"
            case residentsOnlyItCovers = "residents_only_it_covers"
            case reachesFibre = "reaches_fibre"
            case routeToFibre = "route_to_fibre"
            case leasedFrom = "leased_from"
        }
    }

    /// Another operator's site on air.
    public struct Host: Sendable, Codable, Equatable {
        public let site: String
        public let networkOperator: String

        enum CodingKeys: String, CodingKey {
            case site
            case networkOperator = "operator"
        }
    }

    public struct CommuneChange: Sendable, Codable, Equatable {
        public let id: String
        public let name: String
        public let residents: Double
        public let beforePercent: Double?
        public let afterPercent: Double?
        /// In one operator's plan: the residents no operator serves with the sites on air, and with the plan.
        public let residentsNoOperatorBefore: Double?
        public let residentsNoOperatorAfter: Double?

        enum CodingKeys: String, CodingKey {
            case id, name, residents
            case beforePercent = "before_percent_any"
            case afterPercent = "after_percent_any"
            case residentsNoOperatorBefore = "residents_no_operator_before"
            case residentsNoOperatorAfter = "residents_no_operator_after"
        }
    }

    public let engine: String
    public let syntheticTerrain: Bool
    /// The operator whose plan this is (`PlanRequest.networkOperator`), and what each sector on another's mast costs.
    public let networkOperator: String?
    public let tenantCost: Double?
    /// With an operator: what a resident another operator covers counts (`PlanRequest.othersCoverageWeight`).
    public let othersCoverageWeight: Double?
    /// With roads: what a kilometre of road covered counts (`ObjectiveWeights.road`), and the length of road covered
    /// (any technology) by the sites on air and by the plan, km.
    public let roadWeight: Double?
    public let roadsCoveredKmBefore: Double?
    public let roadsCoveredKmAfter: Double?
    /// With facilities: what a facility covered counts (`ObjectiveWeights.facility`), and how many of those in the area
    /// any technology covers with the sites on air and with the plan.
    public let facilityWeight: Double?
    public let facilitiesCoveredBefore: Int?
    public let facilitiesCoveredAfter: Int?
    /// The residents of the largest gap in the coverage of residents (`gaps.csv`) with the sites on air (nil without
    /// any) and with the plan.
    public let largestGapResidentsBefore: Double?
    public let largestGapResidentsAfter: Double
    /// With an operator: the residents the plan covers whom no site on air, of any operator, covered — given their first service.
    public let residentsFirstServed: Double?
    /// With an operator: the residents no operator serves with the sites on air, and with the plan (the communes' sums).
    public let residentsNoOperatorBefore: Double?
    public let residentsNoOperatorAfter: Double?
    public let candidates: Int
    public let chosen: [Chosen]
    public let cost: Double
    /// Residents covered by the chosen sites, each weighted by 1 + its commune's priority weight; with a second-mast
    /// weight, plus that share of the weighted residents given a second mast; with a road weight, plus that many per
    /// kilometre of road covered; in one operator's plan, the residents and road another operator covers count
    /// `othersCoverageWeight` of theirs.
    public let objective: Double
    /// Residents the plan covers that the sites on air did not.
    public let residentsNewlyCovered: Double
    /// The plan's cost over those residents; nil when it covers none.
    public let costPerResidentNewlyCovered: Double?
    /// Residents covered today by a single mast on air whom a chosen site on another mast covers too.
    public let residentsGivenASecondMast: Double
    /// What each of those counts in the objective (`PlanRequest.secondMastWeight`).
    public let secondMastWeight: Double
    public let upperBound: Double
    public let gap: Double
    public let status: String
    /// The optimiser's time (printed, not written: outputs stay byte-identical from run to run).
    public let solverSeconds: Double
    /// Every commune's residents and their covered share with the existing sites alone and with the plan.
    public let communes: [CommuneChange]
    /// With a backhaul's reach (and its working hops): the chosen sites whose chains to the fibre all need a
    /// candidate the plan leaves out.
    public let chosenWithoutBackhaul: [String]?
    /// With `backhaulRequired`: the candidates left out, which no chain joins to the fibre with every candidate built.
    public let candidatesWithoutBackhaul: [String]?

    enum CodingKeys: String, CodingKey {
        case engine, candidates, chosen, cost, objective, gap, status, communes
        case syntheticTerrain = "synthetic_terrain"
        case networkOperator = "operator"
        case tenantCost = "tenant_cost"
        case othersCoverageWeight = "others_coverage_weight"
        case roadWeight = "road_weight"
        case roadsCoveredKmBefore = "roads_covered_km_before"
        case roadsCoveredKmAfter = "roads_covered_km_after"
        case facilityWeight = "facility_weight"
        case facilitiesCoveredBefore = "facilities_covered_before"
        case facilitiesCoveredAfter = "facilities_covered_after"
        case largestGapResidentsBefore = "largest_gap_residents_before"
        case largestGapResidentsAfter = "largest_gap_residents_after"
        case residentsFirstServed = "residents_first_served"
        case residentsNoOperatorBefore = "residents_no_operator_before"
        case residentsNoOperatorAfter = "residents_no_operator_after"
        case upperBound = "upper_bound"
        case residentsNewlyCovered = "residents_newly_covered"
        case costPerResidentNewlyCovered = "cost_per_resident_newly_covered"
        case residentsGivenASecondMast = "residents_given_a_second_mast"
        case secondMastWeight = "second_mast_weight"
        case chosenWithoutBackhaul = "chosen_without_backhaul"
        case candidatesWithoutBackhaul = "candidates_without_backhaul"
    }

    public func json() -> String { reportJSON(self) + "\n" }
}

/// `phusong plan`: every candidate's footprint over the residents, the optimiser's choice under p and/or a
/// budget (existing sites kept, shared masts and greenfield sites at their costs), then the evaluation reports
/// of the existing sites (`before/`) and of the plan (`after/`), and `plan.json` — all together or not at all.
public enum PlanJob {
    public static func run(_ request: PlanRequest, progress: @Sendable (FootprintProgress) -> Void = { _ in }) throws(InputError) -> PlanSummary {
        let evaluation = request.evaluation
        try checkOutputFolder(evaluation.outputDirectory)
        guard let residentsRequest = evaluation.residents else { throw InputError(path: evaluation.sitesPath, reason: "a plan needs --population") }
        var listed = try CandidateFile.load(evaluation.sitesPath)
        let operatorPlan = try operatorCandidates(listed, request: request)
        if let operatorPlan { listed = operatorPlan.candidates }
        try evaluation.validateUplink(of: listed.map(\.site))
        let chains = try evaluation.backhaulChains(of: listed.map(\.site))
        let unreachable = try request.backhaulRequired ? unreachableCandidates(listed, chains: chains, request: evaluation) : nil
        let candidates = listed.filter { !(unreachable?.contains($0.site.id) ?? false) }
        let layer = try AdminLayer.load(residentsRequest.populationPath, fields: residentsRequest.fields)
        let weighed = try request.weights.layers(of: evaluation)
        // Other operators' sites on air stand on the plan's grid too, which their coverage counts on.
        let placed = candidates.map(\.site) + (operatorPlan?.othersOnAir ?? [])
        let (terrain, clutter) = try evaluation.loadTerrain(for: placed, layer: layer) { index, reason in
            InputError(path: evaluation.sitesPath, reason: "\(index < candidates.count ? "candidate" : "site on air") '\(placed[index].id)' \(reason) \(evaluation.terrainPath)")
        }
        let grid = terrain.grid
        let residents = try ResidentEvaluation.residents(of: layer, request: residentsRequest, on: grid)
        let footprints = try footprints(of: candidates.map(\.site), on: grid, clutter: clutter, request: evaluation, label: "candidate")
        var others: OthersCoverage?
        if let operatorPlan {
            others = try OthersCoverage(
                operatorPlan, candidates: candidates, footprints: footprints, cellCount: grid.elevations.count, gridWidth: grid.width
            ) { sites throws(InputError) in try Self.footprints(of: sites, on: grid, clutter: clutter, request: evaluation, label: "site on air") }
        }
        let secondMasts = SecondMasts(candidates: candidates, footprints: footprints, cellCount: grid.elevations.count, gridWidth: grid.width)
        let instance = try coverageInstance(
            candidates, footprints: footprints, residents: residents, secondMasts: secondMasts, others: others,
            weightedCells: try request.weights.cells(of: weighed, on: grid), grid: grid, request: request,
            backhaul: request.backhaulRequired ? chains?.sitingRule(planned: candidates, candidates: listed.map(\.site)) : nil
        )
        let result: SitingResult
        do {
            result = try SitingSolver.solve(instance, options: request.options)
        } catch {
            throw InputError(path: evaluation.sitesPath, reason: error.message)
        }
        let picked = Set(result.selected)
        let chosenIndices = candidates.indices.filter { picked.contains(candidates[$0].site.id) }
        let chosen = chosenIndices.map { candidates[$0] }
        let residentsPerCell = residents.residentsPerCell(cellCount: grid.elevations.count)
        let contributions = PlanContributions(
            footprints: chosenIndices.map { footprints[$0] }, onAir: chosen.map { $0.kind == .existing },
            residentsPerCell: residentsPerCell, gridWidth: grid.width
        )
        let withoutService = others?.residentsWithoutService(
            residents: residents, onAir: candidates.indices.filter { candidates[$0].kind == .existing }.map { footprints[$0] },
            planned: chosenIndices.map { footprints[$0] }, gridWidth: grid.width
        )
        let staging = try OutputStaging(destination: evaluation.outputDirectory)
        do throws(InputError) {
            let existing = candidates.filter { $0.kind == .existing }.map(\.site)
            // Both evaluations on the plan's own grid (cut around every candidate and other operators' site on air), so figures
            // compare cell for cell.
            var shared = evaluation
            shared.gridAround = placed.map(\.location)
            let before = try existing.isEmpty ? nil : evaluate(existing, request: shared, into: try staging.path("before"), progress: progress)
            let after = try evaluate(chosen.map(\.site), request: shared, into: try staging.path("after"), progress: progress)
            let cost = chosen.reduce(0) { $0 + $1.cost }, newlyCovered = contributions.residentsNewlyCovered
            let fibre = chains?.routesToFibre(chosen: chosen.map(\.site), candidates: listed.map(\.site)) ?? chosen.map { _ in .unknown }
            let summary = PlanSummary(
                engine: engineVersion, syntheticTerrain: grid.isSynthetic, networkOperator: request.networkOperator,
                tenantCost: request.networkOperator == nil ? nil : request.tenantCost,
                othersCoverageWeight: request.networkOperator == nil ? nil : request.othersCoverageWeight,
                roadWeight: evaluation.roads == nil ? nil : request.weights.road,
                roadsCoveredKmBefore: evaluation.roads == nil ? nil : before?.roads?.total.coveredKm["any"] ?? 0,
                roadsCoveredKmAfter: after.roads?.total.coveredKm["any"],
                facilityWeight: evaluation.facilities == nil ? nil : request.weights.facility,
                facilitiesCoveredBefore: evaluation.facilities == nil ? nil : before?.facilities?.total.covered["any"] ?? 0,
                facilitiesCoveredAfter: after.facilities?.total.covered["any"],
                largestGapResidentsBefore: before.map(Self.largestGap), largestGapResidentsAfter: Self.largestGap(after),
                // Those no operator serves before and served after: each commune's difference (0 exactly where nothing changes).
                residentsFirstServed: withoutService?.reduce(0) { $0 + ($1.before - $1.after) },
                residentsNoOperatorBefore: withoutService?.reduce(0) { $0 + $1.before }, residentsNoOperatorAfter: withoutService?.reduce(0) { $0 + $1.after },
                candidates: listed.count,
                chosen: chosen.indices.map { index in
                    .init(
                        id: chosen[index].site.id, kind: chosen[index].kind.rawValue, cost: chosen[index].cost,
                        residentsCovered: contributions.residentsCovered[index], residentsOnlyItCovers: contributions.residentsOnlyItCovers[index],
                        reachesFibre: fibre[index].reachesFibre, routeToFibre: fibre[index].sites,
                        leasedFrom: operatorPlan?.hosts[chosen[index].site.id].map { .init(site: $0.id, networkOperator: $0.networkOperator!) }
                    )
                },
                cost: cost, objective: result.objective, residentsNewlyCovered: newlyCovered,
                costPerResidentNewlyCovered: newlyCovered > 0 ? cost / newlyCovered : nil,
                residentsGivenASecondMast: secondMasts.residentsGivenASecondMast(
                    chosen: chosenIndices, footprints: footprints, residentsPerCell: residentsPerCell
                ),
                secondMastWeight: request.secondMastWeight, upperBound: result.upperBound,
                gap: result.gap, status: result.status, solverSeconds: result.seconds,
                communes: changes(before: before?.residents, after: after.residents, withoutService: withoutService),
                chosenWithoutBackhaul: fibre.contains { $0 != .unknown } ? chosen.indices.filter { fibre[$0] == .unreached }.map { chosen[$0].site.id } : nil,
                candidatesWithoutBackhaul: unreachable.map { ids in listed.map(\.site.id).filter(ids.contains) }
            )
            try staging.write(summary.json(), to: "plan.json")
            try staging.commit(retiring: ["before"])
            return summary
        } catch {
            staging.discard()
            throw error
        }
    }

    /// The ids of the candidates not on air that have a row in the backhaul's reach and that no chain of working hops
    /// joins to the fibre with every candidate built (nor any other site of the reach).
    private static func unreachableCandidates(
        _ candidates: [PlanCandidate], chains: BackhaulChains?, request: FootprintRequest
    ) throws(InputError) -> Set<String> {
        guard let chains, let path = request.residents?.backhaulReachPath else {
            throw InputError(path: request.sitesPath, reason: "requiring backhaul needs a backhaul's reach (--backhaul-reach)")
        }
        guard let reached = chains.reachingFibre(built: Set(chains.dependsOn.keys)) else {
            throw InputError(path: path, reason: "requiring backhaul needs working_hops (reach.csv of phusong backhaul --hub-field)")
        }
        return Set(candidates.filter { candidate in
            candidate.kind != .existing && chains.row(of: candidate.site).map { !reached.contains($0) } == true
        }.map(\.site.id))
    }

    /// One operator's candidates (`OperatorCandidates`) of `listed` when the request names an operator; nil otherwise.
    private static func operatorCandidates(_ listed: [PlanCandidate], request: PlanRequest) throws(InputError) -> OperatorCandidates? {
        let path = request.evaluation.sitesPath
        guard let name = request.networkOperator else {
            if request.tenantCost != nil || request.othersCoverageWeight != 1 {
                throw InputError(path: path, reason: "a tenant cost and the weight of others' coverage belong to one operator's plan: name the operator")
            }
            return nil
        }
        guard (0...1).contains(request.othersCoverageWeight) else {
            throw InputError(path: path, reason: "the weight of others' coverage must be within 0–1 (got \(request.othersCoverageWeight))")
        }
        if request.othersCoverageWeight < 1, request.communeMinimumShare != nil {
            throw InputError(
                path: path,
                reason: "a commune's minimum counts every resident alike, where a weight of others' coverage below 1 does not: give one or the other"
            )
        }
        return try OperatorCandidates(operator: name, listed: listed, tenantCost: request.tenantCost, path: path)
    }

    /// Each site's footprint (its own technology's threshold), computed in parallel; a fault names the site as a `label`.
    private static func footprints(
        of sites: [Site], on grid: TerrainGrid, clutter: ClutterLosses?, request: FootprintRequest, label: String
    ) throws(InputError) -> [SiteFootprint] {
        let (positions, gridDigest) = try request.placesOnGrid(sites, grid: grid)
        let results = parallelMap(count: sites.count, chunkSize: 1) { index in
            Result { () throws(SiteCoverageError) in
                let coverage = try FootprintJob.siteCoverage(
                    sites[index], at: positions[index], on: grid, clutter: clutter, gridDigest: gridDigest, request: request
                )
                return SiteFootprint(coverage: coverage, grid: grid)
            }
        }
        return try results.enumerated().map { index, result throws(InputError) in
            do throws(SiteCoverageError) { return try result.get() } catch {
                throw InputError(path: request.sitesPath, reason: "\(label) '\(sites[index].id)' \(error.reason)")
            }
        }
    }

    /// Demands are the residents' cells (one per commune on a cell), weighted by residents × (1 + priority
    /// weight); each candidate covers the demands on its footprint's cells. With a second-mast weight, the residents
    /// a single mast on air covers are demands again at that share of their weight, which the candidates on other
    /// masts covering them cover (`secondMasts`). Each of `weightedCells` (roads, facilities) is a demand too, of its
    /// weight. In one operator's plan, the residents, road and facilities `others` cover
    /// weigh `othersCoverageWeight` of that. With `backhaul`, every chosen site keeps that rule.
    private static func coverageInstance(
        _ candidates: [PlanCandidate], footprints: [SiteFootprint], residents: ResidentGrid, secondMasts: SecondMasts,
        others: OthersCoverage?, weightedCells: [Int: Double], grid: TerrainGrid, request: PlanRequest, backhaul: CoverageInstance.Backhaul?
    ) throws(InputError) -> CoverageInstance {
        var weights: [Double] = [], demandsOfCell: [Int: [Int]] = [:], demandsOfUnit: [Range<Int>] = []
        var secondMastDemandsOfCell: [Int: [Int]] = [:]
        for (unit, cells) in residents.unitCells.enumerated() {
            let factor = residents.priorityFactor(unit), first = weights.count
            for (cell, value) in zip(cells, residents.unitResidents[unit]) where value > 0 {
                demandsOfCell[cell, default: []].append(weights.count)
                weights.append(value * factor * (others?.covered[cell] == true ? request.othersCoverageWeight : 1))
            }
            demandsOfUnit.append(first..<weights.count)
        }
        for (cell, weight) in weightedCells.sorted(by: { $0.key < $1.key }) {
            demandsOfCell[cell, default: []].append(weights.count)
            weights.append(weight * (others?.covered[cell] == true ? request.othersCoverageWeight : 1))
        }
        if request.secondMastWeight > 0 {
            for (unit, cells) in residents.unitCells.enumerated() {
                let weight = request.secondMastWeight * residents.priorityFactor(unit)
                for (cell, value) in zip(cells, residents.unitResidents[unit]) where value > 0 && secondMasts.isOnOneMast(cell) {
                    secondMastDemandsOfCell[cell, default: []].append(weights.count)
                    weights.append(value * weight)
                }
            }
        }
        let list = zip(candidates, footprints).enumerated().map { index, pair in
            let (candidate, footprint) = pair
            var covers = footprint.cells.cellIndices(gridWidth: grid.width).flatMap { demandsOfCell[$0] ?? [] }
            if !secondMastDemandsOfCell.isEmpty {
                covers += secondMasts.cellsGivenASecondMast(by: index, footprint: footprint).flatMap { secondMastDemandsOfCell[$0] ?? [] }
            }
            return CoverageInstance.Candidate(
                id: candidate.site.id, cost: candidate.cost, covers: covers.sorted(), kind: candidate.kind,
                group: candidate.group, fixed: candidate.kind == .existing
            )
        }
        let locations = candidates.map(\.site.location)
        // Sectors of one mast are no two masts too near each other.
        let exclusions = request.minimumSeparation.map { separation in
            locations.indices.flatMap { a in
                locations.indices.filter { b in
                    b > a && locations[a].distance(to: locations[b]) < separation && !(list[a].fixed && list[b].fixed)
                        && secondMasts.mast(of: a) != secondMasts.mast(of: b)
                }.map { [a, $0] }
            }
        } ?? []
        let minimums = request.communeMinimumShare.map { share in
            communeMinimums(share, demandsOfUnit: demandsOfUnit, weights: weights, candidates: list, layer: residents.layer)
        } ?? []
        var capacities: [String: Int] = [:]
        for candidate in candidates {
            if let group = candidate.group, let capacity = candidate.groupCapacity { capacities[group] = max(capacities[group] ?? 0, capacity) }
        }
        do {
            return try CoverageInstance(
                name: "plan", demands: weights, candidates: list, p: request.p, budget: request.budget, exclusions: exclusions,
                groupCapacity: capacities, minimumCoverage: minimums, backhaul: backhaul
            )
        } catch {
            throw InputError(path: request.evaluation.sitesPath, reason: error.message)
        }
    }

    /// Each commune's minimum: `share` of its residents on the grid, or all that the candidates together reach
    /// where that is less (a commune out of every candidate's reach asks for nothing).
    private static func communeMinimums(
        _ share: Double, demandsOfUnit: [Range<Int>], weights: [Double], candidates: [CoverageInstance.Candidate], layer: AdminLayer
    ) -> [CoverageInstance.MinimumCoverage] {
        var reachable = [Bool](repeating: false, count: weights.count)
        for candidate in candidates { for demand in candidate.covers { reachable[demand] = true } }
        return zip(layer.units, demandsOfUnit).compactMap { commune, demands in
            let total = demands.reduce(0) { $0 + weights[$1] }, reach = demands.reduce(0) { $0 + (reachable[$1] ? weights[$1] : 0) }
            guard reach > 0 else { return nil }
            return .init(id: "commune \(commune.id) (\(commune.name))", demands: Array(demands), share: min(share, reach / total))
        }
    }

    private static func evaluate(
        _ sites: [Site], request: FootprintRequest, into folder: String, progress: @Sendable (FootprintProgress) -> Void
    ) throws(InputError) -> FootprintSummary {
        var run = request
        run.sites = sites
        run.outputDirectory = folder
        return try FootprintJob.run(run, progress: progress)
    }

    /// The residents of an evaluation's largest gap (0 when none is left).
    private static func largestGap(_ evaluation: FootprintSummary) -> Double { evaluation.gaps?.largestResidents ?? 0 }

    private static func changes(
        before: ResidentStatistics?, after: ResidentStatistics?, withoutService: [(before: Double, after: Double)]?
    ) -> [PlanSummary.CommuneChange] {
        guard let after else { return [] }
        return after.communes.enumerated().map { index, commune in
            PlanSummary.CommuneChange(
                id: commune.id, name: commune.name, residents: commune.figures.residents,
                beforePercent: before.map { $0.communes[index].figures.residentsPercent("any") ?? 0 } ?? (commune.figures.residents > 0 ? 0 : nil),
                afterPercent: commune.figures.residentsPercent("any"),
                residentsNoOperatorBefore: withoutService?[index].before, residentsNoOperatorAfter: withoutService?[index].after
            )
        }
    }
}
