import ArgumentParser
import Foundation
import Siting
import Terrain

struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Choose sites to cover the most demand weight under p and/or a budget; prints one JSON object.",
        discussion: """
            Prints {"objective", "selected", "upper_bound", "gap", "seconds", "status"}: status "optimal" when the \
            upper bound proves the objective (gap ≤ 1e-6), else "feasible".
            """
    )

    @Option(help: "Coverage instance: JSON or gzip-compressed .json.gz ({\"name\", \"demands\", \"candidates\", \"p\"?, \"budget\"?}).")
    var instance: String

    @OptionGroup var limits: SitingLimits

    @Flag(name: .customLong("no-exact"), help: "No MIP solver (Cbc): heuristics, bounds and 1 s of PhuSong's own branching on the LP.")
    var noExact = false

    func run() throws {
        let result = try reportingInputErrors { () throws(InputError) in
            var problem = try CoverageInstanceFile.load(instance)
            if let p = limits.p { problem.p = p }
            if let budget = limits.budget { problem.budget = budget }
            do throws(SitingError) {
                return try SitingSolver.solve(problem, options: limits.options(exact: !noExact))
            } catch {
                throw InputError(path: instance, reason: error.message)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }
}

/// The limits of a siting problem and how hard to solve it (`optimize`, `plan`).
struct SitingLimits: ParsableArguments {
    @Option(parsing: .unconditional, help: "Most new sites (existing ones not counted; overrides an instance's p).")
    var p: Int?

    @Option(parsing: .unconditional, help: "Most total cost, existing sites included (overrides an instance's budget).")
    var budget: Double?

    @Option(parsing: .unconditional, help: "Stop at this relative gap between the objective and the upper bound (0 = prove optimality).")
    var gap: Double = 1e-6

    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: "Seconds for the optimiser.")
    var timeLimit: Double = 60

    func validate() throws {
        if let p, p < 0 { throw ValidationError("--p must be ≥ 0") }
        if let budget, !(budget >= 0 && budget.isFinite) { throw ValidationError("--budget must be a finite number ≥ 0 (leave it out for no budget)") }
        guard gap >= 0, gap < 1 else { throw ValidationError("--gap must be in [0, 1)") }
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be positive") }
    }

    func options(exact: Bool = true) -> SitingOptions { SitingOptions(gap: gap, timeLimit: timeLimit, exact: exact) }
}
