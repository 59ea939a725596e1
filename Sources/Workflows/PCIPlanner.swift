import Coverage
import Siting

/// Gives 4G cells physical cell identities from their neighbour lists: PCI = 3 × group + shift (0–503), the sectors of
/// a mast one group and distinct shifts. The shift (PCI mod 3) sets which subcarriers a cell's reference signals take,
/// so neighbours overlapping on one shift measure each other's reference signals at full power whatever the load; a
/// cell of one antenna port takes half of its shift's subcarriers, by PCI mod 6, so two such cells meet only on one
/// PCI mod 6 (their groups alike mod 2). The plan has, in this order, as few collisions (a cell and a neighbour on one
/// PCI), confusions (two neighbours of a cell on one PCI) and cells of neighbours whose reference signals meet as it
/// finds, then as few neighbours on one PCI mod 30 (the group of their uplink reference signals' sequences): shifts by
/// moving one mast's permutation at a time (two one-port cells on one shift counting half, as their groups may yet
/// part them), with random restarts from a fixed seed, then groups greedily, the masts with most neighbours first, each
/// the group least used among those without a conflict, and masts left in conflict moved while that lowers their
/// conflicts. A heuristic: it gives no bound on how far the plan lies from the best.
public struct PCIPlanner: Sendable {
    /// The 4G sites' neighbour relations.
    public let relations: NeighbourRelations
    /// The masts: sites on one mast (co-site relations), at most three, which share a group.
    public let masts: [[Int]]
    /// Per site, whether its cell sends on one antenna port (`tx_antennas` 1), its reference signals by PCI mod 6.
    public let onePort: [Bool]

    /// The 4G sites.
    public var ids: [String] { relations.ids }

    /// The cost of a plan, its parts in the order the planner lowers them.
    public struct Cost: Sendable, Equatable {
        public var collisions = 0
        public var confusions = 0
        /// Pairs of sites within the reuse distance, not neighbours, on one PCI.
        public var reuseClashes = 0
        /// Cells of pairs of neighbours whose reference signals meet (`referenceSignalsMeet`).
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

    /// `transmitAntennas`: per site (in the order of the relations' `ids`) its antenna ports (`tx_antennas`); without
    /// them every site has `Site.defaultTransmitAntennas`.
    public init(_ relations: NeighbourRelations, transmitAntennas: [Int]? = nil) {
        self.relations = relations
        masts = relations.masts(size: 3)
        onePort = (transmitAntennas ?? relations.ids.map { _ in Site.defaultTransmitAntennas }).map { $0 == 1 }
    }

    /// `relations`: source lists target (indices into `ids`), over `cells` of the source's best-server cells;
    /// `onOneMast`: pairs of sites on one mast (sectors of one site), grouped into masts of three at most.
    public init(
        ids: [String], relations: [(source: Int, target: Int, cells: Int)], onOneMast: [(Int, Int)], transmitAntennas: [Int]? = nil
    ) {
        self.init(NeighbourRelations(ids: ids, relations: relations, onOneMast: onOneMast), transmitAntennas: transmitAntennas)
    }

    /// A PCI for each site, its mast's group from `groups` (0–167) times three plus its shift: the greedy groups, then
    /// masts in conflict moved one at a time to the group of fewest conflicts while any move lowers them. Two PCIs on
    /// one shift share their value mod 30 when their groups do mod 10, and mod 6 when their groups do mod 2. Sites in
    /// `kept` (PCI by site number) keep theirs, and the other sectors of their masts take its group on the shifts left.
    public func plan(groups: [Int], rounds: Int = 100, keeping kept: [Int: Int] = [:]) -> [Int] {
        let onePort = onePort
        let lesser = [
            LesserConflict(key: { $0 % 2 }) { site, other, cells in onePort[site] && onePort[other] ? cells : 0 },
            LesserConflict(key: { $0 % 10 }) { _, _, _ in 1 },
        ]
        return relations.codes(masts: masts, slots: planShifts(rounds: rounds, kept: kept), groupSize: 3, groups: groups, kept: kept, lesser: lesser)
    }

