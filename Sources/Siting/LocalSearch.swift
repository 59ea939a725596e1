/// The primal heuristics: lazy cost-benefit greedy, best-improvement swaps with incremental bookkeeping,
/// and iterated perturbation (drop some chosen sites at random, refill greedily, improve; keep if better).
enum LocalSearch {
    /// Fills `state` greedily: first the sites the unmet minimum coverage needs most, then the best gain (per
    /// unit cost under a budget) first, gains re-evaluated lazily, then, where sites need relays to reach backhaul,
    /// the best of them with its relays (and singles again); candidates in `excluded` are left out.
    static func greedy(_ state: inout CoverState, excluding excluded: Set<Int> = []) {
        repeat { greedySingles(&state, excluding: excluded) } while addRelayed(&state, excluding: excluded)
    }

    /// Greedy one site at a time, each joined to backhaul already where it needs it.
    private static func greedySingles(_ state: inout CoverState, excluding excluded: Set<Int>) {
        meetMinimums(&state, excluding: excluded)
        let problem = state.problem, byRatio = problem.budget.isFinite
        func key(_ candidate: Int, _ gain: Double) -> Double {
            byRatio ? gain / max(problem.costs[candidate], 1e-9) : gain
        }
        let open = (0..<problem.candidateCount).filter { state.canAdd($0) && !excluded.contains($0) }
        var heap = MaxHeap(items: open.map { ($0, key($0, state.gain($0))) })
        while let (candidate, stale) = heap.pop() {
            guard state.canAdd(candidate) else { continue }
            let gain = state.gain(candidate)
            guard gain > 0 else { continue }
            let fresh = key(candidate, gain)
            if fresh + 1e-12 < stale, let next = heap.peekKey, fresh < next {
                heap.push(candidate, fresh)
                continue
            }
            state.add(candidate)
        }
    }

    /// Adds, while a minimum coverage is unmet, the site that most reduces the shortfall (then the most gain).
    static func meetMinimums(_ state: inout CoverState, excluding excluded: Set<Int>) {
        while !state.meetsMinimums {
            var best: (candidate: Int, key: (Double, Double))?
            for candidate in 0..<state.problem.candidateCount where state.canAdd(candidate) && !excluded.contains(candidate) {
                let key = (state.minimumGain(candidate), state.gain(candidate))
                if key.0 > 0, best.map({ key > $0.key }) ?? true { best = (candidate, key) }
            }
            guard let best else { return }
            state.add(best.candidate)
        }
    }

    /// The better of greedy and the best single affordable site (which greedy by ratio can miss under a budget).
    static func construct(_ problem: SitingProblem) -> CoverState {
        var state = CoverState(problem)
        greedy(&state)
        guard problem.budget.isFinite else { return state }
        var single = CoverState(problem)
        if let best = (0..<problem.candidateCount).filter({ single.canAdd($0) }).max(by: { single.gain($0) < single.gain($1) }) {
            single.add(best)
            greedy(&single)
        }
        return single.value > state.value ? single : state
    }

    /// A start rounded from an LP solution: candidates by decreasing LP value while they fit (again while a pass
    /// adds one: a site may need the link to backhaul a later one gives), then greedy.
    static func rounded(_ problem: SitingProblem, lp values: [Double]) -> CoverState {
        var state = CoverState(problem)
        let order = (0..<problem.candidateCount).filter { values[$0] > 1e-6 }.sorted { values[$0] > values[$1] }
        var adding = true
        while adding {
            adding = false
            for candidate in order where state.canAdd(candidate) {
                state.add(candidate)
                adding = true
            }
        }
        greedy(&state)
        return state
    }

    /// Applies the best add or swap until none improves the covered weight. With `around`, the sites just
    /// changed (a perturbation), swaps taking over an outgoing site's demands are looked for only near them and
    /// the moves made since (elsewhere the last local optimum still holds but for the gains that changed).
    static func improve(_ state: inout CoverState, around changed: [Int]? = nil) {
        var changed = changed
        while let move = bestMove(state, near: changed.map { nearby(state, $0) }) {
            if let out = move.out { state.remove(out) }
            state.add(move.in)
            changed? += [move.in] + (move.out.map { [$0] } ?? [])
        }
    }

    /// The chosen sites sharing a demand with any of `sites`.
    private static func nearby(_ state: CoverState, _ sites: [Int]) -> Set<Int> {
        var marked = [Bool](repeating: false, count: state.problem.demandCount)
        for site in sites { for demand in state.problem.covers(site) { marked[Int(demand)] = true } }
        return Set(state.chosen.filter { state.problem.covers($0).contains { marked[Int($0)] } })
    }

