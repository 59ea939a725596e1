extension ChannelPlanner {
    /// Per site, the sites on its channel in `assignment` it must not share a BSIC with, as a handset could not tell the
    /// two apart: those it shares cells of the interference matrix with (heard together on one BCCH), and those a site
    /// lists beside it (itself or its other neighbours), whose reports name them by BCCH and BSIC.
    func bsicPeers(in assignment: [Int]) -> [[Int]] {
        var peers = Array(repeating: Set<Int>(), count: ids.count)
        func pair(_ first: Int, _ second: Int) {
            guard first != second, assignment[first] >= 0, assignment[first] == assignment[second] else { return }
            peers[first].insert(second)
            peers[second].insert(first)
        }
        for site in ids.indices {
            for sharer in sharers[site] { pair(site, sharer.site) }
            let group = [site] + listed[site]
            for (offset, first) in group.enumerated() { for second in group[(offset + 1)...] { pair(first, second) } }
        }
        return peers.map { $0.sorted() }
    }

    /// A BSIC from `codes` for each site on its channel in `assignment`: the sites with most peers first, each the code
    /// least used among those no peer has taken (the fewest peers on it where every code is taken), then sites sharing a
    /// code with a peer moved to the code of fewest while that lowers them.
    public func bsics(for assignment: [Int], codes: [Int]) -> [Int] {
        let peers = bsicPeers(in: assignment)
        let order = ids.indices.sorted { (peers[$0].count, -$0) > (peers[$1].count, -$1) }
        return assignCodes(count: ids.count, order: order, codes: codes, none: 0) { site, bsic in
            peers[site].reduce(into: [Int: Int]()) { counts, peer in if bsic[peer] >= 0 { counts[bsic[peer], default: 0] += 1 } }
        }
    }

    /// Per site, how many of its peers on its channel in `assignment` there are, and how many share its BSIC in `bsic`.
    public func bsicClashes(in assignment: [Int], bsic: [Int]) -> [(peers: Int, clashes: Int)] {
        bsicPeers(in: assignment).enumerated().map { site, peers in (peers.count, peers.filter { bsic[$0] == bsic[site] }.count) }
    }
}
