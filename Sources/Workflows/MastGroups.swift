/// How identity plans give masts their groups: the sectors of a mast share a group (of PCIs, of scrambling codes) and
/// take distinct slots in it (a PCI's shift, a code's index).
extension NeighbourRelations {
    /// The sites joined by the co-site pairs, each set in the order of the sites and cut into masts of `size` at most.
    func masts(size: Int) -> [[Int]] {
        connectedGroups(count: ids.count, pairs: onOneMast).flatMap { sites in
            stride(from: 0, to: sites.count, by: size).map { Array(sites[$0..<min($0 + size, sites.count)]) }
        }
    }

    /// Per site, the number of its mast in `masts`.
    func mastNumbers(_ masts: [[Int]]) -> [Int] {
        var mastOf = Array(repeating: 0, count: ids.count)
        for (mast, sites) in masts.enumerated() { for site in sites { mastOf[site] = mast } }
        return mastOf
    }

    /// `kept` (identity by site id) by site number, leaving out ids the relations do not hold.
    public func numbered(_ kept: [String: Int]) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: ids.enumerated().compactMap { site, id in kept[id].map { (site, $0) } })
    }

    /// Per site, `slot[site] + groupSize × group` with each mast's group from `groups`, or its `kept` identity (by
    /// site number; a mast with a kept site takes the group of its first): greedily, the masts with most relations
    /// first, each the group of fewest conflicts (with its sites' slots), then the least used; then masts in conflict
    /// moved one at a time to the group of fewest while that lowers their conflicts. Each of `lesser` (two at most)
    /// adds conflicts outweighed by any collision or confusion, the second by any of the first (`GroupConflicts`); a
    /// mast `preferring` gives a test of groups takes one failing it only to spare a collision or a confusion.
    func codes(
        masts: [[Int]], slots: [Int], groupSize: Int, groups: [Int], kept: [Int: Int] = [:], lesser: [LesserConflict] = [],
        preferring: (_ mast: Int) -> ((_ group: Int) -> Bool)? = { _ in nil }
    ) -> [Int] {
        let mastOf = mastNumbers(masts)
        let degree = masts.map { mast in mast.reduce(0) { $0 + listed[$1].count + listers[$1].count } }
        let order = masts.indices.sorted { (degree[$0], -$0) > (degree[$1], -$1) }
        let fixed = Dictionary(uniqueKeysWithValues: masts.enumerated().compactMap { mast, sites in
            sites.lazy.compactMap { kept[$0] }.first.map { (mast, $0 / groupSize) }
        })
        precondition(lesser.count <= 2, "identity plans weigh two lesser kinds of conflict at most")
        let alike = lesser.map { conflict in Dictionary(grouping: groups, by: conflict.key) }
        let group = assignCodes(count: masts.count, order: order, codes: groups, fixed: fixed, none: GroupConflicts()) { mast, group in
            /// `other`'s identity, if it has one yet.
            func code(_ other: Int) -> Int? {
                kept[other] ?? (group[mastOf[other]] >= 0 ? groupSize * group[mastOf[other]] + slots[other] : nil)
            }
            var conflicts = [Int: GroupConflicts]()
            if let prefers = preferring(mast) {
                for other in groups where !prefers(other) { conflicts[other, default: GroupConflicts()].lesser[0] += Self.unpreferred }
            }
            for site in masts[mast] {
                for other in conflicting(site) where mastOf[other] != mast {
                    if let code = code(other), code % groupSize == slots[site] { conflicts[code / groupSize, default: GroupConflicts()].clashes += 1 }
                }
                for (other, cells) in overlaps[site] where mastOf[other] != mast {
                    guard let code = code(other), code % groupSize == slots[site] else { continue }
                    for (index, conflict) in lesser.enumerated() {
                        let weight = conflict.weight(site, other, cells)
                        guard weight > 0 else { continue }
                        for candidate in alike[index][conflict.key(code / groupSize)] ?? [] { conflicts[candidate, default: GroupConflicts()].lesser[index] += weight }
                    }
                }
            }
            return conflicts
        }
        return ids.indices.map { kept[$0] ?? groupSize * group[mastOf[$0]] + slots[$0] }
    }
}

extension NeighbourRelations {
    /// What a group a mast does not prefer adds to the first lesser conflicts: more than any sum of cells.
    fileprivate static let unpreferred = 1 << 50
}

/// A conflict of identity plans weaker than a collision or a confusion: a neighbour on the same slot whose group has
/// the same `key` as the group a site would take, weighing `weight(site, neighbour, cells they overlap in)` (0: none).
struct LesserConflict {
    let key: (Int) -> Int
    let weight: (_ site: Int, _ other: Int, _ cells: Int) -> Int
}

/// A mast's conflicts on a group, compared in order: collisions and confusions, then each kind of lesser conflict.
struct GroupConflicts: Comparable {
    var clashes = 0
    var lesser = SIMD2<Int>.zero

    static func < (left: GroupConflicts, right: GroupConflicts) -> Bool {
        (left.clashes, left.lesser[0], left.lesser[1]) < (right.clashes, right.lesser[0], right.lesser[1])
    }
}
