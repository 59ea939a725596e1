import Coverage

extension BackhaulChains {
    /// For each of `chosen` (a plan's chosen sites among `candidates`), whether a chain of working hops joins it to a hub
    /// over the chosen sites and the file's sites that are no candidate (relays and masts outside the plan, standing
    /// anyway) — a candidate left out is not built. Nil for a site without a row (by id or mast), and for every site
    /// when the file has no `working_hops`.
    func reachesFibre(chosen: [Site], candidates: [Site]) -> [Bool?] {
        let rows = chosen.map { row(of: $0) }
        let candidateRows = Set(candidates.compactMap { row(of: $0) })
        let standing = Set(dependsOn.keys).subtracting(candidateRows)
        guard let reached = reachingFibre(built: standing.union(rows.compactMap { $0 })) else { return rows.map { _ in nil } }
        return rows.map { row in row.map(reached.contains) }
    }
}
