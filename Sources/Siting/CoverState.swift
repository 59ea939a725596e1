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
    /// Per candidate, the weight that choosing it would add (its uncovered demands'), kept up to date.
    private(set) var gains: [Double]
    /// Per chosen candidate, the weight that dropping it would lose (the demands only it covers), kept up to date.
    private(set) var losses: [Double]
    /// Chosen candidates per group.
    private(set) var groupUsed: [Int]
    /// Weight covered towards each of the problem's minimums.
    private(set) var minimumCovered: [Double]
    /// Weight still missing from the minimums, summed.
    private(set) var shortfall: Double

    init(_ problem: SitingProblem) {
        self.problem = problem
        count = [Int32](repeating: 0, count: problem.demandCount)
        isChosen = [Bool](repeating: false, count: problem.candidateCount)
        groupUsed = [Int](repeating: 0, count: problem.groupCount)
        gains = (0..<problem.candidateCount).map { candidate in problem.covers(candidate).reduce(0) { $0 + problem.weights[Int($1)] } }
        losses = [Double](repeating: 0, count: problem.candidateCount)
        minimumCovered = [Double](repeating: 0, count: problem.minimums.count)
        shortfall = problem.minimums.reduce(0) { $0 + $1.needed }
    }

    /// True when every minimum coverage is met.
    var meetsMinimums: Bool { shortfall <= 1e-9 * max(1, covered) }

    /// What the heuristics maximise: the covered weight, less (more than all weight) per unit still missing from
    /// the minimums — so any answer meeting them beats any that does not.
    var value: Double { covered - shortfall * (problem.totalWeight + 1) }

    mutating func add(_ candidate: Int) {
        isChosen[candidate] = true
        chosen.append(candidate)
        cost += problem.costs[candidate]
        if problem.groups[candidate] >= 0 { groupUsed[problem.groups[candidate]] += 1 }
        for demand in problem.covers(candidate) {
            let weight = problem.weights[Int(demand)]
            switch count[Int(demand)] {
            case 0:
                covered += weight
                losses[candidate] += weight
                for other in problem.coverers(Int(demand)) { gains[Int(other)] -= weight }
                countTowardsMinimums(Int(demand), sign: 1)
            case 1: losses[soleCoverer(of: Int(demand), besides: candidate)] -= weight
            default: break
            }
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
            let weight = problem.weights[Int(demand)]
            switch count[Int(demand)] {
            case 0:
                covered -= weight
                for other in problem.coverers(Int(demand)) { gains[Int(other)] += weight }
                countTowardsMinimums(Int(demand), sign: -1)
            case 1: losses[soleCoverer(of: Int(demand), besides: candidate)] += weight
            default: break
            }
        }
        losses[candidate] = 0
    }

    /// The one chosen candidate other than `candidate` that covers `demand`.
    private func soleCoverer(of demand: Int, besides candidate: Int) -> Int {
        Int(problem.coverers(demand).first { isChosen[Int($0)] && Int($0) != candidate }!)
    }

    private mutating func countTowardsMinimums(_ demand: Int, sign: Double) {
        for (minimum, weight) in problem.minimumsOf[demand] {
            let needed = problem.minimums[minimum].needed
            let before = max(0, needed - minimumCovered[minimum])
            minimumCovered[minimum] += sign * weight
            shortfall += max(0, needed - minimumCovered[minimum]) - before
        }
    }

    /// How much adding `candidate` would reduce the shortfall of the minimums.
    func minimumGain(_ candidate: Int) -> Double {
        var added: [Int: Double] = [:]
        for demand in problem.covers(candidate) where count[Int(demand)] == 0 {
            for (minimum, weight) in problem.minimumsOf[Int(demand)] { added[minimum, default: 0] += weight }
        }
        return added.reduce(0) { total, entry in
            total + min(entry.value, max(0, problem.minimums[entry.key].needed - minimumCovered[entry.key]))
        }
    }

    /// Whether swapping chosen `out` for `candidate` keeps every minimum met (assuming it is met now).
    func keepsMinimums(removing out: Int, adding candidate: Int) -> Bool {
        var change: [Int: Double] = [:]
        let incoming = Set(problem.covers(candidate))
        for demand in problem.covers(out) where count[Int(demand)] == 1 && !incoming.contains(demand) {
            for (minimum, weight) in problem.minimumsOf[Int(demand)] { change[minimum, default: 0] -= weight }
        }
        for demand in incoming where count[Int(demand)] == 0 {
            for (minimum, weight) in problem.minimumsOf[Int(demand)] { change[minimum, default: 0] += weight }
        }
        return change.allSatisfy { minimum, delta in
            delta >= 0 || minimumCovered[minimum] + delta >= problem.minimums[minimum].needed * (1 - 1e-12)
        }
    }

    /// Weight that choosing `candidate` would add (0 within rounding).
    func gain(_ candidate: Int) -> Double { gains[candidate] > 1e-9 * max(1, covered) ? gains[candidate] : 0 }

    /// True when `candidate` can join: not chosen, room under p, the budget and its group's capacity, nothing
    /// chosen that excludes it, and a link to backhaul if it needs one.
    func canAdd(_ candidate: Int) -> Bool {
        fits(candidate) && problem.backhaul.joins(candidate, chosen: isChosen)
    }

    /// `canAdd` but for backhaul: what a relay on the way to `candidate` must allow too.
    func fits(_ candidate: Int) -> Bool {
        !isChosen[candidate] && chosen.count < problem.p && cost + problem.costs[candidate] <= problem.budget + 1e-9
            && (problem.groups[candidate] < 0 || groupUsed[problem.groups[candidate]] < problem.groupRoom[problem.groups[candidate]])
            && !problem.conflicts[candidate].contains { isChosen[$0] }
    }

    /// Whether every chosen site keeps its backhaul when `candidate` takes chosen `out`'s place.
    func keepsBackhaul(removing out: Int, adding candidate: Int) -> Bool {
        guard problem.backhaul.applies else { return true }
        var after = isChosen
        after[out] = false
        after[candidate] = true
        return problem.backhaul.stranded(chosen: after, chosen.filter { $0 != out } + [candidate]).isEmpty
    }

    /// Drops the chosen sites that lost their backhaul (after others were dropped).
    mutating func removeStranded() {
        for candidate in problem.backhaul.stranded(chosen: isChosen, chosen) { remove(candidate) }
    }

    /// True when `candidate` may take `out`'s place as far as exclusions go: the only chosen site excluding it
    /// is `out`, if any.
    func canReplace(_ out: Int, with candidate: Int) -> Bool {
        !problem.conflicts[candidate].contains { $0 != out && isChosen[$0] }
    }
}
