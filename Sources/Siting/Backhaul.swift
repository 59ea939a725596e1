extension CoverageInstance {
    /// Backhaul as a rule on the answer: each chosen candidate in `needingLink` must be joined, by `links` between chosen
    /// candidates (fixed ones always chosen), to a chosen candidate outside it — one with backhaul of its own, such as a
    /// site on the fibre. Candidates in neither have backhaul of their own and join nothing.
    public struct Backhaul: Sendable, Equatable {
        /// Indices of the candidates that need a chain of links to a candidate with backhaul of its own.
        public let needingLink: Set<Int>
        /// Pairs of candidates (indices) a link may join, e.g. a microwave hop that clears its Fresnel zone.
        public let links: [[Int]]

        public init(needingLink: Set<Int>, links: [[Int]]) {
            self.needingLink = needingLink
            self.links = links
        }

        /// Indices within `candidates`, links between two different ones, and no fixed site (on air already) needing one.
        func validate(_ candidates: [Candidate]) throws(SitingError) {
            if let wrong = needingLink.sorted().first(where: { !candidates.indices.contains($0) }) {
                throw SitingError("backhaul: candidate index \(wrong) is out of range (\(candidates.count) candidates)")
            }
            if let fixed = needingLink.sorted().first(where: { candidates[$0].fixed }) {
                throw SitingError("backhaul: fixed site '\(candidates[fixed].id)' is on air already and cannot need a link")
            }
            for (index, pair) in links.enumerated() {
                guard pair.count == 2, pair.allSatisfy(candidates.indices.contains), pair[0] != pair[1] else {
                    throw SitingError("backhaul: links[\(index)] needs two different candidates")
                }
            }
        }
    }
}

/// The backhaul rule on a reduced problem's candidates: which need a link, and the links between them (a link to a
/// fixed site gives backhaul, so a candidate with one needs none).
struct BackhaulLinks: Sendable {
    let needsLink: [Bool]
    let links: [[Int]]
    /// Whether any candidate needs a link (otherwise every check passes).
    let applies: Bool

    /// The rule of `instance` on its candidates `candidates` (indices; none fixed), links to others dropped.
    init(_ instance: CoverageInstance, candidates: [Int]) {
        var links = [[Int]](repeating: [], count: candidates.count), linkedToFixed = Set<Int>()
        let rule = instance.backhaul ?? .init(needingLink: [], links: [])
        let position = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($1, $0) })
        for pair in rule.links {
            switch (position[pair[0]], position[pair[1]]) {
            case let (a?, b?):
                links[a].append(b)
                links[b].append(a)
            case let (a?, nil) where instance.candidates[pair[1]].fixed: linkedToFixed.insert(a)
            case let (nil, b?) where instance.candidates[pair[0]].fixed: linkedToFixed.insert(b)
            default: break
            }
        }
        needsLink = candidates.indices.map { rule.needingLink.contains(candidates[$0]) && !linkedToFixed.contains($0) }
        self.links = links.map { Array(Set($0)).sorted() }  // a link given twice is one
        applies = needsLink.contains(true)
    }

    /// Whether `candidate`, if chosen now, is joined to backhaul: it needs no link, or it has a link to a chosen
    /// candidate (chosen ones are joined already).
    func joins(_ candidate: Int, chosen isChosen: [Bool]) -> Bool {
        !needsLink[candidate] || links[candidate].contains { isChosen[$0] }
    }

    /// Of the chosen candidates (`isChosen`, listed in `chosen`), those no chain of links between chosen candidates
    /// joins to one that needs none.
    func stranded(chosen isChosen: [Bool], _ chosen: [Int]) -> [Int] {
        guard applies else { return [] }
        var reached = [Bool](repeating: false, count: needsLink.count)
        var frontier = chosen.filter { !needsLink[$0] }
        for candidate in frontier { reached[candidate] = true }
        while let candidate = frontier.popLast() {
            for other in links[candidate] where isChosen[other] && !reached[other] {
                reached[other] = true
                frontier.append(other)
            }
        }
        return chosen.filter { !reached[$0] }
    }

    /// The candidates that some choice joins to backhaul: those needing no link and those a chain of links joins to one.
    func reachable() -> [Bool] {
        var reachable = [Bool](repeating: true, count: needsLink.count)
        for candidate in stranded(chosen: reachable, Array(reachable.indices)) { reachable[candidate] = false }
        return reachable
    }

    /// Whether the candidate is on a link or needs one (and so may be needed as a relay, or need one).
    func isLinked(_ candidate: Int) -> Bool { needsLink[candidate] || !links[candidate].isEmpty }
}
