/// A coverage instance reduced for solving: demands that fixed sites already cover are counted once and
/// removed, demands no candidate covers are dropped, demands with the same set of candidates are merged
/// (weights added), and candidates that another candidate dominates, or that no choice joins to backhaul where the
/// instance asks for it, are removed.
struct SitingProblem: Sendable {
    /// The chosen-candidates' indices into the instance.
    let candidateIDs: [Int]
    /// Weight of each merged demand.
    let weights: [Double]
    /// Candidate → merged demands it covers (CSR).
    let coverStart: [Int]
    let coverDemands: [Int32]
    /// Merged demand → candidates covering it (CSR).
    let demandStart: [Int]
    let demandCandidates: [Int32]
    let costs: [Double]
    /// Group number of each candidate, −1 for none.
    let groups: [Int]
    /// Candidates each candidate may not be chosen with.
    let conflicts: [[Int]]
    let groupCount: Int
    /// Candidates each group may still take (its capacity less the fixed sites in it).
    let groupRoom: [Int]
    /// Weight the fixed sites cover, and their cost and groups.
    let fixedWeight: Double
    let fixedIndices: [Int]
    let fixedCost: Double
    /// Most new sites, and the budget left after the fixed sites.
    let p: Int
    let budget: Double
    /// True when every demand weight is a whole number (so is every objective value).
    let integralWeights: Bool
    /// Which candidates need a chain of links to backhaul, and the links.
    let backhaul: BackhaulLinks
    /// Minimum coverage still to meet beyond the fixed sites' part: the weight needed, and the merged demands
    /// counting towards it with their weights in it.
    let minimums: [(needed: Double, members: [(demand: Int, weight: Double)])]
    /// Merged demand → (minimum, weight of the demand in it).
    let minimumsOf: [[(minimum: Int, weight: Double)]]

    var candidateCount: Int { costs.count }
    /// The weight of all demands that candidates can cover.
    let totalWeight: Double
    var demandCount: Int { weights.count }

    /// A bound on the covered weight made as tight as the weights allow: with whole-number weights the optimum
    /// is whole too, so it rounds down.
    func validBound(_ value: Double) -> Double {
        integralWeights ? (value + 1e-6 * max(1, value)).rounded(.down) : value
    }

    /// Whether `bound` proves the answer covering `covered` within the relative `gap` of the whole objective
    /// (the fixed sites' weight included, as the reported gap is).
    func gapClosed(bound: Double, covered: Double, gap: Double) -> Bool {
        bound - covered <= gap * max(bound + fixedWeight, 1e-12)
    }

    func covers(_ candidate: Int) -> ArraySlice<Int32> { coverDemands[coverStart[candidate]..<coverStart[candidate + 1]] }
    func coverers(_ demand: Int) -> ArraySlice<Int32> { demandCandidates[demandStart[demand]..<demandStart[demand + 1]] }

