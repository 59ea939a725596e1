import Propagation
import Siting

/// Gives 2G sites BCCH channels from a list so that as few handover neighbours as it can, then as few of an
/// interference matrix's cells as it can, lie on one channel: a greedy assignment, the sites that interfere most first,
/// single-site moves while any lowers the cost, and random restarts from the best plan. Between equal co-channel costs,
/// the one with fewer cells on adjacent channels (200 kHz apart) wins. A heuristic: it gives no bound on how far the
/// plan lies from the best.
public struct ChannelPlanner: Sendable {
    /// The sites.
    public let ids: [String]
    /// Per site, the sites it shares cells with and those cells: what either would lose to the other on one channel.
    let sharers: [[(site: Int, cells: Int)]]
    /// Per site, its handover neighbours (either way): sites it must not share a channel with, or a handset could not
    /// tell the two apart.
    private let neighbours: [[Int]]
    /// Per site, the neighbours it lists.
    let listed: [[Int]]

    /// The cost of a plan: pairs of neighbours on one channel, cells of pairs on one channel, then of pairs on adjacent
    /// channels.
    public struct Cost: Sendable, Equatable, Comparable {
        public var neighboursOnOneChannel = 0
        public var coChannelCells = 0
        public var adjacentChannelCells = 0

        public init(neighboursOnOneChannel: Int = 0, coChannelCells: Int = 0, adjacentChannelCells: Int = 0) {
            self.neighboursOnOneChannel = neighboursOnOneChannel
            self.coChannelCells = coChannelCells
            self.adjacentChannelCells = adjacentChannelCells
        }

        public static func < (left: Cost, right: Cost) -> Bool {
            (left.neighboursOnOneChannel, left.coChannelCells, left.adjacentChannelCells)
                < (right.neighboursOnOneChannel, right.coChannelCells, right.adjacentChannelCells)
        }

        /// Whether the plan has nothing left to lower.
        var isZero: Bool { self == Cost() }
    }

    /// `pairs`: per victim and interferer (indices into `ids`), the victim's cells the interferer would push under the
    /// C/I limit on one channel. `separated`: handover relations, the listing site first (a pair either way round
    /// counts once for the channels).
    public init(ids: [String], pairs: [(victim: Int, interferer: Int, cells: Int)], separated: [(Int, Int)] = []) {
        self.ids = ids
        var weights = Array(repeating: [Int: Int](), count: ids.count)
        for (victim, interferer, cells) in pairs where victim != interferer {
            weights[victim][interferer, default: 0] += cells
            weights[interferer][victim, default: 0] += cells
        }
        sharers = weights.map { $0.map { (site: $0.key, cells: $0.value) }.sorted { $0.site < $1.site } }
        var eitherWay = Array(repeating: Set<Int>(), count: ids.count), listed = eitherWay
        for (first, second) in separated where first != second {
            eitherWay[first].insert(second)
            eitherWay[second].insert(first)
            listed[first].insert(second)
        }
        neighbours = eitherWay.map { $0.sorted() }
        self.listed = listed.map { $0.sorted() }
    }

    /// A channel (an index into `channels`, valid ARFCNs) for each site: the greedy plan improved by single-site moves,
    /// then `rounds` times a tenth of the sites moved at random (from a fixed seed, so the same matrix gives the same
    /// plan) and the moves made again, keeping the best plan found.
    /// No channels leave every site out (−1).
    public func plan(channels: [Int], rounds: Int = 200) -> [Int] {
        guard !channels.isEmpty, !ids.isEmpty else { return Array(repeating: -1, count: ids.count) }
        let adjacent = Self.adjacency(channels)
        // The most constrained first: most neighbours, then most cells shared.
        let shared = sharers.map { $0.reduce(0) { $0 + $1.cells } }
        let order = ids.indices.sorted {
            (neighbours[$0].count, shared[$0], -$0) > (neighbours[$1].count, shared[$1], -$1)
        }
        var assignment = Array(repeating: -1, count: ids.count)
        for site in order { assignment[site] = cheapest(costs(of: site, in: assignment, adjacent: adjacent)) }
        descend(&assignment, order: order, adjacent: adjacent)
        var best = (assignment: assignment, cost: cost(of: assignment, adjacent: adjacent))
        var random = SplitMix(seed: 0x5048_5553_4F4E_4721)
        for _ in 0..<rounds where !best.cost.isZero {
            var trial = best.assignment
            for _ in 0..<max(1, ids.count / 10) {
                trial[random.below(ids.count)] = random.below(channels.count)
            }
            descend(&trial, order: order, adjacent: adjacent)
            let trialCost = cost(of: trial, adjacent: adjacent)
            if trialCost < best.cost { best = (trial, trialCost) }
        }
        return best.assignment
    }

