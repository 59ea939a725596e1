import Siting

/// Gives 4G cells physical cell identities from their neighbour lists: PCI = 3 × group + shift (0–503), the sectors of
/// a mast one group and distinct shifts. The shift (PCI mod 3) sets which subcarriers a cell's reference signals take,
/// so neighbours overlapping on one shift measure each other's reference signals at full power whatever the load. The
/// plan has, in this order, as few collisions (a cell and a neighbour on one PCI), confusions (two neighbours of a cell
/// on one PCI) and cells of neighbours on one shift as it finds: shifts by moving one mast's permutation at a time, with
/// random restarts from a fixed seed, then groups greedily, the masts with most neighbours first, each the group least
/// used among those without a conflict, and masts left in conflict moved while that lowers their conflicts. A
/// heuristic: it gives no bound on how far the plan lies from the best.
public struct PCIPlanner: Sendable {
    /// The 4G sites.
    public let ids: [String]
    /// Per site, the sites it lists as neighbours.
    private let listed: [[Int]]
    /// Per site, the sites listing it.
    private let listers: [[Int]]
    /// Per site, its neighbours either way and the cells they overlap in (both ways summed).
    private let overlaps: [[(site: Int, cells: Int)]]
    /// The masts: sites on one mast (co-site relations), at most three, which share a group.
    public let masts: [[Int]]

    /// The cost of a plan, its parts in the order the planner lowers them.
    public struct Cost: Sendable, Equatable {
        public var collisions = 0
        public var confusions = 0
        public var sameShiftCells = 0

        public init(collisions: Int = 0, confusions: Int = 0, sameShiftCells: Int = 0) {
            self.collisions = collisions
            self.confusions = confusions
            self.sameShiftCells = sameShiftCells
        }
    }

    /// `relations`: source lists target (indices into `ids`), over `cells` of the source's best-server cells;
    /// `onOneMast`: pairs of sites on one mast (sectors of one site), grouped into masts of three at most.
    public init(ids: [String], relations: [(source: Int, target: Int, cells: Int)], onOneMast: [(Int, Int)]) {
        self.ids = ids
        var listed = Array(repeating: Set<Int>(), count: ids.count), listers = listed
        var weights = Array(repeating: [Int: Int](), count: ids.count)
        for (source, target, cells) in relations where source != target {
            listed[source].insert(target)
            listers[target].insert(source)
            weights[source][target, default: 0] += cells
            weights[target][source, default: 0] += cells
        }
        self.listed = listed.map { $0.sorted() }
        self.listers = listers.map { $0.sorted() }
        overlaps = weights.map { $0.map { (site: $0.key, cells: $0.value) }.sorted { $0.site < $1.site } }
        masts = Self.masts(count: ids.count, onOneMast: onOneMast)
    }

    /// The sites joined by `onOneMast`, each set in the order of the sites and cut into masts of three at most.
    private static func masts(count: Int, onOneMast: [(Int, Int)]) -> [[Int]] {
        var root = Array(0..<count)
        func find(_ site: Int) -> Int {
            var site = site
            while root[site] != site { (root[site], site) = (root[root[site]], root[site]) }
            return site
        }
        for (first, second) in onOneMast { root[find(first)] = find(second) }
        var members: [Int: [Int]] = [:]
        for site in 0..<count { members[find(site), default: []].append(site) }
        return members.values.sorted { $0[0] < $1[0] }.flatMap { sites in
            stride(from: 0, to: sites.count, by: 3).map { Array(sites[$0..<min($0 + 3, sites.count)]) }
        }
    }

    /// A PCI for each site, its mast's group from `groups` (0–167) times three plus its shift: the greedy groups, then
    /// masts in conflict moved one at a time to the group of fewest conflicts while any move lowers them.
    public func plan(groups: [Int], rounds: Int = 100) -> [Int] {
        let shifts = planShifts(rounds: rounds)
        var mastOf = Array(repeating: 0, count: ids.count)
        for (mast, sites) in masts.enumerated() { for site in sites { mastOf[site] = mast } }
        let degree = masts.map { mast in mast.reduce(0) { $0 + listed[$1].count + listers[$1].count } }
        let order = masts.indices.sorted { (degree[$0], -$0) > (degree[$1], -$1) }
        // Per group, the sites on their shift that the mast's sites must not share a PCI with there.
        let group = assignCodes(count: masts.count, order: order, codes: groups) { mast, group in
            var conflicts = [Int: Int]()
            for site in masts[mast] {
                for other in conflicting(site) where mastOf[other] != mast && group[mastOf[other]] >= 0 && shifts[other] == shifts[site] {
                    conflicts[group[mastOf[other]], default: 0] += 1
                }
            }
            return conflicts
        }
        return ids.indices.map { 3 * group[mastOf[$0]] + shifts[$0] }
    }

