import Foundation

/// How hard to look for the optimum.
public struct SitingOptions: Sendable {
    /// Relative gap (upper bound − objective) / upper bound at which to stop; 0 asks for a proof of optimality.
    public var gap: Double
    /// Seconds for the whole solve.
    public var timeLimit: Double
    /// Whether branch and bound (Cbc) may run when the heuristic and the LP bound leave a larger gap (without
    /// it, Cbc runs only to find an answer meeting the minimum coverage where the heuristics found none).
    public var exact: Bool
    /// The iterated local search stops after this many rounds without a better answer…
    public var stallRounds: Int
    /// …or after this many seconds; nil: a twentieth of the time limit, at least 0.6 s.
    public var heuristicSeconds: Double?
    /// Subgradient steps of the Lagrangian bound.
    public var lagrangianIterations: Int
    /// Seconds of our own branching on the LP (`BranchedBound`, no MIP solver), which tightens the bound where
    /// the LP is solved and often proves optimality; nil: 1 s with the exact mode off, half the time left with it
    /// on (Cbc gets the rest if the gap is still open); 0: none.
    public var branchingSeconds: Double?
    /// The exact LP (Clp) and branch and bound (Cbc) run on reduced problems of at most this many coverage
    /// entries; larger ones get the Lagrangian bound only (Clp's root alone can take minutes there).
    public var linearProgramLimit: Int
    public var seed: UInt64

    public init(
        gap: Double = 1e-6, timeLimit: Double = 60, exact: Bool = true, stallRounds: Int = 1_000, heuristicSeconds: Double? = nil,
        lagrangianIterations: Int = 2_000, branchingSeconds: Double? = nil, linearProgramLimit: Int = 100_000, seed: UInt64 = 1
    ) {
        self.gap = gap
        self.timeLimit = timeLimit
        self.exact = exact
        self.stallRounds = stallRounds
        self.heuristicSeconds = heuristicSeconds
        self.lagrangianIterations = lagrangianIterations
        self.branchingSeconds = branchingSeconds
        self.linearProgramLimit = linearProgramLimit
        self.seed = seed
    }
}

/// The answer: chosen sites, covered weight, a proven upper bound and the gap between them.
public struct SitingResult: Sendable, Codable, Equatable {
    public let objective: Double
    /// Ids of the chosen candidates (fixed ones included), in the instance's order.
    public let selected: [String]
    public let upperBound: Double
    public let gap: Double
    public let seconds: Double
    /// "optimal" when the gap is closed (≤ 1e-6), else "feasible".
    public let status: String

    enum CodingKeys: String, CodingKey {
        case objective, selected, gap, seconds, status
        case upperBound = "upper_bound"
    }
}

