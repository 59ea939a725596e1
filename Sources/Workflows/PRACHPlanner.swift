/// Gives 4G cells their PRACH root sequences from their neighbour lists: each cell the `rootsPerCell` logical root
/// sequences from its `rootSequenceIndex` on, in blocks of that many (so two cells' sequences are all alike or none).
/// Two neighbours on one carrier on one block take each other's handsets' preambles for their own (a collision), and
/// two such neighbours of one cell make a handset's preamble ambiguous there (a confusion). The plan has as few of both
/// (and, with a reuse distance, of sites nearer than it on one block) as it finds: the sites with most relations first,
/// each the block least used among those without a conflict, then sites in conflict moved while that lowers theirs.
/// A heuristic: it gives no bound on how far the plan lies from the best.
public struct PRACHPlanner: Sendable {
    /// The 4G sites' relations on one carrier.
    public let relations: NeighbourRelations
    public let cyclicShift: PRACHCyclicShift

    /// The 4G sites.
    public var ids: [String] { relations.ids }

    public init(_ relations: NeighbourRelations, cyclicShift: PRACHCyclicShift) {
        self.relations = relations
        self.cyclicShift = cyclicShift
    }

    /// Each site's `rootSequenceIndex`, the first of its block, from `blocks` (`PRACHCyclicShift.blocks(within:)`);
    /// sites in `kept` (index by site number, each the first of a block) keep theirs and the others are planned around them.
    public func plan(blocks: [Int], keeping kept: [Int: Int] = [:]) -> [Int] {
        let degree = ids.indices.map { relations.listed[$0].count + relations.listers[$0].count }
        let order = ids.indices.sorted { (degree[$0], -$0) > (degree[$1], -$1) }
        return assignCodes(count: ids.count, order: order, codes: blocks, fixed: kept, none: 0) { site, start in
            relations.conflicting(site).reduce(into: [Int: Int]()) { counts, other in if start[other] >= 0 { counts[start[other], default: 0] += 1 } }
        }
    }
}
