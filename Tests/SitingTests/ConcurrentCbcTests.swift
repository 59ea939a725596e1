import Dispatch
import Foundation
import Siting
import Testing

@Suite("Cbc from several threads at once")
struct ConcurrentCbcTests {
    @Test("Exact solves on several threads at once each prove their optimum: Cbc's C interface (CbcMain) keeps global state, so its solves take turns (a batch runs plans side by side)")
    func concurrentExactSolves() throws {
        // Budgeted instances that need Cbc's branching, solved by Cbc alone, each sixteen times at once.
        let instances = try (0..<8).map { seed in
            try randomInstance(
                seed: UInt64(2 * seed + 1), candidates: 14 + seed % 3, demands: 60, p: nil, budget: 150 + Double(seed * 13 % 100),
                groups: false, fixed: 0
            )
        }
        let expected = try instances.map { try SitingSolver.solve($0, options: SitingOptions(branchingSeconds: 0)).objective }
        let runs = instances.count * 16
        let statuses = Statuses(count: runs)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            let result = try? SitingSolver.solve(instances[run % instances.count], options: SitingOptions(branchingSeconds: 0))
            statuses.set(run, result.map { "\($0.status) \($0.objective)" } ?? "failed")
        }
        for run in 0..<runs {
            #expect(statuses[run] == "optimal \(expected[run % instances.count])", "run \(run)")
        }
    }
}

/// Each concurrent run's outcome, in its own slot.
private final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String]

    init(count: Int) { values = Array(repeating: "", count: count) }

    func set(_ index: Int, _ value: String) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    subscript(index: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }
}