    /// The best improving move: add a site (if p and the budget allow) or swap a chosen site for another — one
    /// that keeps the minimum coverage met, where it is. For each outgoing site, the weight only it covers is
    /// spread over the candidates that also cover it (`extra`): the best partner is one of those, or else the
    /// allowed one of the 64 candidates of most gain. With `focus`, only those outgoing sites get the first kind (the others'
    /// partners are valued by gain alone, which never overstates a swap).
    static func bestMove(_ state: CoverState, near focus: Set<Int>? = nil) -> (in: Int, out: Int?)? {
        let problem = state.problem
        var best: (in: Int, out: Int?)?, bestDelta = 1e-9 * max(1, state.covered)
        for candidate in 0..<problem.candidateCount where state.gain(candidate) > bestDelta && state.canAdd(candidate) {
            (best, bestDelta) = ((candidate, nil), state.gains[candidate])
        }
        let byGain = mostGain(state, count: 64)
        var extra = [Double](repeating: 0, count: problem.candidateCount), touched: [Int] = []
        for out in state.chosen {
            let loss = state.losses[out]
            if focus?.contains(out) ?? true {
                for demand in problem.covers(out) where state.count[Int(demand)] == 1 {
                    for other in problem.coverers(Int(demand)) where !state.isChosen[Int(other)] {
                        if extra[Int(other)] == 0 { touched.append(Int(other)) }
                        extra[Int(other)] += problem.weights[Int(demand)]
                    }
                }
            }
            for candidate in touched {
                let delta = state.gain(candidate) + extra[candidate] - loss
                if delta > bestDelta, canSwap(state, out: out, for: candidate) { (best, bestDelta) = ((candidate, out), delta) }
            }
            for candidate in byGain where extra[candidate] == 0 {
                let delta = state.gains[candidate] - loss
                guard delta > bestDelta else { break }
                if canSwap(state, out: out, for: candidate) {
                    (best, bestDelta) = ((candidate, out), delta)
                    break
                }
            }
            for candidate in touched { extra[candidate] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        return best
    }

    /// The (at most) `count` unchosen candidates of most gain, largest first.
    private static func mostGain(_ state: CoverState, count: Int) -> [Int] {
        var top: [Int] = []
        top.reserveCapacity(count + 1)
        for candidate in 0..<state.problem.candidateCount where !state.isChosen[candidate] && state.gain(candidate) > 0 {
            let gain = state.gains[candidate]
            guard top.count < count || gain > state.gains[top[top.count - 1]] else { continue }
            var position = top.count
            while position > 0, state.gains[top[position - 1]] < gain { position -= 1 }
            top.insert(candidate, at: position)
            if top.count > count { top.removeLast() }
        }
        return top
    }

    /// Whether `candidate` may take chosen `out`'s place: the budget, its group's room, exclusions and the
    /// minimum coverage (where met now) allow it.
    private static func canSwap(_ state: CoverState, out: Int, for candidate: Int) -> Bool {
        let problem = state.problem, group = problem.groups[candidate]
        return state.cost - problem.costs[out] + problem.costs[candidate] <= problem.budget + 1e-9
            && (group < 0 || state.groupUsed[group] - (problem.groups[out] == group ? 1 : 0) < problem.groupRoom[group])
            && state.canReplace(out, with: candidate) && state.keepsBackhaul(removing: out, adding: candidate)
            && (problem.minimums.isEmpty || !state.meetsMinimums || state.keepsMinimums(removing: out, adding: candidate))
    }

    /// Iterated local search from `state`: perturbations, each dropping one to four (at most a third) of the chosen
    /// sites (drawn by a seeded generator), refilling greedily without them, and improving by swaps; the best
    /// is kept, and a round at least as good as the current start becomes the start (moving along plateaus);
    /// every hundredth round without progress restarts from a harder kick.
    /// Stops after `stallRounds` rounds without a better answer, or at `deadline`.
    static func perturb(_ state: inout CoverState, stallRounds: Int, seed: UInt64, until deadline: ContinuousClock.Instant) {
        var generator = SplitMix(seed: seed)
        var best = state, current = state, stall = 0
        while stall < stallRounds, ContinuousClock.now < deadline, !current.chosen.isEmpty {
            stall += 1
            var trial = current
            // Every hundredth round without progress kicks harder: half the sites go, and the result is the
            // new start whatever its value (a restart in another part of the search space).
            let kick = stall % 100 == 0
            let drops = kick ? max(1, trial.chosen.count / 2) : 1 + Int(generator.next() % UInt64(max(1, min(4, trial.chosen.count / 3))))
            var dropped = Set<Int>()
            for _ in 0..<drops where !trial.chosen.isEmpty {
                let out = trial.chosen[Int(generator.next() % UInt64(trial.chosen.count))]
                trial.remove(out)
                dropped.insert(out)
            }
            trial.removeStranded()
            greedy(&trial, excluding: dropped)
            improve(&trial, around: Array(dropped) + trial.chosen.filter { !current.isChosen[$0] })
            if kick || trial.value >= current.value - 1e-9 { current = trial }
            if trial.value > best.value + 1e-9 {
                best = trial
                current = trial
                stall = 0
            }
        }
        state = best
    }
}

/// A binary max-heap of (candidate, key).
struct MaxHeap {
    private var items: [(Int, Double)]

    init(items: [(Int, Double)]) {
        self.items = []
        for (candidate, key) in items { push(candidate, key) }
    }

    var peekKey: Double? { items.first?.1 }

    mutating func push(_ candidate: Int, _ key: Double) {
        items.append((candidate, key))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[parent].1 < items[child].1 else { break }
            items.swapAt(parent, child)
            child = parent
        }
    }

    mutating func pop() -> (Int, Double)? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var largest = parent
            if left < items.count, items[left].1 > items[largest].1 { largest = left }
            if right < items.count, items[right].1 > items[largest].1 { largest = right }
            guard largest != parent else { break }
            items.swapAt(parent, largest)
            parent = largest
        }
        return top
    }
}

/// SplitMix64: a small seeded generator, so that runs are reproducible (also the fuzz harness's).
package struct SplitMix {
    private var state: UInt64
    package init(seed: UInt64) { state = seed }
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound (bound ≥ 1).
    package mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
}
