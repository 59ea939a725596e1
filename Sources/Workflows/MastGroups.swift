/// How identity plans give masts their groups: the sectors of a mast share a group (of PCIs, of scrambling codes) and
/// take distinct slots in it (a PCI's shift, a code's index).
extension NeighbourRelations {
    /// The sites joined by the co-site pairs, each set in the order of the sites and cut into masts of `size` at most.
    func masts(size: Int) -> [[Int]] {
        connectedGroups(count: ids.count, pairs: onOneMast).flatMap { sites in
            stride(from: 0, to: sites.count, by: size).map { Array(sites[$0..<min($0 + size, sites.count)]) }
        }
    }

    /// `kept` (identity by site id) by site number, leaving out ids the relations do not hold.
    public func numbered(_ kept: [String: Int]) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: ids.enumerated().compactMap { site, id in kept[id].map { (site, $0) } })
    }

    /// Per site, `slot[site] + groupSize × group` with each mast's group from `groups`, or its `kept` identity (by
    /// site number; a mast with a kept site takes the group of its first): greedily, the masts with most relations
    /// first, each the group of fewest conflicts (with its sites' slots), then the least used; then masts in conflict
    /// moved one at a time to the group of fewest while that lowers their conflicts. With `lesser`, a neighbour on the
    /// same slot in a group of the same `lesser(group)` is a conflict too, outweighed by any other.
    func codes(
        masts: [[Int]], slots: [Int], groupSize: Int, groups: [Int], kept: [Int: Int] = [:], lesser: ((Int) -> Int)? = nil
    ) -> [Int] {
        var mastOf = Array(repeating: 0, count: ids.count)
        for (mast, sites) in masts.enumerated() { for site in sites { mastOf[site] = mast } }
        let degree = masts.map { mast in mast.reduce(0) { $0 + listed[$1].count + listers[$1].count } }
        let order = masts.indices.sorted { (degree[$0], -$0) > (degree[$1], -$1) }
        let fixed = Dictionary(uniqueKeysWithValues: masts.enumerated().compactMap { mast, sites in
            sites.lazy.compactMap { kept[$0] }.first.map { (mast, $0 / groupSize) }
        })
        let alike = lesser.map { key in Dictionary(grouping: groups, by: key) } ?? [:]
        let group = assignCodes(count: masts.count, order: order, codes: groups, fixed: fixed) { mast, group in
            /// `other`'s identity, if it has one yet.
            func code(_ other: Int) -> Int? {
                kept[other] ?? (group[mastOf[other]] >= 0 ? groupSize * group[mastOf[other]] + slots[other] : nil)
            }
            var conflicts = [Int: Int]()
            for site in masts[mast] {
                for other in conflicting(site) where mastOf[other] != mast {
                    if let code = code(other), code % groupSize == slots[site] { conflicts[code / groupSize, default: 0] += Self.clashWeight }
                }
                guard let lesser else { continue }
                for (other, _) in overlaps[site] where mastOf[other] != mast {
                    guard let code = code(other), code % groupSize == slots[site] else { continue }
                    for candidate in alike[lesser(code / groupSize)] ?? [] { conflicts[candidate, default: 0] += 1 }
                }
            }
            return conflicts
        }
        return ids.indices.map { kept[$0] ?? groupSize * group[mastOf[$0]] + slots[$0] }
    }

    /// What a collision or confusion weighs against a lesser conflict in `codes(masts:slots:groupSize:groups:kept:lesser:)`.
    private static let clashWeight = 1 << 20
}