    init(_ instance: CoverageInstance) {
        let fixed = instance.candidates.indices.filter { instance.candidates[$0].fixed }
        var coveredByFixed = [Bool](repeating: false, count: instance.demands.count)
        for index in fixed { for demand in instance.candidates[index].covers { coveredByFixed[demand] = true } }
        let fixedCost = fixed.reduce(0) { $0 + instance.candidates[$1].cost }
        let budget = instance.budget.map { $0 - fixedCost } ?? .infinity
        // Free candidates that fit the budget, in groups the fixed sites leave room in…
        var room: [String: Int] = [:]
        for group in Set(instance.candidates.compactMap(\.group)) { room[group] = instance.capacity(of: group) }
        for index in fixed { if let group = instance.candidates[index].group { room[group, default: 0] -= 1 } }
        // …and not excluded by a fixed site.
        let excludedByFixed = Set(instance.exclusions.flatMap { pair in
            pair.filter { !instance.candidates[$0].fixed && pair.contains { instance.candidates[$0].fixed } }
        })
        let allowed = instance.candidates.indices.filter { index in
            let candidate = instance.candidates[index]
            return !candidate.fixed && candidate.cost <= budget + 1e-9 && (candidate.group.map { room[$0]! > 0 } ?? true)
                && !excludedByFixed.contains(index)
        }
        // …that some choice of the others joins to backhaul.
        let free = zip(allowed, BackhaulLinks(instance, candidates: allowed).reachable()).filter(\.1).map(\.0)
        let linked = BackhaulLinks(instance, candidates: free)
        let excluding = Set(instance.exclusions.flatMap { $0 })
        var covers = free.map { index in
            instance.candidates[index].covers.filter { !coveredByFixed[$0] && instance.demands[$0] > 0 }.map { Int32($0) }
        }
        var weights = instance.demands, renumber: [Int32]
        (weights, covers, renumber) = Self.merged(weights: weights, covers: covers)
        let kept = Self.undominated(
            covers: covers, costs: free.map { instance.candidates[$0].cost }, groups: free.map { instance.candidates[$0].group },
            protected: free.indices.map { excluding.contains(free[$0]) || linked.isLinked($0) }
        )
        let firstRenumber = renumber
        (weights, covers, renumber) = Self.merged(weights: weights, covers: kept.map { covers[$0] })
        let mergedDemand = firstRenumber.map { $0 < 0 ? -1 : Int(renumber[Int($0)]) }

        var groupNumbers: [String: Int] = [:]
        groups = kept.map { position in
            guard let name = instance.candidates[free[position]].group else { return -1 }
            if let number = groupNumbers[name] { return number }
            groupNumbers[name] = groupNumbers.count
            return groupNumbers.count - 1
        }
        groupCount = groupNumbers.count
        var groupRoom = [Int](repeating: 0, count: groupNumbers.count)
        for (name, number) in groupNumbers { groupRoom[number] = room[name]! }
        self.groupRoom = groupRoom
        candidateIDs = kept.map { free[$0] }
        backhaul = BackhaulLinks(instance, candidates: candidateIDs)
        let position = Dictionary(uniqueKeysWithValues: candidateIDs.enumerated().map { ($1, $0) })
        var conflicts = [[Int]](repeating: [], count: kept.count)
        for pair in instance.exclusions {
            guard let a = position[pair[0]], let b = position[pair[1]] else { continue }
            conflicts[a].append(b)
            conflicts[b].append(a)
        }
        self.conflicts = conflicts
        costs = kept.map { instance.candidates[free[$0]].cost }
        self.weights = weights
        totalWeight = weights.reduce(0, +)
        (coverStart, coverDemands) = Self.compressed(covers)
        (demandStart, demandCandidates) = Self.compressed(Self.transposed(covers, count: weights.count))
        fixedIndices = fixed
        fixedWeight = instance.demands.indices.reduce(0) { $0 + (coveredByFixed[$1] ? instance.demands[$1] : 0) }
        self.fixedCost = fixedCost
        p = instance.p ?? Int.max
        self.budget = budget
        integralWeights = instance.demands.allSatisfy { $0 == $0.rounded() }
        (minimums, minimumsOf) = Self.minimums(instance, coveredByFixed: coveredByFixed, mergedDemand: mergedDemand, count: weights.count)
    }

    /// The minimum coverage left to meet once the fixed sites count, on the merged demands (the ones the fixed
    /// sites meet dropped).
    private static func minimums(
        _ instance: CoverageInstance, coveredByFixed: [Bool], mergedDemand: [Int], count: Int
    ) -> ([(needed: Double, members: [(demand: Int, weight: Double)])], [[(minimum: Int, weight: Double)]]) {
        var minimums: [(needed: Double, members: [(demand: Int, weight: Double)])] = []
        var minimumsOf = [[(minimum: Int, weight: Double)]](repeating: [], count: count)
        for minimum in instance.minimumCoverage {
            let fixedPart = minimum.demands.reduce(0) { $0 + (coveredByFixed[$1] ? instance.demands[$1] : 0) }
            let needed = minimum.needed(of: instance.demands) - fixedPart
            guard needed > 1e-9 * max(1, fixedPart) else { continue }
            var members: [Int: Double] = [:]
            for demand in minimum.demands where mergedDemand[demand] >= 0 { members[mergedDemand[demand], default: 0] += instance.demands[demand] }
            let sorted = members.sorted { $0.key < $1.key }.map { (demand: $0.key, weight: $0.value) }
            for member in sorted { minimumsOf[member.demand].append((minimums.count, member.weight)) }
            minimums.append((needed, sorted))
        }
        return (minimums, minimumsOf)
    }