    /// Each site's shift: every mast's sectors on distinct shifts, moved one mast at a time to its cheapest permutation
    /// while any move lowers the cells on one shift (weighed by `neighboursOnOtherMasts`), then `rounds` times a tenth
    /// of the masts moved at random from the best plan (from a fixed seed, so the same lists give the same plan) and the
    /// moves made again. A mast with sites in `kept` takes only the permutations giving them their PCIs' shifts (any,
    /// when none does).
    private func planShifts(rounds: Int, kept: [Int: Int]) -> [Int] {
        let options = masts.map { mast in
            let all = Self.permutations(of: mast.count)
            let keeping = all.filter { option in zip(mast, option).allSatisfy { site, shift in kept[site].map { $0 % 3 == shift } ?? true } }
            return keeping.isEmpty ? all : keeping
        }
        let across = neighboursOnOtherMasts()
        var choice = Array(repeating: 0, count: masts.count), shifts = Array(repeating: 0, count: ids.count)
        func apply(_ mast: Int) {
            for (slot, site) in masts[mast].enumerated() { shifts[site] = options[mast][choice[mast]][slot] }
        }
        func descend() {
            var improved = true
            while improved {
                improved = false
                for mast in masts.indices {
                    // Per sector, the weight of its neighbours on each shift; then each permutation's sum.
                    let onShift = masts[mast].map { site in
                        across[site].reduce(into: [0, 0, 0]) { weights, other in weights[shifts[other.site]] += other.weight }
                    }
                    let costs = options[mast].map { option in zip(onShift, option).reduce(0) { $0 + $1.0[$1.1] } }
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
        /// The cells of pairs of neighbours on one shift, weighed.
        func weightedCells() -> Int {
            across.indices.reduce(0) { total, site in total + across[site].reduce(0) { $0 + (shifts[$1.site] == shifts[site] ? $1.weight : 0) } } / 2
        }
        var best = (choice: choice, cells: weightedCells())
        var random = SplitMix(seed: 0x5048_5553_4F4E_4750)
        for _ in 0..<rounds where best.cells > 0 {
            choice = best.choice
            for _ in 0..<max(1, masts.count / 10) {
                let mast = random.below(masts.count)
                choice[mast] = random.below(options[mast].count)
            }
            masts.indices.forEach(apply)
            descend()
            let cells = weightedCells()
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

    /// Per site, its neighbours on other masts and what their cells weigh as shifts are planned: twice the cells, or
    /// once if both have one antenna port (their groups part them half the time).
    private func neighboursOnOtherMasts() -> [[(site: Int, weight: Int)]] {
        let mastOf = relations.mastNumbers(masts)
        return relations.overlaps.enumerated().map { site, overlaps in
            overlaps.filter { mastOf[$0.site] != mastOf[site] }.map { ($0.site, (onePort[site] && onePort[$0.site] ? 1 : 2) * $0.cells) }
        }
    }

    /// Whether the reference signals of `site` and `other` meet on `pci`: one shift (PCI mod 3), and one PCI mod 6 if
    /// both have one antenna port. (A cell of two ports or more sends on both halves of its shift's subcarriers.)
    public func referenceSignalsMeet(_ site: Int, _ other: Int, in pci: [Int]) -> Bool {
        pci[site] % 3 == pci[other] % 3 && (!(onePort[site] && onePort[other]) || pci[site] % 6 == pci[other] % 6)
    }

    /// The cost of `pci` (one per site).
    public func cost(of pci: [Int]) -> Cost {
        let clashes = relations.clashes(in: pci)
        return Cost(
            collisions: clashes.collisions, confusions: clashes.confusions, reuseClashes: clashes.reuse,
            sameShiftCells: relations.neighbours { referenceSignalsMeet($0, $1, in: pci) }.cells,
            sameMod30Neighbours: relations.neighbours { pci[$0] % 30 == pci[$1] % 30 }.pairs
        )
    }

    /// For `site` in `pci`: the neighbours sharing its PCI, the pairs of neighbours of a site listing it in which it
    /// shares the other's PCI, the other sites within the reuse distance on its PCI, the cells it overlaps neighbours on its shift in, and its neighbours on its PCI mod 30.
    public func cost(of site: Int, in pci: [Int]) -> Cost {
        let clashes = relations.clashes(of: site, in: pci)
        return Cost(
            collisions: clashes.collisions, confusions: clashes.confusions, reuseClashes: clashes.reuse,
            sameShiftCells: relations.neighbours(of: site) { referenceSignalsMeet($0, $1, in: pci) }.cells,
            sameMod30Neighbours: relations.neighbours(of: site) { pci[$0] % 30 == pci[$1] % 30 }.pairs
        )
    }
}
