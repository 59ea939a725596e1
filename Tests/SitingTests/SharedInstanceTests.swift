import Foundation
import Siting
import Terrain
import TestSupport
import Testing

/// The developer instances in `../shared/data/mclp` with their HiGHS-proven optima (`optima.csv`).
@Suite("Siting optimiser on the shared MCLP instances", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct SharedInstanceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let instance: String
        let p: Int?
        let budget: Double?
        let optimum: Double
        var testDescription: String { "\(instance) " + (p.map { "p=\($0)" } ?? "budget=\(budget ?? 0)") }
    }

    static let cases: [Case] = {
        guard let text = try? String(contentsOfFile: SharedData.path("mclp/optima.csv"), encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Case(instance: fields[0], p: Int(fields[1]), budget: Double(fields[2]), optimum: Double(fields[3])!)
        }
    }()

    @Test(
        "Every instance is solved to its proven optimum (status optimal); without the exact mode the answer is near it and the certified gap ≤ 1 %",
        arguments: cases
    )
    func optimal(_ test: Case) throws {
        var instance = try CoverageInstanceFile.load(SharedData.path("mclp/\(test.instance).json.gz"))
        instance.p = test.p
        instance.budget = test.budget
        let result = try SitingSolver.solve(instance, options: SitingOptions(timeLimit: 600))
        #expect(result.objective == test.optimum, "\(result.objective) vs \(test.optimum)")
        #expect(result.status == "optimal" && result.gap <= 1e-6)
        // 2 s of local search and of branching (not the default 0.6 s and 1 s), and the default 60 s for all:
        // this debug build on a loaded 2-core machine is many times slower than the release figures the README
        // reports (and ten times that under the sanitizers: with 60 s, AddressSanitizer ran out of time before the branching).
        let heuristic = try SitingSolver.solve(instance, options: SitingOptions(
            timeLimit: 60 * sanitizerSlowdown, exact: false, heuristicSeconds: 2 * sanitizerSlowdown,
            branchingSeconds: 2 * sanitizerSlowdown
        ))
        // Within 0.1 % is the release figure (README); here, with the exact solves of other cases running beside it,
        // the local search gets fewer rounds.
        #expect(heuristic.objective >= 0.995 * test.optimum && heuristic.objective <= test.optimum && heuristic.upperBound >= test.optimum)
        #expect(heuristic.gap <= 0.01, "certified gap without the exact mode: \(heuristic.gap)")
    }

    @Test("optima.csv lists the 14 cases")
    func allCases() { #expect(Self.cases.count == 14) }
}
