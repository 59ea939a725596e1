import Coverage
import Siting

/// Gives 4G cells physical cell identities from their neighbour lists: PCI = 3 × group + shift (0–503), the sectors of
/// a mast one group and distinct shifts. The shift (PCI mod 3) sets which subcarriers a cell's reference signals take,
/// so neighbours overlapping on one shift measure each other's reference signals at full power whatever the load; a
/// cell of one antenna port takes half of its shift's subcarriers, by PCI mod 6, so two such cells meet only on one
/// PCI mod 6 (their groups alike mod 2). The plan has, in this order, as few collisions (a cell and a neighbour on one
/// PCI), confusions (two neighbours of a cell on one PCI) and cells of neighbours whose reference signals meet as it
/// finds, then as few neighbours on one PCI mod 30 (the group of their uplink reference signals' sequences): shifts by
/// moving one mast's permutation (and, for one-port sectors, its group's parity) at a time, with random restarts from a
/// fixed seed, then groups greedily, the masts with most neighbours first, each the group least used among those
/// without a conflict, and masts left in conflict moved while that lowers their conflicts. A heuristic: it gives no
/// bound on how far the plan lies from the best.
public struct PCIPlanner: Sendable {
    /// The 4G sites' neighbour relations.
    public let relations: NeighbourRelations
    /// The masts: sites on one mast (co-site relations), at most three, which share a group.
    public let masts: [[Int]]
    /// Per site, whether its cell sends on one antenna port (`tx_antennas` 1), its reference signals by PCI mod 6.
    public let onePort: [Bool]

    /// The 4G sites.
    public var ids: [String] { relations.ids }

    /// The cost of a plan, its parts in the order the planner lowers them (and compares them).
    public struct Cost: Sendable, Comparable {
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

