/// A cut-set row of the backhaul rule: a chosen site needing a link reaches backhaul only if some site of every set
/// separating it from the sites with backhaul of their own is chosen, x_site ≤ Σ_{j in separator} x_j. The flow rows
/// alone let an LP answer spread a fraction of a relay over many sites; these rows take that away.
struct BackhaulCut: Hashable {
    let site: Int
    let separator: [Int]

    /// The row's columns, the site first, and their coefficients: 1 for the site, −1 for each of the separator.
    var row: (columns: [Int32], coefficients: [Double]) {
        ([Int32(site)] + separator.map(Int32.init), [1] + separator.map { _ in -1 })
    }
}

extension BackhaulLinks {
    /// The cut-set rows a whole choice `chosen` violates: for each chosen site that no chain of chosen sites joins to
    /// backhaul, the other neighbours of its group (the chosen sites links join to it, all stranded too) separate it.
    func strandingCuts(chosen: [Int]) -> [BackhaulCut] {
        guard applies else { return [] }
        var isChosen = [Bool](repeating: false, count: needsLink.count), grouped = isChosen
        for site in chosen { isChosen[site] = true }
        var cuts: [BackhaulCut] = []
        for start in stranded(chosen: isChosen, chosen) where !grouped[start] {
            var members = [start], next = 0
            grouped[start] = true
            while next < members.count {
                for other in links[members[next]] where isChosen[other] && !grouped[other] {
                    grouped[other] = true
                    members.append(other)
                }
                next += 1
            }
            let separator = Set(members.flatMap { links[$0] }).filter { !isChosen[$0] }.sorted()
            cuts += members.map { BackhaulCut(site: $0, separator: separator) }
        }
        return cuts
    }
}

/// Finds the cut-set rows an LP answer violates: per site needing a link, a minimum set of sites (each weighing its LP
/// value) separating it from the sites with backhaul of their own — a maximum flow over the links with the values as
/// the sites' capacities — and its row when the set weighs less than the site's own value.
struct BackhaulSeparation {
    private let backhaul: BackhaulLinks
    /// The flow network: each site j split into an entry (2j) and an exit (2j + 1) joined by an arc of capacity x_j;
    /// links join exits to entries both ways, and a source (the last node) every entry of a site with backhaul of its
    /// own, both without limit. Arcs come in pairs (an arc and its reverse at index ^ 1).
    private var head: [Int] = [], capacity: [Double] = [], arcsOf: [[Int]]
    /// Per site, its arc from entry to exit (−1: a site on no link).
    private var siteArc: [Int]
    private let source: Int

    init(_ backhaul: BackhaulLinks) {
        self.backhaul = backhaul
        let count = backhaul.needsLink.count
        source = 2 * count
        arcsOf = [[Int]](repeating: [], count: 2 * count + 1)
        siteArc = [Int](repeating: -1, count: count)
        for site in 0..<count where backhaul.isLinked(site) {
            siteArc[site] = head.count
            addArc(from: 2 * site, to: 2 * site + 1)
            for other in backhaul.links[site] { addArc(from: 2 * site + 1, to: 2 * other) }
            if !backhaul.needsLink[site] { addArc(from: source, to: 2 * site) }
        }
    }

    private mutating func addArc(from: Int, to: Int) {
        arcsOf[from].append(head.count)
        head.append(to)
        capacity.append(.infinity)
        arcsOf[to].append(head.count)
        head.append(from)
        capacity.append(0)
    }

    /// The rows `values` (the candidates' LP values) violates by more than `tolerance`.
    func violated(by values: [Double], tolerance: Double = 1e-6) -> [BackhaulCut] {
        backhaul.needsLink.indices.compactMap { site in
            guard backhaul.needsLink[site], values[site] > tolerance else { return nil }
            return cut(for: site, values: values, tolerance: tolerance)
        }
    }

    /// Augments shortest paths from the source to `site`'s entry until the flow reaches its value (no violated row) or
    /// no path is left, when the sites of a minimum cut (`separator`) make the row.
    private func cut(for site: Int, values: [Double], tolerance: Double) -> BackhaulCut? {
        var residual = capacity
        for (other, arc) in siteArc.enumerated() where arc >= 0 { residual[arc] = max(0, values[other]) }
        let sink = 2 * site, goal = values[site] - tolerance
        var flow = 0.0
        while flow < goal {
            var through = [Int](repeating: -1, count: arcsOf.count), queue = [source], next = 0
            through[source] = Int.max
            while next < queue.count, through[sink] < 0 {
                let node = queue[next]
                next += 1
                for arc in arcsOf[node] where residual[arc] > 1e-12 && through[head[arc]] < 0 {
                    through[head[arc]] = arc
                    queue.append(head[arc])
                }
            }
            guard through[sink] >= 0 else { return BackhaulCut(site: site, separator: separator(of: sink, residual: residual)) }
            var bottleneck = Double.infinity, node = sink
            while node != source {
                bottleneck = min(bottleneck, residual[through[node]])
                node = head[through[node] ^ 1]
            }
            node = sink
            while node != source {
                residual[through[node]] -= bottleneck
                residual[through[node] ^ 1] += bottleneck
                node = head[through[node] ^ 1]
            }
            flow += bottleneck
        }
        return nil
    }

    /// The sites of a minimum cut once no path is left: the nodes that still reach `sink` over arcs with capacity left
    /// hold the exits, not the entries, of exactly the sites of the cut (taken from the sink's side, the cut holds no
    /// site the flow never needed, such as one of value 0 beside the source).
    private func separator(of sink: Int, residual: [Double]) -> [Int] {
        var reaches = [Bool](repeating: false, count: arcsOf.count), queue = [sink], next = 0
        reaches[sink] = true
        while next < queue.count {
            let node = queue[next]
            next += 1
            for arc in arcsOf[node] where residual[arc ^ 1] > 1e-12 && !reaches[head[arc]] {
                reaches[head[arc]] = true
                queue.append(head[arc])
            }
        }
        return siteArc.indices.filter { siteArc[$0] >= 0 && reaches[2 * $0 + 1] && !reaches[2 * $0] }
    }
}

extension LinearRelaxation {
    /// `start`, the LP of the subproblem choosing `chosen` and leaving out `excluded`, re-solved with the backhaul's
    /// cut-set rows its answers violate, round after round, until none is violated, a round tightens the bound by under
    /// `minimumGain` of it, `rounds` are done, `deadline` passes or a re-solve fails (Clp proves the subproblem infeasible,
    /// which `provenInfeasible` then says, or runs out of time). The rows stay in the model: they hold for every answer.
    /// Returns the last LP solved.
    func cutting(
        _ start: (bound: Double, values: [Double]), separation: BackhaulSeparation, choosing chosen: [Int] = [],
        excluding excluded: [Int] = [], rounds: Int, minimumGain: Double, until deadline: ContinuousClock.Instant
    ) -> (bound: Double, values: [Double]) {
        var best = start
        for _ in 0..<rounds where ContinuousClock.now < deadline {
            let cuts = separation.violated(by: best.values)
            guard !cuts.isEmpty else { break }
            add(cuts)
            guard let next = solve(candidates: start.values.count, choosing: chosen, excluding: excluded) else { break }
            let tightened = best.bound - next.bound
            best = next
            if tightened < minimumGain * max(1, abs(best.bound)) { break }
        }
        return best
    }
}
