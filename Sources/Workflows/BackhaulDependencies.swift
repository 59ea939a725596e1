/// The relays a site's backhaul cannot route around: the sites that every chain of working hops from it to the fibre
/// passes through, so that their outage alone cuts it off. These are its dominators in the graph of working hops
/// rooted at the hubs (a root joined to every hub), found by Cooper, Harvey and Kennedy's iteration over the reverse
/// postorder ("A Simple, Fast Dominance Algorithm", 2001).
enum BackhaulDependencies {
    /// For each of `sites` (ids, in order), the sites whose outage alone cuts it off from every hub, nearest first:
    /// empty for a site with two independent chains (or a hub), and for a site that reaches no hub. `neighbours` gives
    /// each site's ends of working hops, which carry traffic both ways.
    static func dependencies(sites: [String], hubs: Set<String>, neighbours: [String: [String]]) -> [[String]] {
        let index = Dictionary(sites.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let root = sites.count
        var adjacent = sites.map { id in (neighbours[id] ?? []).compactMap { index[$0] } }
        adjacent.append(sites.indices.filter { hubs.contains(sites[$0]) })
        for hub in adjacent[root] { adjacent[hub].append(root) }
        let postorder = depthFirstPostorder(adjacent, from: root)
        var rank = [Int](repeating: -1, count: sites.count + 1)
        for (position, node) in postorder.enumerated() { rank[node] = position }
        var dominator = [Int](repeating: -1, count: sites.count + 1)
        dominator[root] = root
        /// The nearest common dominator of two nodes already placed.
        func common(_ first: Int, _ second: Int) -> Int {
            var (first, second) = (first, second)
            while first != second {
                while rank[first] < rank[second] { first = dominator[first] }
                while rank[second] < rank[first] { second = dominator[second] }
            }
            return first
        }
        var changed = true
        while changed {
            changed = false
            for node in postorder.reversed() where node != root {
                let placed = adjacent[node].filter { dominator[$0] >= 0 }
                let nearest = placed.dropFirst().reduce(placed[0], common)
                if dominator[node] != nearest { (dominator[node], changed) = (nearest, true) }
            }
        }
        return sites.indices.map { site in
            guard dominator[site] >= 0 else { return [] }
            return sequence(first: dominator[site]) { dominator[$0] }.prefix { $0 != root }.map { sites[$0] }
        }
    }

    /// The nodes `adjacent` joins to `start`, each after every node first reached through it (depth first).
    private static func depthFirstPostorder(_ adjacent: [[Int]], from start: Int) -> [Int] {
        var visited = [Bool](repeating: false, count: adjacent.count)
        var postorder: [Int] = [], stack = [(node: start, next: 0)]
        visited[start] = true
        while let (node, next) = stack.last {
            if next == adjacent[node].count {
                postorder.append(node)
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            let child = adjacent[node][next]
            if !visited[child] {
                visited[child] = true
                stack.append((child, 0))
            }
        }
        return postorder
    }
}