    /// The sites `site` must not share a PCI with, each as often as sharing it would count in `cost(of:in:)`: its
    /// neighbours either way (collisions), and the other neighbours of each site listing it (confusions).
    private func conflicting(_ site: Int) -> [Int] {
        overlaps[site].map(\.site) + listers[site].flatMap { listed[$0] }.filter { $0 != site }
    }

    /// Each site's shift: every mast's sectors on distinct shifts, moved one mast at a time to its cheapest permutation
    /// while any move lowers the cells on one shift, then `rounds` times a tenth of the masts moved at random from the
    /// best plan (from a fixed seed, so the same lists give the same plan) and the moves made again.
    private func planShifts(rounds: Int) -> [Int] {
        let options = masts.map { Self.permutations(of: $0.count) }
        var choice = Array(repeating: 0, count: masts.count), shifts = Array(repeating: 0, count: ids.count)
        func apply(_ mast: Int) {
            for (slot, site) in masts[mast].enumerated() { shifts[site] = options[mast][choice[mast]][slot] }
        }
        func descend() {
            var improved = true
            while improved {
                improved = false
                for mast in masts.indices {
                    let costs = options[mast].map { option in
                        zip(masts[mast], option).reduce(0) { total, pair in
                            total + overlaps[pair.0].reduce(0) { $0 + (!masts[mast].contains($1.site) && shifts[$1.site] == pair.1 ? $1.cells : 0) }
                        }
                    }
                    let cheapest = costs.indices.min { costs[$0] < costs[$1] }!
                    if costs[cheapest] < costs[choice[mast]] {
                        choice[mast] = cheapest
                        apply(mast)
                        improved = true
                    }
                }
            }
        }
        masts.indices.forEach(apply)
        descend()
        var best = (choice: choice, cells: sameShiftCells(shifts))
        var random = SplitMix(seed: 0x5048_5553_4F4E_4750)
        for _ in 0..<rounds where best.cells > 0 {
            choice = best.choice
            for _ in 0..<max(1, masts.count / 10) {
                let mast = random.below(masts.count)
                choice[mast] = random.below(options[mast].count)
            }
            masts.indices.forEach(apply)
            descend()
            let cells = sameShiftCells(shifts)
            if cells < best.cells { best = (choice, cells) }
        }
        choice = best.choice
        masts.indices.forEach(apply)
        return shifts
    }

    /// Every way to give `count` sectors (one to three) distinct shifts.
    private static func permutations(of count: Int) -> [[Int]] {
        let all = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
        return Array(Set(all.map { Array($0.prefix(count)) })).sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The cells of pairs of neighbours on one shift in `shifts` (or in PCIs, whose shift is the PCI mod 3).
    private func sameShiftCells(_ shifts: [Int]) -> Int {
        ids.indices.reduce(0) { total, site in
            total + overlaps[site].reduce(0) { $0 + ($1.site > site && shifts[$1.site] % 3 == shifts[site] % 3 ? $1.cells : 0) }
        }
    }

    /// The cost of `pci` (one per site).
    public func cost(of pci: [Int]) -> Cost {
        var cost = Cost(sameShiftCells: sameShiftCells(pci))
        for site in ids.indices {
            cost.collisions += overlaps[site].filter { $0.site > site && pci[$0.site] == pci[site] }.count
            let targets = listed[site]
            for (offset, first) in targets.enumerated() {
                cost.confusions += targets[(offset + 1)...].filter { pci[$0] == pci[first] }.count
            }
        }
        return cost
    }

    /// For `site` in `pci`: the neighbours sharing its PCI, the pairs of neighbours of a site listing it in which it
    /// shares the other's PCI, and the cells it overlaps neighbours on its shift in.
    public func cost(of site: Int, in pci: [Int]) -> Cost {
        Cost(
            collisions: overlaps[site].filter { pci[$0.site] == pci[site] }.count,
            confusions: listers[site].reduce(0) { total, lister in total + listed[lister].filter { $0 != site && pci[$0] == pci[site] }.count },
            sameShiftCells: overlaps[site].reduce(0) { $0 + (pci[$1.site] % 3 == pci[site] % 3 ? $1.cells : 0) }
        )
    }
}
