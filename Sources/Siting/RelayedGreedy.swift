extension LocalSearch {
    /// Where a site needs relays to reach backhaul: adds such a site together with the relays on the cheapest chain of
    /// links to it (by cost under a budget, by count otherwise) — of the chains the limits allow, the one of most gain
    /// (its sites' gains added) per price — and returns whether it added one.
    static func addRelayed(_ state: inout CoverState, excluding excluded: Set<Int>) -> Bool {
        let problem = state.problem
        guard problem.backhaul.applies else { return false }
        let chains = CheapestChains(state, excluding: excluded)
        let targets = (0..<problem.candidateCount).filter { target in
            chains.previous[target] >= 0 && state.gain(target) > 0 && state.chosen.count + chains.length[target] <= problem.p
                && state.cost + chains.cost[target] <= problem.budget + 1e-9
        }
        for target in targets.sorted(by: { chains.gain[$0] / chains.price[$0] > chains.gain[$1] / chains.price[$1] }) {
            var chain = [target]
            while chains.previous[chain[chain.count - 1]] >= 0 { chain.append(chains.previous[chain[chain.count - 1]]) }
            var added: [Int] = []
            for site in chain.reversed() where state.canAdd(site) {
                state.add(site)
                added.append(site)
            }
            if added.count == chain.count { return true }
            // Two of the chain's sites exclude each other or share a group: undo, from the far end.
            for site in added.reversed() { state.remove(site) }
        }
        return false
    }
}

/// Shortest chains (Dijkstra by price: cost under a budget, one per site otherwise) from the sites that can join now,
/// over links through sites that fit the limits, to every site; per site its predecessor on the chain (−1: a site that
/// can join alone, or none reached), the chain's price, cost, number of sites and gain.
private struct CheapestChains {
    var previous: [Int], price: [Double], cost: [Double], length: [Int], gain: [Double]

    init(_ state: CoverState, excluding excluded: Set<Int>) {
        let problem = state.problem, count = problem.candidateCount
        func price(_ site: Int) -> Double { problem.budget.isFinite ? max(problem.costs[site], 1e-9) : 1 }
        previous = [Int](repeating: -1, count: count)
        self.price = [Double](repeating: .infinity, count: count)
        cost = [Double](repeating: 0, count: count)
        length = [Int](repeating: 0, count: count)
        gain = [Double](repeating: 0, count: count)
        var heap = MaxHeap(items: []), settled = [Bool](repeating: false, count: count)
        for site in 0..<count where !excluded.contains(site) && state.canAdd(site) {
            (self.price[site], cost[site], length[site], gain[site]) = (price(site), problem.costs[site], 1, state.gain(site))
            heap.push(site, -self.price[site])
        }
        while let (site, _) = heap.pop() {
            guard !settled[site] else { continue }
            settled[site] = true
            for next in problem.backhaul.links[site] where !settled[next] && !excluded.contains(next) && state.fits(next) {
                let through = self.price[site] + price(next)
                guard through < self.price[next] else { continue }
                (self.price[next], previous[next]) = (through, site)
                (cost[next], length[next], gain[next]) = (cost[site] + problem.costs[next], length[site] + 1, gain[site] + state.gain(next))
                heap.push(next, -through)
            }
        }
    }
}
