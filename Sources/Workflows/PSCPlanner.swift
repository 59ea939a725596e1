import Foundation

/// Gives 3G cells primary scrambling codes from their neighbour lists: PSC = 8 × group + index (0–511, 64 groups of
/// eight), the sectors of a mast (at most eight) one group on indices 0, 1, 2… in the order of their ids (numbers within
/// them by value: S2 before S10), as operators lay them out. 3G sites share one carrier, so the code alone tells a cell
/// apart: the plan has as few collisions (a cell and a neighbour on one code) and confusions (two neighbours of a cell
/// on one code) as it finds, groups given greedily, the masts with most relations first, and masts left in conflict
/// moved while that lowers their conflicts. A heuristic: it gives no bound on how far the plan lies from the best.
public struct PSCPlanner: Sendable {
    /// The 3G sites' neighbour relations.
    public let relations: NeighbourRelations
    /// The masts: sites on one mast (co-site relations), at most eight, which share a group.
    public let masts: [[Int]]

    /// The 3G sites.
    public var ids: [String] { relations.ids }

    public init(_ relations: NeighbourRelations) {
        self.relations = relations
        masts = relations.masts(size: 8)
    }

    /// A primary scrambling code for each site, its mast's group from `groups` (0–63) times eight plus its index on
    /// the mast. Sites in `kept` (code by site number) keep theirs, and the other sectors of their masts take its
    /// group on the indices left.
    public func plan(groups: [Int], keeping kept: [Int: Int] = [:]) -> [Int] {
        var indices = Array(repeating: 0, count: ids.count)
        for mast in masts {
            let byId = mast.sorted { ids[$0].compare(ids[$1], options: .numeric) == .orderedAscending }
            let taken = Set(mast.compactMap { kept[$0].map { $0 % 8 } })
            var free = (0..<8).filter { !taken.contains($0) }.makeIterator()
            for site in byId { indices[site] = kept[site].map { $0 % 8 } ?? free.next() ?? 0 }
        }
        return relations.codes(masts: masts, slots: indices, groupSize: 8, groups: groups, kept: kept)
    }
}
