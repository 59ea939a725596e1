import Terrain

/// An upper bound of LP strength by Lagrangian relaxation of the coverage rows y_i ≤ Σ_{j covers i} x_j and of the
/// backhaul's cut-set rows x_s ≤ Σ_{j in separator} x_j, minimised by subgradient steps (Polyak's step towards the best
/// known objective, halved when stalling). For multipliers λ (0 ≤ λ_i ≤ w_i) and μ ≥ 0 the relaxation splits into
/// Σ_i max(0, w_i − λ_i) plus the best choice of sites for the values v_j = Σ_{i covered} λ_i − Σ_{rows of j} μ_r +
/// Σ_{rows j separates} μ_r: the p largest (groups within their room) under p, a fractional knapsack under a budget
/// (groups relaxed there), the smaller of the two under both — each keeps the bound valid. The backhaul rows start as
/// each site's links (its separator from everything else) and grow by relax-and-cut: whenever the relaxation's sites
/// leave some stranded, each one's row separating it by the unchosen neighbours of its stranded group joins them.
struct LagrangianBound {
    let problem: SitingProblem

    /// The dualised rows and their multipliers, and the search direction over them.
    private struct BackhaulRows {
        private(set) var cuts: [BackhaulCut] = []
        private var known: Set<BackhaulCut> = []
        /// Per candidate, the rows whose separator holds it.
        private(set) var separating: [[Int]]
        var multipliers: [Double] = [], direction: [Double] = []

        init(_ backhaul: BackhaulLinks) {
            separating = [[Int]](repeating: [], count: backhaul.needsLink.count)
            for site in backhaul.needsLink.indices where backhaul.needsLink[site] {
                insert(BackhaulCut(site: site, separator: backhaul.links[site]))
            }
        }

        /// Adds the rows the relaxation's sites `chosen` violate that are new.
        mutating func add(violatedBy chosen: [Int], _ backhaul: BackhaulLinks) {
            for cut in backhaul.strandingCuts(chosen: chosen) { insert(cut) }
        }

        private mutating func insert(_ cut: BackhaulCut) {
            guard known.insert(cut).inserted else { return }
            for site in cut.separator { separating[site].append(cuts.count) }
            cuts.append(cut)
            multipliers.append(0)
            direction.append(0)
        }
    }

    /// The smallest bound found in `iterations` steps (or by `deadline`), and the sites the relaxation chose there.
    func solve(
        lowerBound: Double, iterations: Int, until deadline: ContinuousClock.Instant
    ) -> (bound: Double, chosen: [Int]) {
        let weights = problem.weights
        var multipliers = (0..<problem.demandCount).map { weights[$0] / Double(max(1, problem.coverers($0).count)) }
        var best = Double.infinity, bestChosen: [Int] = [], step = 2.0, sinceBest = 0
        var direction = [Double](repeating: 0, count: problem.demandCount), gradient = direction
        var rows = BackhaulRows(problem.backhaul)
        for _ in 0..<iterations where ContinuousClock.now < deadline {
            let (value, chosen) = relaxation(multipliers, rows: rows)
            if best.isInfinite || value < best - 1e-9 * max(1, best) {
                (best, bestChosen, sinceBest) = (value, chosen, 0)
            } else {
                sinceBest += 1
                if sinceBest >= 30 {
                    step /= 2
                    sinceBest = 0
                }
            }
            if step < 1e-6 || best - lowerBound <= 1e-9 * max(1, best) { break }
            rows.add(violatedBy: chosen, problem.backhaul)
            let (norm, directionNorm) = deflect(&direction, scratch: &gradient, chosen: chosen, multipliers: multipliers)
            let (rowNorm, rowDirectionNorm) = deflect(&rows, chosen: chosen)
            guard norm + rowNorm > 0 else { break }
            let length = step * (value - lowerBound) / max(directionNorm + rowDirectionNorm, 1e-12)
            for demand in direction.indices where direction[demand] != 0 {
                multipliers[demand] = min(weights[demand], max(0, multipliers[demand] - length * direction[demand]))
            }
            for row in rows.direction.indices where rows.direction[row] != 0 {
                rows.multipliers[row] = max(0, rows.multipliers[row] - length * rows.direction[row])
            }
        }
        return (best, bestChosen)
    }

