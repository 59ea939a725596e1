import TestSupport
import Testing
@testable import Workflows

@Suite("The relays a backhaul chain cannot route around")
struct BackhaulDependencyTests {
    /// The sites reaching a hub over `edges` with `down` out of service.
    func reached(_ count: Int, hubs: Set<Int>, edges: [(Int, Int)], without down: Int?) -> Set<Int> {
        var seen = hubs.subtracting(down.map { [$0] } ?? []), frontier = Array(seen)
        while let site = frontier.popLast() {
            for (a, b) in edges where a == site || b == site {
                let other = a == site ? b : a
                if other != down && seen.insert(other).inserted { frontier.append(other) }
            }
        }
        return seen
    }

    func dependencies(_ count: Int, hubs: Set<Int>, edges: [(Int, Int)]) -> [[String]] {
        var neighbours: [String: [String]] = [:]
        for (a, b) in edges {
            neighbours["s\(a)", default: []].append("s\(b)")
            neighbours["s\(b)", default: []].append("s\(a)")
        }
        return BackhaulDependencies.dependencies(sites: (0..<count).map { "s\($0)" }, hubs: Set(hubs.map { "s\($0)" }), neighbours: neighbours)
    }

    @Test("A chain, a ring and a site joined to two hubs: each site depends on the relays between it and every hub, nearest first")
    func smallNetworks() {
        // s0 and s5 on the fibre; s1–s2–s3 a chain from s0; s3–s4 a spur; s6 joined to both hubs; s7 to none.
        let edges: [(Int, Int)] = [(0, 1), (1, 2), (2, 3), (3, 4), (0, 6), (5, 6)]
        #expect(dependencies(8, hubs: [0, 5], edges: edges) == [[], ["s0"], ["s1", "s0"], ["s2", "s1", "s0"], ["s3", "s2", "s1", "s0"], [], [], []])
        // Closing the ring s3–s0 leaves s1, s2 and s3 two ways to s0, but not around s0 itself; s4 still hangs on s3.
        #expect(dependencies(8, hubs: [0, 5], edges: edges + [(3, 0)]) == [[], ["s0"], ["s0"], ["s0"], ["s3", "s0"], [], [], []])
        // A second hub at the chain's end frees it of s0.
        #expect(dependencies(8, hubs: [0, 5, 4], edges: edges)[2] == [])
    }

    @Test("On 200 random networks each site's dependencies are exactly the sites whose outage alone cuts it off from every hub")
    func randomNetworks() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let count = 2 + Int(generator.next() % 30), density = 1 + generator.next() % 3
            let pairs: [(Int, Int)] = (0..<count).flatMap { a -> [(Int, Int)] in (a + 1..<count).map { (a, $0) } }
            let edges = pairs.filter { _ in generator.next() % (UInt64(count) / density + 1) == 0 }
            let hubs = Set((0..<count).filter { _ in generator.next() % 8 == 0 })
            let found = dependencies(count, hubs: hubs, edges: edges)
            let all = reached(count, hubs: hubs, edges: edges, without: nil)
            for down in 0..<count {
                let cutOff = all.subtracting(reached(count, hubs: hubs, edges: edges, without: down)).subtracting([down])
                #expect(Set((0..<count).filter { found[$0].contains("s\(down)") }) == cutOff, "edges \(edges), hubs \(hubs), down \(down)")
            }
            #expect((0..<count).allSatisfy { all.contains($0) || found[$0].isEmpty })
        }
    }
}
