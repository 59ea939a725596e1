import Coverage
import Siting

/// How a plan's chosen site reaches the fibre.
enum FibreRoute: Equatable {
    /// Not known: the site has no row in the reach file (by id or mast), or the file no `working_hops`.
    case unknown
    /// No chain of working hops over the built sites joins it to a hub.
    case unreached
    /// The sites after it on a chain of fewest hops, the hub last (none for a hub).
    case through([String])

    var reachesFibre: Bool? {
        switch self {
        case .unknown: nil
        case .unreached: false
        case .through: true
        }
    }

    var sites: [String]? {
        if case .through(let sites) = self { sites } else { nil }
    }
}

extension BackhaulChains {
    /// For each of `chosen` (a plan's chosen sites among `candidates`), its route to a hub over working hops between the
    /// chosen sites and the file's sites that are no candidate (relays and masts outside the plan, standing anyway) — a
    /// candidate left out is not built.
    func routesToFibre(chosen: [Site], candidates: [Site]) -> [FibreRoute] {
        let rows = chosen.map { row(of: $0) }
        guard let routes = routesToFibre(built: standing(candidates: candidates).union(rows.compactMap { $0 })) else {
            return rows.map { _ in .unknown }
        }
        return rows.map { row in row.map { routes[$0].map(FibreRoute.through) ?? .unreached } ?? .unknown }
    }

    /// The rows standing whatever the plan chooses: the file's sites that are no candidate, and `onAir`.
    private func standing(candidates: [Site], onAir: [Site] = []) -> Set<String> {
        Set(dependsOn.keys).subtracting(candidates.compactMap { row(of: $0) }).union(onAir.compactMap { row(of: $0) })
    }

    /// The plan's backhaul rule over `planned` (the candidates the plan may choose, of all `candidates` listed): each one
    /// not on air with a row needs a chain of working hops to the fibre, unless a hop joins it to a standing site the
    /// fibre reaches (or it is a hub); two are linked by a working hop between them, by one row, or by a chain of standing
    /// sites the fibre does not reach. A candidate without a row is taken to have backhaul of its own. Nil for a file
    /// without `working_hops`.
    func sitingRule(planned: [PlanCandidate], candidates: [Site]) -> CoverageInstance.Backhaul? {
        let onAir = planned.filter { $0.kind == .existing }.map(\.site)
        let standing = standing(candidates: candidates, onAir: onAir)
        guard let workingHops, let fibre = reachingFibre(built: standing) else { return nil }
        let cutOff = standingGroups(standing.subtracting(fibre), workingHops: workingHops)
        let rows = planned.map { $0.kind == .existing ? nil : row(of: $0.site) }
        let needing = planned.indices.filter { index in
            guard let row = rows[index] else { return false }
            return !hubs.contains(row) && !fibre.contains(row) && !(workingHops[row] ?? []).contains(where: fibre.contains)
        }
        let groups = rows.map { row in Set(row.map { [$0] + (workingHops[$0] ?? []) }?.compactMap { cutOff[$0] } ?? []) }
        let links = planned.indices.flatMap { a in
            planned.indices.filter { b in
                guard b > a, let rowA = rows[a], let rowB = rows[b] else { return false }
                return rowA == rowB || (workingHops[rowA] ?? []).contains(rowB) || !groups[a].isDisjoint(with: groups[b])
            }.map { [a, $0] }
        }
        return .init(needingLink: Set(needing), links: links)
    }

    /// Of `sites` (standing sites the fibre does not reach), a number per chain of working hops between them.
    private func standingGroups(_ sites: Set<String>, workingHops: [String: [String]]) -> [String: Int] {
        var group: [String: Int] = [:], count = 0
        for start in sites.sorted() where group[start] == nil {
            let number = count
            count += 1
            var frontier = [start]
            group[start] = number
            while let site = frontier.popLast() {
                for next in workingHops[site] ?? [] where sites.contains(next) && group[next] == nil {
                    group[next] = number
                    frontier.append(next)
                }
            }
        }
        return group
    }
}
