/// A set of chosen candidates and, per demand, how many of them cover it: what the heuristics move through.
struct CoverState {
    let problem: SitingProblem
    /// Chosen candidates covering each demand.
    private(set) var count: [Int32]
    private(set) var isChosen: [Bool]
    private(set) var chosen: [Int] = []
    private(set) var cost = 0.0
    /// Weight of the demands covered (fixed sites' part excluded).
    private(set) var covered = 0.0
    /// Chosen candidates per group.
    private(set) var groupUsed: [Int]

    init(_ problem: SitingProblem) {
        self.problem = problem
        count = [Int32](repeating: 0, count: problem.demandCount)
        isChosen = [Bool](repeating: false, count: problem.candidateCount)
        groupUsed = [Int](repeating: 0, count: problem.groupCount)
    }

    mutating func add(_ candidate: Int) {
        isChosen[candidate] = true
        chosen.append(candidate)
        cost += problem.costs[candidate]
        if problem.groups[candidate] >= 0 { groupUsed[problem.groups[candidate]] += 1 }
        for demand in problem.covers(candidate) {
            if count[Int(demand)] == 0 { covered += problem.weights[Int(demand)] }
            count[Int(demand)] += 1
        }
    }

    mutating func remove(_ candidate: Int) {
        isChosen[candidate] = false
        chosen.removeAll { $0 == candidate }
        cost -= problem.costs[candidate]
        if problem.groups[candidate] >= 0 { groupUsed[problem.groups[candidate]] -= 1 }
        for demand in problem.covers(candidate) {
            count[Int(demand)] -= 1
            if count[Int(demand)] == 0 { covered -= problem.weights[Int(demand)] }
        }
    }

    /// Weight that choosing `candidate` would add.
    func gain(_ candidate: Int) -> Double {
        var total = 0.0
        for demand in problem.covers(candidate) where count[Int(demand)] == 0 { total += problem.weights[Int(demand)] }
        return total
    }

    /// Weight that dropping chosen `candidate` would lose.
    func loss(_ candidate: Int) -> Double {
        var total = 0.0
        for demand in problem.covers(candidate) where count[Int(demand)] == 1 { total += problem.weights[Int(demand)] }
        return total
    }

    /// True when `candidate` can join: not chosen, room under p, the budget and its group's capacity, nothing
    /// chosen that excludes it.
    func canAdd(_ candidate: Int) -> Bool {
        !isChosen[candidate] && chosen.count < problem.p && cost + problem.costs[candidate] <= problem.budget + 1e-9
            && (problem.groups[candidate] < 0 || groupUsed[problem.groups[candidate]] < problem.groupRoom[problem.groups[candidate]])
            && !problem.conflicts[candidate].contains { isChosen[$0] }
    }

    /// True when `candidate` may take `out`'s place as far as exclusions go: the only chosen site excluding it
    /// is `out`, if any.
    func canReplace(_ out: Int, with candidate: Int) -> Bool {
        !problem.conflicts[candidate].contains { $0 != out && isChosen[$0] }
    }
}
