import Siting

/// Gives 4G cells physical cell identities from their neighbour lists: PCI = 3 × group + shift (0–503), the sectors of
/// a mast one group and distinct shifts. The shift (PCI mod 3) sets which subcarriers a cell's reference signals take,
/// so neighbours overlapping on one shift measure each other's reference signals at full power whatever the load. The
/// plan has, in this order, as few collisions (a cell and a neighbour on one PCI), confusions (two neighbours of a cell
/// on one PCI) and cells of neighbours on one shift as it finds, then as few neighbours on one PCI mod 30 (the group of
/// their uplink reference signals' sequences): shifts by moving one mast's permutation at a time, with random restarts
/// from a fixed seed, then groups greedily, the masts with most neighbours first, each the group least used among those
/// without a conflict, and masts left in conflict moved while that lowers their conflicts. A heuristic: it gives no
/// bound on how far the plan lies from the best.
public struct PCIPlanner: Sendable {
    /// The 4G sites' neighbour relations.
    public let relations: NeighbourRelations
    /// The masts: sites on one mast (co-site relations), at most three, which share a group.
    public let masts: [[Int]]

    /// The 4G sites.
    public var ids: [String] { relations.ids }

    /// The cost of a plan, its parts in the order the planner lowers them.
    public struct Cost: Sendable, Equatable {
        public var collisions = 0
        public var confusions = 0
        /// Pairs of sites within the reuse distance, not neighbours, on one PCI.
        public var reuseClashes = 0
        public var sameShiftCells = 0
        /// Neighbours on one PCI mod 30: their uplink reference signals (PUSCH, PUCCH, SRS) on one sequence group.
        public var sameMod30Neighbours = 0

        public init(collisions: Int = 0, confusions: Int = 0, reuseClashes: Int = 0, sameShiftCells: Int = 0, sameMod30Neighbours: Int = 0) {
            self.collisions = collisions
            self.confusions = confusions
            self.reuseClashes = reuseClashes
            self.sameShiftCells = sameShiftCells
            self.sameMod30Neighbours = sameMod30Neighbours
        }
    }

    public init(_ relations: NeighbourRelations) {
        self.relations = relations
        masts = relations.masts(size: 3)
    }

    /// `relations`: source lists target (indices into `ids`), over `cells` of the source's best-server cells;
    /// `onOneMast`: pairs of sites on one mast (sectors of one site), grouped into masts of three at most.
    public init(ids: [String], relations: [(source: Int, target: Int, cells: Int)], onOneMast: [(Int, Int)]) {
        self.init(NeighbourRelations(ids: ids, relations: relations, onOneMast: onOneMast))
    }

    /// A PCI for each site, its mast's group from `groups` (0–167) times three plus its shift: the greedy groups, then
    /// masts in conflict moved one at a time to the group of fewest conflicts while any move lowers them. Two PCIs on
    /// one shift share their value mod 30 when their groups do mod 10. Sites in `kept` (PCI by site number) keep theirs,
    /// and the other sectors of their masts take its group on the shifts left.
    public func plan(groups: [Int], rounds: Int = 100, keeping kept: [Int: Int] = [:]) -> [Int] {
        relations.codes(masts: masts, slots: planShifts(rounds: rounds, kept: kept), groupSize: 3, groups: groups, kept: kept) { $0 % 10 }
    }

    /// Each site's shift: every mast's sectors on distinct shifts, moved one mast at a time to its cheapest permutation
    /// while any move lowers the cells on one shift, then `rounds` times a tenth of the masts moved at random from the
    /// best plan (from a fixed seed, so the same lists give the same plan) and the moves made again. A mast with sites
    /// in `kept` takes only the permutations giving them their PCIs' shifts (any, when none does).
    private func planShifts(rounds: Int, kept: [Int: Int]) -> [Int] {
        let options = masts.map { mast in
            let all = Self.permutations(of: mast.count)
            let keeping = all.filter { option in zip(mast, option).allSatisfy { site, shift in kept[site].map { $0 % 3 == shift } ?? true } }
            return keeping.isEmpty ? all : keeping
        }
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
                            total + relations.overlaps[pair.0].reduce(0) { $0 + (!masts[mast].contains($1.site) && shifts[$1.site] == pair.1 ? $1.cells : 0) }
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
        relations.cellsSharing(shifts) { $0 % 3 }
    }

    /// The cost of `pci` (one per site).
    public func cost(of pci: [Int]) -> Cost {
        let clashes = relations.clashes(in: pci)
        return Cost(
            collisions: clashes.collisions, confusions: clashes.confusions, reuseClashes: clashes.reuse, sameShiftCells: sameShiftCells(pci),
            sameMod30Neighbours: relations.pairsSharing(pci) { $0 % 30 }
        )
    }

    /// For `site` in `pci`: the neighbours sharing its PCI, the pairs of neighbours of a site listing it in which it
    /// shares the other's PCI, the other sites within the reuse distance on its PCI, the cells it overlaps neighbours on its shift in, and its neighbours on its PCI mod 30.
    public func cost(of site: Int, in pci: [Int]) -> Cost {
        let clashes = relations.clashes(of: site, in: pci)
        return Cost(
            collisions: clashes.collisions, confusions: clashes.confusions, reuseClashes: clashes.reuse,
            sameShiftCells: relations.cellsSharing(pci, of: site) { $0 % 3 },
            sameMod30Neighbours: relations.pairsSharing(pci, of: site) { $0 % 30 }
        )
    }
}