        public static func < (left: Cost, right: Cost) -> Bool {
            (left.collisions, left.confusions, left.reuseClashes, left.sameShiftCells, left.sameMod30Neighbours)
                < (right.collisions, right.confusions, right.reuseClashes, right.sameShiftCells, right.sameMod30Neighbours)
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
    /// one shift share their value mod 30 when their groups do mod 10, and mod 6 when their groups do mod 2. With
    /// one-port sectors, two plans: one whose shifts were planned with their masts' parities, each such mast then
    /// preferring groups of its parity, and one whose shifts were not, its groups parted by parity as they come; the
    /// cheaper is kept (where groups are few, masts cannot keep the parities planned). Sites in `kept` (PCI by site
    /// number) keep theirs, and the other sectors of their masts take its group on the shifts left.
    public func plan(groups: [Int], rounds: Int = 100, keeping kept: [Int: Int] = [:]) -> [Int] {
        let plans = (onePort.contains(true) ? [true, false] : [false]).map { withParities in
            plan(groups: groups, rounds: rounds, kept: kept, parities: withParities)
        }
        return plans.min { cost(of: $0) < cost(of: $1) }!
    }

    /// A plan of `plan(groups:rounds:keeping:)`, its shifts planned with the parities of masts of one-port sectors or not.
    private func plan(groups: [Int], rounds: Int, kept: [Int: Int], parities: Bool) -> [Int] {
        let onePort = onePort, slots = planSlots(rounds: rounds, kept: kept, parities: parities)
        let parity = masts.map { mast in parities && mast.contains { onePort[$0] } ? slots[mast[0]] / 3 : nil }
        let lesser = [
            LesserConflict(key: { $0 % 2 }) { site, other, cells in onePort[site] && onePort[other] ? cells : 0 },
            LesserConflict(key: { $0 % 10 }) { _, _, _ in 1 },
        ]
        return relations.codes(
            masts: masts, slots: slots.map { $0 % 3 }, groupSize: 3, groups: groups, kept: kept, lesser: lesser,
            preferring: { mast in parity[mast].map { planned in { $0 % 2 == planned } } }
        )
    }

    /// Each site's slot, its shift plus 3 × its group's parity (its PCI mod 6; parity 0 without `parities` and on masts
    /// without one-port sectors, where it does not matter): every mast's sectors on distinct shifts, moved one mast at a
    /// time to its cheapest permutation and parity while any move lowers the cells of neighbours whose reference
    /// signals meet, then `rounds` times a tenth of the masts moved at random from the best plan (from a fixed seed, so
    /// the same lists give the same plan) and the moves made again. A mast with sites in `kept` takes only the options
    /// giving them their PCIs' shifts and parities (any, when none does).
    private func planSlots(rounds: Int, kept: [Int: Int], parities planParities: Bool) -> [Int] {
        let options = masts.map { mast in
            let parities = planParities && mast.contains { onePort[$0] } ? [0, 1] : [0]
            let all = parities.flatMap { parity in Self.permutations(of: mast.count).map { $0.map { $0 + 3 * parity } } }
            let keeping = all.filter { option in
                zip(mast, option).allSatisfy { site, slot in kept[site].map { $0 % 3 == slot % 3 && (parities.count == 1 || $0 / 3 % 2 == slot / 3) } ?? true }
            }
            return keeping.isEmpty ? all : keeping
        }
        let across = neighboursOnOtherMasts()
        var choice = Array(repeating: 0, count: masts.count), slots = Array(repeating: 0, count: ids.count)
        func apply(_ mast: Int) {
            for (sector, site) in masts[mast].enumerated() { slots[site] = options[mast][choice[mast]][sector] }
        }
        func descend() {
            var improved = true
            while improved {
                improved = false
                for mast in masts.indices {
                    // Per sector, the cells its neighbours' reference signals would meet it in on each slot; then
                    // each option's sum.
                    let onSlot = masts[mast].map { site in
                        across[site].reduce(into: [0, 0, 0, 0, 0, 0]) { cells, other in
                            let slot = slots[other.site]
                            if onePort[site] && onePort[other.site] {
                                cells[slot] += other.cells
                            } else {
                                cells[slot % 3] += other.cells
                                cells[slot % 3 + 3] += other.cells
                            }
                        }
                    }
                    let costs = options[mast].map { option in zip(onSlot, option).reduce(0) { $0 + $1.0[$1.1] } }
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
        /// The cells of pairs of neighbours whose reference signals meet.
        func meetingCells() -> Int {
            across.indices.reduce(0) { total, site in
                total + across[site].reduce(0) { $0 + (referenceSignalsMeet(site, $1.site, slots: slots[site], slots[$1.site]) ? $1.cells : 0) }
            } / 2
        }
        var best = (choice: choice, cells: meetingCells())
        var random = SplitMix(seed: 0x5048_5553_4F4E_4750)
        for _ in 0..<rounds where best.cells > 0 {
            choice = best.choice
            for _ in 0..<max(1, masts.count / 10) {
                let mast = random.below(masts.count)
                choice[mast] = random.below(options[mast].count)
            }
            masts.indices.forEach(apply)
            descend()
            let cells = meetingCells()
            if cells < best.cells { best = (choice, cells) }
        }
        choice = best.choice
        masts.indices.forEach(apply)
        return slots
    }

    /// Every way to give `count` sectors (one to three) distinct shifts.
    private static func permutations(of count: Int) -> [[Int]] {
        let all = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
        return Array(Set(all.map { Array($0.prefix(count)) })).sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Per site, its neighbours on other masts and the cells they overlap in.
    private func neighboursOnOtherMasts() -> [[(site: Int, cells: Int)]] {
        let mastOf = relations.mastNumbers(masts)
        return relations.overlaps.enumerated().map { site, overlaps in overlaps.filter { mastOf[$0.site] != mastOf[site] } }
    }

    /// Whether the reference signals of `site` and `other` meet on `pci`: one shift (PCI mod 3), and one PCI mod 6 if
    /// both have one antenna port. (A cell of two ports or more sends on both halves of its shift's subcarriers.)
    public func referenceSignalsMeet(_ site: Int, _ other: Int, in pci: [Int]) -> Bool {
        referenceSignalsMeet(site, other, slots: pci[site] % 6, pci[other] % 6)
    }

    /// The same for the two sites on slots (PCIs mod 6) `slot` and `otherSlot`.
    private func referenceSignalsMeet(_ site: Int, _ other: Int, slots slot: Int, _ otherSlot: Int) -> Bool {
        slot % 3 == otherSlot % 3 && (!(onePort[site] && onePort[other]) || slot == otherSlot)
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