    /// Demands renumbered so that those with the same set of candidates are one (weights added) and demands
    /// no candidate covers are gone; `covers` are rewritten in the new numbers, and `renumber` maps each old
    /// demand to its new one (−1: gone).
    private static func merged(weights: [Double], covers: [[Int32]]) -> (weights: [Double], covers: [[Int32]], renumber: [Int32]) {
        let sets = transposed(covers, count: weights.count).map(CandidateSet.init)
        var slots: [CandidateSet: Int] = [:], mergedWeights: [Double] = [], renumber = [Int32](repeating: -1, count: weights.count)
        for demand in weights.indices where !sets[demand].members.isEmpty {
            if let slot = slots[sets[demand]] {
                mergedWeights[slot] += weights[demand]
                renumber[demand] = Int32(slot)
            } else {
                slots[sets[demand]] = mergedWeights.count
                renumber[demand] = Int32(mergedWeights.count)
                mergedWeights.append(weights[demand])
            }
        }
        return (mergedWeights, covers.map { list in sortedUnique(list.map { renumber[Int($0)] }) }, renumber)
    }

    /// The candidates covering one demand, as a dictionary key hashed once, by FNV-1a over the members, instead of
    /// through the standard hasher member by member at every lookup.
    private struct CandidateSet: Hashable {
        let members: [Int32]
        let digest: UInt64

        init(_ members: [Int32]) {
            self.members = members
            digest = members.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64(UInt32(bitPattern: $1))) &* 0x100_0000_01b3 }
        }

        func hash(into hasher: inout Hasher) { hasher.combine(digest) }
        static func == (a: Self, b: Self) -> Bool { a.digest == b.digest && a.members == b.members }
    }

    /// Indices of the candidates to keep: one covering nothing, or a subset of another's demands at no lower
    /// cost in the same group (or both in none), can never do better than that other one. Candidates in an
    /// exclusion pair or on a backhaul link (`protected`) neither go nor stand in for others.
    private static func undominated(covers: [[Int32]], costs: [Double], groups: [String?], protected: [Bool]) -> [Int] {
        let coverers = transposed(covers, count: (covers.flatMap { $0 }.max().map { Int($0) + 1 }) ?? 0)
        var keep = [Bool](repeating: true, count: covers.count)
        for a in covers.indices where !protected[a] {
            guard let first = covers[a].first else {
                keep[a] = false
                continue
            }
            for value in coverers[Int(first)] {
                let b = Int(value)
                guard b != a, keep[b], !protected[b], groups[a] == groups[b], costs[b] <= costs[a], covers[b].count >= covers[a].count else {
                    continue
                }
                // Of two equal candidates, keep the first.
                if covers[b].count == covers[a].count, costs[b] == costs[a], b > a { continue }
                if isSubset(covers[a], of: covers[b]) {
                    keep[a] = false
                    break
                }
            }
        }
        return covers.indices.filter { keep[$0] }
    }

    /// Whether every element of sorted `small` is in sorted `large` (one merge pass).
    private static func isSubset(_ small: [Int32], of large: [Int32]) -> Bool {
        var j = 0
        for item in small {
            while j < large.count, large[j] < item { j += 1 }
            guard j < large.count, large[j] == item else { return false }
            j += 1
        }
        return true
    }

    private static func sortedUnique(_ items: [Int32]) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(items.count)
        for item in items.sorted() where result.last != item { result.append(item) }
        return result
    }

    private static func transposed(_ lists: [[Int32]], count: Int) -> [[Int32]] {
        var result = [[Int32]](repeating: [], count: count)
        for (owner, list) in lists.enumerated() { for item in list { result[Int(item)].append(Int32(owner)) } }
        return result
    }

    private static func compressed(_ lists: [[Int32]]) -> (start: [Int], items: [Int32]) {
        var start = [0], items: [Int32] = []
        start.reserveCapacity(lists.count + 1)
        for list in lists {
            items += list
            start.append(items.count)
        }
        return (start, items)
    }
}
