import ArgumentParser
import Foundation
import Siting
import Terrain
import Workflows

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Choose sites among candidates (existing masts shared first where it pays) to cover the most residents: plan.json, before/ and after/ evaluation reports.",
        discussion: "--sites is the candidates file: site properties plus cost, kind (greenfield, shared, existing) and group."
    )

    @OptionGroup var options: SiteRunOptions

    @OptionGroup var population: PopulationOptions

    @OptionGroup var traffic: TrafficOptions

    @OptionGroup var backhaul: BackhaulReachOption

    @OptionGroup var limits: SitingLimits

    @Option(name: .customLong("min-separation-m"), parsing: .unconditional, help: "Chosen sites at least this far apart (and from sites on air), metres.")
    var minimumSeparation: Double?

    @Option(
        name: .customLong("commune-minimum-percent"),
        parsing: .unconditional,
        help: "Every commune gets at least this share of its residents covered (sites on air included), or all the candidates reach if less; percent."
    )
    var communeMinimumPercent: Double?

    @Option(
        name: .customLong("second-mast-weight"),
        parsing: .unconditional,
        help: "What each resident covered today by a single mast on air counts, 0–1, when a chosen site on another mast covers them too: a second mast to fall back on."
    )
    var secondMastWeight = 0.0

    @Option(
        name: .customLong("operator"),
        help: "Plan this operator's network: its sites and candidates naming no operator are its own, other operators' sites on air offer their masts (a sector like each, at --tenant-cost), their proposals are left out."
    )
    var networkOperator: String?

    @Option(name: .customLong("tenant-cost"), parsing: .unconditional, help: "With --operator: what each sector on another operator's mast costs.")
    var tenantCost: Double?

    @Option(
        name: .customLong("others-coverage-weight"),
        parsing: .unconditional,
        help: "With --operator: what a resident another operator's site on air covers counts, 0–1 (1: every resident alike; 0: only those no operator serves, as a universal-service plan)."
    )
    var othersCoverageWeight = 1.0

    @OptionGroup var objective: ObjectiveWeightOptions

    @Flag(name: .customLong("backhaul-required"), help: "With --backhaul-reach: every chosen site reaches the fibre over working hops between the chosen sites and the sites standing anyway (candidates that cannot, even with every candidate built, are left out).")
    var backhaulRequired = false

    func validate() throws {
        guard limits.p != nil || limits.budget != nil else { throw ValidationError("give --p or --budget (or both)") }
        if let minimumSeparation, !(minimumSeparation > 0) { throw ValidationError("--min-separation-m must be positive") }
        if let communeMinimumPercent, !(0...100).contains(communeMinimumPercent) {
            throw ValidationError("--commune-minimum-percent must be within 0–100")
        }
        guard (0...1).contains(secondMastWeight) else { throw ValidationError("--second-mast-weight must be within 0–1") }
        guard !backhaulRequired || backhaul.path != nil else { throw ValidationError("--backhaul-required needs --backhaul-reach") }
        if networkOperator?.isEmpty == true { throw ValidationError("--operator must name an operator") }
        if let tenantCost {
            guard networkOperator != nil else { throw ValidationError("--tenant-cost needs --operator (the operator leasing other operators' masts)") }
            guard tenantCost >= 0, tenantCost.isFinite else { throw ValidationError("--tenant-cost must be a number ≥ 0") }
        }
        guard (0...1).contains(othersCoverageWeight) else { throw ValidationError("--others-coverage-weight must be within 0–1") }
        guard othersCoverageWeight == 1 || networkOperator != nil else {
            throw ValidationError("--others-coverage-weight needs --operator (the operator whose plan weighs the others' coverage)")
        }
        try objective.validate(against: options)
        guard othersCoverageWeight == 1 || communeMinimumPercent == nil else {
            throw ValidationError("--commune-minimum-percent counts every resident alike, where --others-coverage-weight below 1 does not: give one or the other")
        }
    }

    func run() throws {
        var request = PlanRequest(
            evaluation: try options.request(residents: backhaul.following(try traffic.loading(population.request))), p: limits.p, budget: limits.budget,
            options: limits.options(), minimumSeparation: minimumSeparation,
            communeMinimumShare: communeMinimumPercent.map { $0 / 100 }, secondMastWeight: secondMastWeight
        )
        request.backhaulRequired = backhaulRequired
        (request.networkOperator, request.tenantCost, request.othersCoverageWeight) = (networkOperator, tenantCost, othersCoverageWeight)
        request.weights = objective.weights
        let bar = ProgressBar(label: "sites")
        let plan = try reportingInputErrors { () throws(InputError) in
            defer { bar.finish() }
            return try PlanJob.run(request) { bar.show($0) }
        }
        let label = plan.syntheticTerrain ? " (SYNTHETIC terrain)" : ""
        let owner = plan.networkOperator.map { " for \($0)" } ?? ""
        print("Plan\(owner)\(label): \(plan.chosen.count) sites of \(plan.candidates) candidates, cost \(plan.cost), \(plan.status) (gap \(String(format: "%.4f", plan.gap * 100)) %, solver \(String(format: "%.2f", plan.solverSeconds)) s)")
        for site in plan.chosen {
            let lease = site.leasedFrom.map { " on \($0.networkOperator)'s mast of \($0.site)" } ?? ""
            print(String(format: "  %@  %@%@  %g  residents covered %.0f, only it %.0f", site.id, site.kind, lease, site.cost, site.residentsCovered, site.residentsOnlyItCovers))
        }
        print(String(format: "  weighted residents covered %.0f (upper bound %.0f)", plan.objective, plan.upperBound))
        print(String(format: "  residents newly covered %.0f", plan.residentsNewlyCovered)
            + (plan.costPerResidentNewlyCovered.map { String(format: ", cost %.4g each", $0) } ?? ""))
        print(String(format: "  residents covered today by a single mast given a second %.0f", plan.residentsGivenASecondMast)
            + (plan.secondMastWeight > 0 ? String(format: " (each counting %g in the objective)", plan.secondMastWeight) : ""))
        if let firstServed = plan.residentsFirstServed {
            print(String(format: "  residents given their first service (no operator's site on air covered them) %.0f", firstServed)
                + (plan.othersCoverageWeight.map { $0 < 1 ? String(format: " (those others cover counting %g)", $0) : "" } ?? ""))
        }
        if let before = plan.residentsNoOperatorBefore, let after = plan.residentsNoOperatorAfter {
            print(String(format: "  residents no operator serves: %.0f with the sites on air, %.0f with the plan", before, after))
        }
        print(String(format: "  residents in the largest gap in coverage: %.0f with the plan", plan.largestGapResidentsAfter)
            + (plan.largestGapResidentsBefore.map { String(format: ", %.0f with the sites on air", $0) } ?? "") + " (after/gaps.csv)")
        let along = coveredAlongLines(
            roadsKm: (plan.roadsCoveredKmBefore, plan.roadsCoveredKmAfter), roadWeight: plan.roadWeight,
            facilities: (plan.facilitiesCoveredBefore, plan.facilitiesCoveredAfter), facilityWeight: plan.facilityWeight,
            before: "with the sites on air", after: "with the plan"
        )
        for line in along { print(line) }
        if let unreachable = plan.candidatesWithoutBackhaul {
            print("  left out: \(unreachable.count) candidates no chain of working hops joins to the fibre" + (unreachable.isEmpty ? "" : " (\(firstTen(unreachable)))"))
        }
        if let stranded = plan.chosenWithoutBackhaul {
            print(stranded.isEmpty
                ? "  backhaul: every chosen site with a row in the reach file reaches the fibre over the chosen masts"
                : "  backhaul: \(stranded.count) chosen \(stranded.count == 1 ? "site reaches" : "sites reach") no fibre over the chosen masts (\(firstTen(stranded)))")
            for site in plan.chosen {
                if let route = site.routeToFibre, !route.isEmpty { print("    \(site.id) → \(route.joined(separator: " → "))") }
            }
        }
        let before = FileManager.default.fileExists(atPath: options.out + "/before") ? " \(options.out)/before/ (sites on air alone)," : ""
        print("Results: \(options.out)/plan.json,\(before) \(options.out)/after/")
    }
}
