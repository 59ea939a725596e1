import Coverage
import Terrain

/// The pairs of sites (indices into the site list) whose hops `phusong backhaul` checks.
public enum HopPairs {
    static func select(_ selection: HopSelection, sites: [Site], sitesPath: String) throws(InputError) -> [(Int, Int)] {
        switch selection {
        case .listed(let file): try listed(file, ids: sites.map(\.id), sitesPath: sitesPath)
        case .within(let km): within(km * 1_000, sites: sites)
        }
    }

    /// Every pair of sites at most `metres` apart (great circle), each once (the earlier site first), in the site
    /// list's order — but pairs on one spot (under `TerrainPath.shortestM` apart: the sectors of one mast, the heights
    /// offered at one location), which no hop joins.
    static func within(_ metres: Double, sites: [Site]) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for a in sites.indices {
            for b in (a + 1)..<sites.count {
                let distance = sites[a].location.distance(to: sites[b].location)
                if distance <= metres && distance >= TerrainPath.shortestM { pairs.append((a, b)) }
            }
        }
        return pairs
    }

    /// The pairs a CSV names by site id (among `ids`, the site file's) in its `from` and `to` columns (names in any
    /// case), in its order.
    public static func listed(_ file: String, ids: [String], sitesPath: String) throws(InputError) -> [(Int, Int)] {
        let rows = CSV(try readTextInput(file)).rows
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw InputError(path: file, reason: "empty CSV")
        }
        guard let from = header.firstIndex(of: "from"), let to = header.firstIndex(of: "to") else {
            throw InputError(path: file, reason: "needs the columns from and to (site ids); it has \(header.joined(separator: ", "))")
        }
        var index: [String: Int] = [:]
        for (position, id) in ids.enumerated() { index[id] = position }
        var pairs: [(Int, Int)] = []
        for (line, row) in rows.enumerated().dropFirst() where !row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let ids = [from, to].map { $0 < row.count ? row[$0].trimmingCharacters(in: .whitespaces) : "" }
            let found = ids.map { index[$0] }
            if let missing = zip(ids, found).first(where: { $0.1 == nil })?.0 {
                let reason = missing.isEmpty
                    ? "has no site id in \(found[0] == nil ? "from" : "to")" : "names site '\(missing)', which is not in \(sitesPath)"
                throw InputError(path: file, reason: "row \(line + 1) \(reason)")
            }
            guard let a = found[0], let b = found[1], a != b else {
                throw InputError(path: file, reason: "row \(line + 1) joins site '\(ids[0])' to itself")
            }
            pairs.append((a, b))
        }
        guard !pairs.isEmpty else { throw InputError(path: file, reason: "no hops listed") }
        return pairs
    }
}