    /// Adds to half of `direction` the subgradient at `multipliers` for the relaxation's sites `chosen` — (times they
    /// cover i) − y_i, with y_i = 1 where w_i > λ_i, and 0 where λ_i sits at a bound it would be pushed past — so that
    /// the steps zig-zag less than the bare subgradient's. Returns the squared norms of the subgradient and of the new
    /// direction; `scratch` (one per demand) holds the subgradient meanwhile.
    private func deflect(
        _ direction: inout [Double], scratch: inout [Double], chosen: [Int], multipliers: [Double]
    ) -> (subgradient: Double, direction: Double) {
        var norm = 0.0, directionNorm = 0.0
        scratch.withUnsafeMutableBufferPointer { gradient in
            gradient.update(repeating: 0)
            for site in chosen { for demand in problem.covers(site) { gradient[Int(demand)] += 1 } }
            problem.weights.withUnsafeBufferPointer { weights in
                multipliers.withUnsafeBufferPointer { multipliers in
                    direction.withUnsafeMutableBufferPointer { direction in
                        for demand in gradient.indices {
                            var component = gradient[demand]
                            if weights[demand] > multipliers[demand] { component -= 1 }
                            if (multipliers[demand] <= 0 && component > 0) || (multipliers[demand] >= weights[demand] && component < 0) {
                                component = 0
                            }
                            norm += component * component
                            direction[demand] = component + 0.5 * direction[demand]
                            directionNorm += direction[demand] * direction[demand]
                        }
                    }
                }
            }
        }
        return (norm, directionNorm)
    }

    /// Adds to half of the rows' direction their subgradient for the sites `chosen` — (chosen of the separator) − (the
    /// site chosen), 0 where μ is 0 and would be pushed below it. Returns the squared norms as `deflect` above does.
    private func deflect(_ rows: inout BackhaulRows, chosen: [Int]) -> (subgradient: Double, direction: Double) {
        guard !rows.cuts.isEmpty else { return (0, 0) }
        var isChosen = [Bool](repeating: false, count: problem.candidateCount)
        var chosenSeparating = [Int](repeating: 0, count: rows.cuts.count)
        for site in chosen {
            isChosen[site] = true
            for row in rows.separating[site] { chosenSeparating[row] += 1 }
        }
        var norm = 0.0, directionNorm = 0.0
        for (row, cut) in rows.cuts.enumerated() {
            var component = Double(chosenSeparating[row]) - (isChosen[cut.site] ? 1 : 0)
            if rows.multipliers[row] <= 0 && component > 0 { component = 0 }
            norm += component * component
            rows.direction[row] = component + 0.5 * rows.direction[row]
            directionNorm += rows.direction[row] * rows.direction[row]
        }
        return (norm, directionNorm)
    }

    /// The relaxation's value at the multipliers and the sites (whole ones) of its site part.
    private func relaxation(_ multipliers: [Double], rows: BackhaulRows) -> (value: Double, chosen: [Int]) {
        let problem = problem
        let value = problem.weights.withUnsafeBufferPointer { weights in
            multipliers.withUnsafeBufferPointer { multipliers in
                weights.indices.reduce(0.0) { $0 + max(0, weights[$1] - multipliers[$1]) }
            }
        }
        var worth = parallelMap(count: problem.candidateCount, chunkSize: 256) { site in
            multipliers.withUnsafeBufferPointer { multipliers in
                problem.covers(site).reduce(0) { $0 + multipliers[Int($1)] }
            }
        }
        for (cut, multiplier) in zip(rows.cuts, rows.multipliers) where multiplier > 0 {
            worth[cut.site] -= multiplier
            for site in cut.separator { worth[site] += multiplier }
        }
        // Each limit alone allows at least as much as both together, so the smaller of the two maxima is a
        // valid (and the tighter) bound; with no limit at all every site of positive worth counts.
        var parts: [(value: Double, chosen: [Int])] = []
        if problem.budget.isFinite { parts.append(knapsack(worth)) }
        if problem.p < problem.candidateCount { parts.append(largest(worth)) }
        let part = parts.min { $0.value < $1.value }
            ?? (worth.reduce(0) { $0 + max(0, $1) }, (0..<problem.candidateCount).filter { worth[$0] > 0 })
        return (value + part.value, part.chosen)
    }

    /// The fractional knapsack under the budget, by worth per cost (free sites first); whole sites returned.
    private func knapsack(_ worth: [Double]) -> (value: Double, chosen: [Int]) {
        let order = (0..<problem.candidateCount).filter { worth[$0] > 0 }.sorted {
            worth[$0] * max(problem.costs[$1], 1e-12) > worth[$1] * max(problem.costs[$0], 1e-12)
        }
        var room = problem.budget, value = 0.0, chosen: [Int] = []
        for site in order where room > 0 {
            let share = problem.costs[site] > 0 ? min(1, room / problem.costs[site]) : 1
            value += share * worth[site]
            room -= share * problem.costs[site]
            if share >= 1 { chosen.append(site) }
        }
        return (value, chosen)
    }

    /// The p sites of most worth, at most each group's room of a group.
    private func largest(_ worth: [Double]) -> (value: Double, chosen: [Int]) {
        var members = [[Int]](repeating: [], count: problem.groupCount), open: [Int] = []
        for site in 0..<problem.candidateCount where worth[site] > 0 {
            let group = problem.groups[site]
            if group < 0 { open.append(site) } else { members[group].append(site) }
        }
        for (group, sites) in members.enumerated() {
            open += sites.sorted { worth[$0] > worth[$1] }.prefix(problem.groupRoom[group])
        }
        let chosen = Array(open.sorted { worth[$0] > worth[$1] }.prefix(problem.p))
        return (chosen.reduce(0) { $0 + worth[$1] }, chosen)
    }
}
