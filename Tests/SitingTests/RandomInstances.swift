import Siting
import TestSupport

/// Random siting instances: clustered demands, candidates with overlapping reach, optional groups (height
/// options of one location, or masts with two tenant slots), fixed sites on air, shared masts cheaper than greenfield ones, and optionally
/// exclusion pairs between candidates closer than `separation`, and optionally a minimum coverage of each quarter
/// of the square ("communes": `minimumShare` of its weight, or as much as all candidates reach if less), and optionally
/// backhaul: links between candidates closer than `linkRange`, and every fourth candidate on the fibre, the others
/// needing a chain of links to one (or to a fixed site). Each candidate reaches the demands within a radius drawn from
/// `reach`.
func randomInstance(
    seed: UInt64, candidates: Int, demands: Int, p: Int?, budget: Double?, groups: Bool, fixed: Int, separation: Double = 0,
    minimumShare: Double = 0, linkRange: Double = 0, reach: ClosedRange<Double> = 1.5...3.5
) throws -> CoverageInstance {
    var generator = SeededGenerator(seed: seed)
    let points = (0..<demands).map { _ in (Double.random(in: 0...10, using: &generator), Double.random(in: 0...10, using: &generator)) }
    let weights = (0..<demands).map { _ in Double(Int.random(in: 1...50, using: &generator)) }
    var list: [CoverageInstance.Candidate] = [], places: [(Double, Double)] = []
    for index in 0..<candidates {
        let x = Double.random(in: 0...10, using: &generator), y = Double.random(in: 0...10, using: &generator)
        places.append((x, y))
        let radius = Double.random(in: reach, using: &generator)
        let covers = points.indices.filter { (points[$0].0 - x) * (points[$0].0 - x) + (points[$0].1 - y) * (points[$0].1 - y) <= radius * radius }
        let shared = index % 3 == 0
        list.append(CoverageInstance.Candidate(
            id: "c\(index)", cost: index < fixed ? 0 : shared ? 25 : Double(Int.random(in: 60...120, using: &generator)), covers: covers,
            kind: index < fixed ? .existing : shared ? .shared : .greenfield,
            group: groups && index >= fixed ? "loc\(index / 3)" : nil, fixed: index < fixed
        ))
    }
    let exclusions = places.indices.flatMap { a in
        places.indices.filter { b in
            b > a && (places[a].0 - places[b].0) * (places[a].0 - places[b].0) + (places[a].1 - places[b].1) * (places[a].1 - places[b].1)
                < separation * separation && !(a < fixed && b < fixed)
        }.map { [a, $0] }
    }
    // Groups of three: a location's height options (room for one) or a mast with two free tenant slots.
    let capacities = Dictionary(uniqueKeysWithValues: Set(list.compactMap(\.group)).sorted().map { ($0, $0.hasSuffix("1") ? 2 : 1) })
    let reachable = Set(list.flatMap(\.covers))
    let minimums: [CoverageInstance.MinimumCoverage] = minimumShare <= 0 ? [] : (0..<4).map { quarter in
        let members = points.indices.filter { (points[$0].0 < 5 ? 0 : 1) + (points[$0].1 < 5 ? 0 : 2) == quarter }
        let total = members.reduce(0) { $0 + weights[$1] }, most = members.filter(reachable.contains).reduce(0) { $0 + weights[$1] }
        return CoverageInstance.MinimumCoverage(id: "quarter\(quarter)", demands: members, share: total > 0 ? min(minimumShare, most / total) : 0)
    }
    let links = places.indices.flatMap { a in
        places.indices.filter { b in
            b > a && (places[a].0 - places[b].0) * (places[a].0 - places[b].0) + (places[a].1 - places[b].1) * (places[a].1 - places[b].1)
                < linkRange * linkRange
        }.map { [a, $0] }
    }
    let backhaul = linkRange > 0
        ? CoverageInstance.Backhaul(needingLink: Set(list.indices.filter { !list[$0].fixed && $0 % 4 != 3 }), links: links) : nil
    return try CoverageInstance(
        name: "random-\(seed)", demands: weights, candidates: list, p: p, budget: budget, exclusions: exclusions,
        groupCapacity: capacities, minimumCoverage: minimums, backhaul: backhaul
    )
}

/// Whether every chosen candidate of `chosen` (indices, fixed sites among them) that needs a link is joined by links
/// between chosen candidates to one that needs none.
func keepsBackhaul(_ chosen: [Int], in instance: CoverageInstance) -> Bool {
    guard let backhaul = instance.backhaul else { return true }
    var reached = Set(chosen.filter { !backhaul.needingLink.contains($0) }), frontier = Array(reached)
    while let site = frontier.popLast() {
        for link in backhaul.links where link.contains(site) {
            let other = link[0] == site ? link[1] : link[0]
            if chosen.contains(other), reached.insert(other).inserted { frontier.append(other) }
        }
    }
    return reached.count == Set(chosen).count
}

/// Whether the fixed sites and `chosen` together meet every minimum coverage of `instance`.
func meetsMinimums(_ chosen: [Int], in instance: CoverageInstance) -> Bool {
    var covered = Set<Int>()
    for index in chosen { covered.formUnion(instance.candidates[index].covers) }
    return instance.minimumCoverage.allSatisfy { minimum in
        let total = minimum.demands.reduce(0) { $0 + instance.demands[$1] }
        return minimum.demands.filter(covered.contains).reduce(0) { $0 + instance.demands[$1] } >= minimum.share * total * (1 - 1e-12)
    }
}

/// The optimum by trying every feasible choice of the free candidates (≤ 20 of them); nil when none is feasible.
func bruteForceOptimum(_ instance: CoverageInstance) -> Double? {
    let free = instance.candidates.indices.filter { !instance.candidates[$0].fixed }
    let fixed = instance.candidates.indices.filter { instance.candidates[$0].fixed }
    precondition(free.count <= 20, "brute force is for small instances")
    var best: Double?
    for mask in 0..<(1 << free.count) {
        let chosen = free.indices.filter { mask & (1 << $0) != 0 }.map { free[$0] }
        if let p = instance.p, chosen.count > p { continue }
        let all = fixed + chosen
        if let budget = instance.budget, all.reduce(0, { $0 + instance.candidates[$1].cost }) > budget + 1e-9 { continue }
        let groups = Dictionary(grouping: all.compactMap { instance.candidates[$0].group }, by: { $0 })
        if groups.contains(where: { $0.value.count > instance.capacity(of: $0.key) }) { continue }
        if instance.exclusions.contains(where: { all.contains($0[0]) && all.contains($0[1]) }) { continue }
        guard meetsMinimums(all, in: instance), keepsBackhaul(all, in: instance) else { continue }
        var covered = Set<Int>()
        for index in all { covered.formUnion(instance.candidates[index].covers) }
        best = max(best ?? 0, covered.reduce(0) { $0 + instance.demands[$1] })
    }
    return best
}
