/// Gives each of `count` items a code from `codes`, as plans give cells their identities (BSICs, PCI groups): in
/// `order`, each the code it has fewest conflicts on, then the least used, then the lowest; then items in conflict
/// moved one at a time to the code of fewest while that lowers theirs. Items in `fixed` keep the code it gives them.
/// `conflicts(item, code)` gives, per code, the conflicts `item` would have on it with the codes given so far
/// (`code[i]`, −1 for none yet): counts, or anything that compares, with `none` for a code it does not list.
func assignCodes<Conflicts: Comparable>(
    count: Int, order: [Int], codes: [Int], fixed: [Int: Int] = [:], none: Conflicts, conflicts: (_ item: Int, _ code: [Int]) -> [Int: Conflicts]
) -> [Int] {
    assignCodes(count: count, order: order, codes: { _ in codes }, fixed: fixed, none: none, conflicts: conflicts)
}

/// `assignCodes` with each item's own codes, `codes(item)`.
func assignCodes<Conflicts: Comparable>(
    count: Int, order: [Int], codes: (_ item: Int) -> [Int], fixed: [Int: Int] = [:], none: Conflicts,
    conflicts: (_ item: Int, _ code: [Int]) -> [Int: Conflicts]
) -> [Int] {
    var code = Array(repeating: -1, count: count), uses = [Int: Int]()
    func give(_ item: Int, _ chosen: Int) {
        if code[item] >= 0 { uses[code[item], default: 0] -= 1 }
        uses[chosen, default: 0] += 1
        code[item] = chosen
    }
    for (item, kept) in fixed { give(item, kept) }
    for item in order where fixed[item] == nil {
        let counts = conflicts(item, code)
        give(item, codes(item).min { (counts[$0, default: none], uses[$0, default: 0], $0) < (counts[$1, default: none], uses[$1, default: 0], $1) }!)
    }
    var improved = true
    while improved {
        improved = false
        for item in 0..<count where fixed[item] == nil {
            let counts = conflicts(item, code), now = counts[code[item], default: none]
            guard now > none, let chosen = codes(item).min(by: { counts[$0, default: none] < counts[$1, default: none] }), counts[chosen, default: none] < now
            else { continue }
            give(item, chosen)
            improved = true
        }
    }
    return code
}
