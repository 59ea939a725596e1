import Coverage

/// The masts sites stand on (`NeighbourSettings.onOneMast`): sites naming one `mast` share it however far apart, sites
/// naming two do not however near, and otherwise sites within `NeighbourSettings.coSiteMetres` share one — as does
/// every site joined to them by a chain of such pairs.
enum SiteMasts {
    /// The masts of `sites`: each a list of site indices in the sites' order, the masts in the order of their first site.
    static func groups(of sites: [Site]) -> [[Int]] {
        var pairs: [(Int, Int)] = []
        for members in Dictionary(grouping: sites.indices.filter { sites[$0].mast != nil }, by: { sites[$0].mast! }).values {
            pairs += zip(members, members.dropFirst()).map { ($0, $1) }
        }
        // Sites within the co-site distance lie within that distance in latitude: a sweep over the sites by latitude.
        let byLatitude = sites.indices.sorted { sites[$0].location.latitude < sites[$1].location.latitude }
        let latitudeReach = NeighbourSettings.coSiteMetres / 110_000  // degrees; a degree of latitude is over 110.5 km
        for (position, first) in byLatitude.enumerated() {
            for second in byLatitude[(position + 1)...] {
                guard sites[second].location.latitude - sites[first].location.latitude <= latitudeReach else { break }
                if NeighbourSettings.onOneMast(sites[first], sites[second]) { pairs.append((first, second)) }
            }
        }
        return connectedGroups(count: sites.count, pairs: pairs)
    }
}

/// The groups of items `0..<count` that `pairs` join, directly or through others: each group in ascending order, the
/// groups in the order of their first item.
func connectedGroups(count: Int, pairs: [(Int, Int)]) -> [[Int]] {
    var root = Array(0..<count)
    func find(_ item: Int) -> Int {
        var item = item
        while root[item] != item { (root[item], item) = (root[root[item]], root[item]) }
        return item
    }
    for (first, second) in pairs { root[find(first)] = find(second) }
    var members: [Int: [Int]] = [:]
    for item in 0..<count { members[find(item), default: []].append(item) }
    return members.values.sorted { $0[0] < $1[0] }
}
