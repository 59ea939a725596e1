import ArgumentParser
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

    @Option(help: "Most new sites (existing ones not counted).")
    var p: Int?

    @Option(help: "Most total cost, existing sites included.")
    var budget: Double?

    @Option(help: "Stop at this relative gap between the plan and the upper bound (0 = prove optimality).")
    var gap: Double = 1e-6

    @Option(name: .customLong("time-limit"), help: "Seconds for the optimiser.")
    var timeLimit: Double = 60

    func validate() throws {
        guard p != nil || budget != nil else { throw ValidationError("give --p or --budget (or both)") }
        if let p, p < 0 { throw ValidationError("--p must be ≥ 0") }
        if let budget, !(budget >= 0) { throw ValidationError("--budget must be ≥ 0") }
        guard gap >= 0, gap < 1, timeLimit > 0 else { throw ValidationError("--gap must be in [0, 1) and --time-limit positive") }
    }

    func run() throws {
        let request = PlanRequest(
            evaluation: options.request(residents: population.request), p: p, budget: budget,
            options: SitingOptions(gap: gap, timeLimit: timeLimit)
        )
        let bar = ProgressBar(label: "sites")
        let plan = try reportingInputErrors { () throws(InputError) in
            defer { bar.finish() }
            return try PlanJob.run(request) { done, total in bar.update(done: done, total: total) }
        }
        let label = plan.syntheticTerrain ? " (SYNTHETIC terrain)" : ""
        print("Plan\(label): \(plan.chosen.count) sites of \(plan.candidates) candidates, cost \(plan.cost), \(plan.status) (gap \(String(format: "%.4f", plan.gap * 100)) %)")
        for site in plan.chosen { print("  \(site.id)  \(site.kind)  \(site.cost)") }
        print(String(format: "  weighted residents covered %.0f (upper bound %.0f)", plan.objective, plan.upperBound))
        print("Results: \(options.out)/plan.json, \(options.out)/before/, \(options.out)/after/")
    }
}