/// Maximal covering with costs, groups and fixed sites: greedy + swaps + perturbation for the answer, a
/// bound: the exact LP by Clp on smaller problems, a Lagrangian one on larger; then our branching on the LP,
/// and Cbc's branch and bound when the gap is still too wide.
public enum SitingSolver {
    public static func solve(_ instance: CoverageInstance, options: SitingOptions = SitingOptions()) throws(SitingError) -> SitingResult {
        try instance.validate()
        let clock = ContinuousClock(), started = clock.now
        // Limits beyond 10⁹ s (about 32 years, `inf` included) are no limit, and would not convert to milliseconds.
        let deadline = started + .milliseconds(Int64(min(options.timeLimit, 1e9) * 1_000))
        let problem = SitingProblem(instance)
        var state = LocalSearch.construct(problem)
        LocalSearch.improve(&state)
        var starts = [state]
        // The best answer meeting the minimum coverage so far (none: −∞).
        var chosen = state.chosen, covered = state.meetsMinimums ? state.covered : -.infinity
        var bound = problem.weights.reduce(0, +)
        func closed() -> Bool { problem.gapClosed(bound: bound, covered: covered, gap: options.gap) }
        func remaining() -> Double { max(0, (deadline - clock.now).inSeconds) }
        /// A further start, improved by swaps; the answer so far if it beats it.
        func consider(_ start: CoverState) {
            var improved = start
            LocalSearch.improve(&improved)
            starts.append(improved)
            if improved.meetsMinimums, improved.covered > covered { (chosen, covered) = (improved.chosen, improved.covered) }
        }
        func tighten(_ value: Double) { bound = min(bound, problem.validBound(value)) }
        let small = problem.coverDemands.count <= options.linearProgramLimit
        // The exact LP (Clp) where it is small enough to be quick: a tight bound and a rounded start.
        var linearProgram: (relaxation: LinearRelaxation, root: (bound: Double, values: [Double]))?
        if !closed(), problem.candidateCount > 0, small {
            let relaxation = LinearRelaxation(problem, seconds: remaining())
            if let root = relaxation.solve(candidates: problem.candidateCount) {
                // The root takes the cut-set rows round after round while a round tightens its bound by 0.01 % or more.
                let lp = problem.backhaul.applies
                    ? relaxation.cutting(root, separation: BackhaulSeparation(problem.backhaul), rounds: 50, minimumGain: 1e-4, until: deadline)
                    : root
                tighten(lp.bound)
                consider(LocalSearch.rounded(problem, lp: lp.values))
                linearProgram = (relaxation, lp)
            }
            if relaxation.provenInfeasible { throw .unreachableMinimums(proven: true) }
        }
        // The Lagrangian relaxation: the bound on larger problems, and on every open one a start of its own
        // (the sites it chooses, completed greedily).
        if !closed(), problem.candidateCount > 0 {
            let lagrangian = LagrangianBound(problem: problem).solve(
                lowerBound: state.covered, iterations: options.lagrangianIterations, until: deadline
            )
            if !small { tighten(lagrangian.bound) }
            consider(LocalSearch.rounded(problem, lp: (0..<problem.candidateCount).map { lagrangian.chosen.contains($0) ? 1 : 0 }))
        }
        if !closed() {
            // One chain of iterated local search per start (greedy, Lagrangian-rounded, LP-rounded), side by side.
            let heuristicSeconds = options.heuristicSeconds ?? max(0.6, min(options.timeLimit, 1e9) / 20)
            let heuristicDeadline = min(deadline, clock.now + .milliseconds(Int64(heuristicSeconds * 1_000)))
            let chains = ChainResults(starts), firsts = starts
            DispatchQueue.concurrentPerform(iterations: firsts.count) { index in
                var chain = firsts[index]
                LocalSearch.perturb(&chain, stallRounds: options.stallRounds, seed: options.seed &+ UInt64(index), until: heuristicDeadline)
                chains.set(index, chain)
            }
            let best = chains.best
            if best.meetsMinimums, best.covered > covered { (chosen, covered) = (best.chosen, best.covered) }
        }
        // Our branching on the LP: a tighter bound, often a proof of optimality, sometimes better answers.
        if !closed(), let linearProgram, options.branchingSeconds != 0, remaining() > 0 {
            let seconds = min(remaining(), options.branchingSeconds ?? (options.exact ? remaining() / 2 : 1))
            let branching = BranchedBound(problem: problem, relaxation: linearProgram.relaxation).tighten(
                root: linearProgram.root, best: covered, gap: options.gap,
                until: clock.now + .milliseconds(Int64(seconds * 1_000))
            )
            for values in branching.answers { consider(LocalSearch.rounded(problem, lp: values)) }
            tighten(branching.bound)
        }
        // Branch and bound only where the LP is small enough for Cbc's root to keep the time limit — and, with
        // the exact mode off, only to find an answer meeting the minimum coverage where the heuristics found none.
        if !closed(), options.exact || covered == -.infinity, small, remaining() > 0 {
            let search = ExactSearch(
                problem, start: chosen, cuts: linearProgram?.relaxation.cuts ?? [], relativeGap: options.gap, seconds: remaining()
            )
            if let exact = search.solve() {
                if exact.value > covered + 1e-9 { (chosen, covered) = (exact.chosen, exact.value) }
                bound = exact.proven ? covered : min(bound, max(problem.validBound(exact.bound), covered))
            }
            if search.provenInfeasible { throw .unreachableMinimums(proven: true) }
        }
        guard covered > -.infinity else { throw .unreachableMinimums(proven: false) }
        bound = max(bound, covered)
        let objective = problem.fixedWeight + covered, upper = problem.fixedWeight + bound
        let gap = upper > 0 ? (upper - objective) / upper : 0
        let picked = Set(problem.fixedIndices + chosen.map { problem.candidateIDs[$0] })
        return SitingResult(
            objective: objective, selected: instance.candidates.indices.filter(picked.contains).map { instance.candidates[$0].id },
            upperBound: upper, gap: gap, seconds: (clock.now - started).inSeconds,
            status: gap <= 1e-6 ? "optimal" : "feasible"
        )
    }
}

extension Duration {
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// The chains' answers, filled in by concurrent workers (each its own slot).
private final class ChainResults: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [CoverState]

    init(_ states: [CoverState]) { self.states = states }

    func set(_ index: Int, _ state: CoverState) {
        lock.lock()
        states[index] = state
        lock.unlock()
    }

    /// The chain covering the most weight (the first of equals).
    var best: CoverState {
        states.reduce(states[0]) { $1.value > $0.value + 1e-9 ? $1 : $0 }
    }
}
