/// Gives 4G cells their PRACH root sequences from their neighbour lists: each cell the `rootsPerCell` logical root
/// sequences of its cyclic shift from its `rootSequenceIndex` on, planned cells in blocks of that many from 0 (so two
/// planned cells of one shift share all their sequences or none), kept cells wherever they are. Two neighbours on one
/// carrier sharing a sequence take each other's handsets' preambles for their own (a collision), and two such
/// neighbours of one cell make a handset's preamble ambiguous there (a confusion). The plan has as few of both (and,
/// with a reuse distance, of sites nearer than it sharing a sequence) as it finds, collisions first — a neighbour takes
/// a handset's preamble for its own, where the two sites of a confusion lie a cell apart: the sites with most relations
/// first, each the block of fewest collisions, then fewest other clashes, then least used, then sites in conflict moved
/// while that lowers theirs. A heuristic: it gives no bound on how far the plan lies from the best.
public struct PRACHPlanner: Sendable {
    /// The 4G sites' relations on one carrier.
    public let relations: NeighbourRelations
    /// Per site, its cells' cyclic shift (each its own reach's, or one for all).
    public let shifts: [PRACHCyclicShift]

    /// The 4G sites.
    public var ids: [String] { relations.ids }

    /// A planner for sites of the cyclic shifts `shifts` (one per site of `relations`).
    public init(_ relations: NeighbourRelations, shifts: [PRACHCyclicShift]) {
        precondition(shifts.count == relations.ids.count, "one cyclic shift per site")
        self.relations = relations
        self.shifts = shifts
    }

    /// A planner for sites all of one cyclic shift.
    public init(_ relations: NeighbourRelations, cyclicShift: PRACHCyclicShift) {
        self.init(relations, shifts: Array(repeating: cyclicShift, count: relations.ids.count))
    }

    /// The logical root sequences `site` takes from `start` on, in TS 36.211's cyclic order (837, then 0).
    public func sequences(of site: Int, from start: Int) -> [Int] {
        (start..<(start + shifts[site].rootsPerCell)).map { $0 % PRACHCyclicShift.rootSequences }
    }

    /// Whether sites `a` and `b`, from their first sequences in `starts`, share a root sequence: either's first lies
    /// among the other's.
    func share(_ a: Int, _ b: Int, in starts: [Int]) -> Bool {
        let count = PRACHCyclicShift.rootSequences, ahead = (starts[b] - starts[a] + count) % count
        return ahead < shifts[a].rootsPerCell || (count - ahead) % count < shifts[b].rootsPerCell
    }

    /// How the root sequences from `starts` (one first sequence per site) clash: two sites clash where they share one.
    public func clashes(in starts: [Int]) -> NeighbourRelations.Clashes {
        relations.clashes { share($0, $1, in: starts) }
    }

    /// `site`'s clashes in `starts`, as `NeighbourRelations.clashes(of:in:)` counts them.
    public func clashes(of site: Int, in starts: [Int]) -> NeighbourRelations.Clashes {
        relations.clashes(of: site) { share($0, $1, in: starts) }
    }

    /// Each site's `rootSequenceIndex`, the first of one of its shift's blocks wholly within `roots` (logical indices;
    /// every site must have one: `sitesWithoutBlock(within:)`); sites in `kept` (index by site number) keep theirs —
    /// any index, as a network on air has them — and the others are planned around them.
    public func plan(roots: [Int], keeping kept: [Int: Int] = [:]) -> [Int] {
        let degree = ids.indices.map { relations.listed[$0].count + relations.listers[$0].count }
        let order = ids.indices.sorted { (degree[$0], -$0) > (degree[$1], -$1) }
        let blocks = blocksByConfiguration(within: roots)
        return assignCodes(
            count: ids.count, order: order, codes: { blocks[shifts[$0].configuration]! }, fixed: kept, none: PRACHConflicts(),
            conflicts: conflicts
        )
    }

    /// Per block of `site`'s shift, the clashes it would have there with the sequences from `start` (−1 for none yet).
    private func conflicts(of site: Int, in start: [Int]) -> [Int: PRACHConflicts] {
        let length = shifts[site].rootsPerCell
        var counts = [Int: PRACHConflicts]()
        func count(_ other: Int, as kind: WritableKeyPath<PRACHConflicts, Int>) {
            guard start[other] >= 0 else { return }
            // The blocks holding the other's sequences, each once (the sequences run on, so a block's come together).
            var last = -1
            for sequence in sequences(of: other, from: start[other]) where sequence / length * length != last {
                last = sequence / length * length
                counts[last, default: PRACHConflicts()][keyPath: kind] += 1
            }
        }
        for neighbour in relations.overlaps[site] { count(neighbour.site, as: \.collisions) }
        for other in relations.conflictingBeyondNeighbours(site) { count(other, as: \.others) }
        return counts
    }

    /// The sites whose shift has no block wholly within `roots`.
    public func sitesWithoutBlock(within roots: [Int]) -> [Int] {
        let blocks = blocksByConfiguration(within: roots)
        return ids.indices.filter { blocks[shifts[$0].configuration]!.isEmpty }
    }

    /// Per `zeroCorrelationZoneConfig` of the sites' shifts, its blocks wholly within `roots`.
    private func blocksByConfiguration(within roots: [Int]) -> [Int: [Int]] {
        Dictionary(uniqueKeysWithValues: Set(shifts.map(\.configuration)).map { ($0, PRACHCyclicShift(configuration: $0).blocks(within: roots)) })
    }
}

/// A block's clashes for a site, collisions before the others (confusions and reuse).
struct PRACHConflicts: Comparable {
    var collisions = 0
    var others = 0

    static func < (left: PRACHConflicts, right: PRACHConflicts) -> Bool {
        (left.collisions, left.others) < (right.collisions, right.others)
    }
}