    /// Moves one site at a time, in `order`, to its cheapest channel while any move lowers the cost, and swaps two
    /// channels' sites while that lowers it (which keeps the cells on one channel but not those on adjacent ones).
    private func descend(_ assignment: inout [Int], order: [Int], adjacent: [[Bool]]) {
        var improved = true
        while improved {
            improved = false
            for site in order {
                let costs = costs(of: site, in: assignment, adjacent: adjacent), channel = cheapest(costs)
                if costs[channel] < costs[assignment[site]] {
                    assignment[site] = channel
                    improved = true
                }
            }
            if relabel(&assignment, adjacent: adjacent) { improved = true }
        }
    }

    /// Swaps the sites of two channels while that lowers the cells on adjacent channels; whether any swap did.
    private func relabel(_ assignment: inout [Int], adjacent: [[Bool]]) -> Bool {
        let count = adjacent.count
        // The cells between the sites of each pair of channels, and the channel each channel's sites move to.
        var between = Array(repeating: Array(repeating: 0, count: count), count: count)
        for site in ids.indices where assignment[site] >= 0 {
            for (other, cells) in sharers[site] where other > site && assignment[other] >= 0 {
                between[assignment[site]][assignment[other]] += cells
            }
        }
        var target = Array(0..<count)
        func adjacentCells() -> Int {
            var cells = 0
            for a in 0..<count { for b in 0..<count where a != b && adjacent[target[a]][target[b]] { cells += between[a][b] } }
            return cells
        }
        var current = adjacentCells(), moved = false, swapped = true
        while swapped {
            swapped = false
            for a in 0..<count {
                for b in (a + 1)..<count {
                    target.swapAt(a, b)
                    let cells = adjacentCells()
                    if cells < current { (current, swapped, moved) = (cells, true, true) } else { target.swapAt(a, b) }
                }
            }
        }
        if moved { assignment = assignment.map { $0 >= 0 ? target[$0] : $0 } }
        return moved
    }

    /// The cost of `assignment` (indices into `channels`; −1 for a site left out).
    public func cost(of assignment: [Int], channels: [Int]) -> Cost {
        cost(of: assignment, adjacent: Self.adjacency(channels))
    }

    /// The cost of `assignment` on channels adjacent as `adjacent` says.
    private func cost(of assignment: [Int], adjacent: [[Bool]]) -> Cost {
        var cost = Cost()
        for site in ids.indices where assignment[site] >= 0 {
            cost.neighboursOnOneChannel += neighbours[site].filter { $0 > site && assignment[$0] == assignment[site] }.count
            for (other, cells) in sharers[site] where other > site && assignment[other] >= 0 {
                if assignment[other] == assignment[site] {
                    cost.coChannelCells += cells
                } else if adjacent[assignment[site]][assignment[other]] {
                    cost.adjacentChannelCells += cells
                }
            }
        }
        return cost
    }

    /// The cells `site` and the sites on its channel in `assignment` would lose to each other.
    public func coChannelCells(of site: Int, in assignment: [Int]) -> Int {
        sharers[site].reduce(0) { $0 + (assignment[$1.site] == assignment[site] ? $1.cells : 0) }
    }

    /// How many of `site`'s neighbours share its channel in `assignment`.
    public func neighboursOnChannel(of site: Int, in assignment: [Int]) -> Int {
        neighbours[site].filter { assignment[$0] == assignment[site] }.count
    }

    /// For each channel, the cells `site` would share on it with the other sites as `assignment` has them.
    private func costs(of site: Int, in assignment: [Int], adjacent: [[Bool]]) -> [Cost] {
        var costs = Array(repeating: Cost(), count: adjacent.count)
        for other in neighbours[site] where assignment[other] >= 0 { costs[assignment[other]].neighboursOnOneChannel += 1 }
        for (other, cells) in sharers[site] where assignment[other] >= 0 {
            costs[assignment[other]].coChannelCells += cells
            for channel in adjacent.indices where adjacent[assignment[other]][channel] { costs[channel].adjacentChannelCells += cells }
        }
        return costs
    }

    /// The index of the least cost, the first on a tie.
    private func cheapest(_ costs: [Cost]) -> Int {
        costs.indices.min { costs[$0] < costs[$1] }!
    }

    /// Whether each pair of `channels` (ARFCNs) lies a channel (200 kHz) apart.
    private static func adjacency(_ channels: [Int]) -> [[Bool]] {
        let frequencies = channels.map { GSMChannel.downlinkMHz($0) ?? .nan }
        return frequencies.map { a in frequencies.map { b in abs(abs(a - b) - 0.2) < 0.05 } }
    }
}

