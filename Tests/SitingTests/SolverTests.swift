import Foundation
import Siting
import TestSupport
import Testing

@Suite("Siting optimiser against brute force and HiGHS")
struct SolverTests {
    @Test(
        "Random instances of ≤ 16 candidates (some with exclusion pairs or minimum coverage): the optimum equals brute force, and every bound holds",
        arguments: 0..<32
    )
    func bruteForce(seed: Int) throws {
        let budgeted = seed % 2 == 1
        let instance = try randomInstance(
            seed: UInt64(seed), candidates: 12 + seed % 5, demands: 60, p: budgeted ? (seed % 4 == 1 ? 4 : nil) : 2 + seed % 4,
            budget: budgeted ? 150 + Double(seed * 7 % 100) : nil, groups: seed % 3 == 0, fixed: seed % 4 == 2 ? 2 : 0,
            separation: seed % 5 >= 3 ? 2.5 : 0, minimumShare: seed >= 24 ? minimumShares[seed - 24] : 0
        )
        guard let optimum = bruteForceOptimum(instance) else {
            #expect(throws: SitingError.self, "no choice meets the minimums: the solver must say so") { try SitingSolver.solve(instance) }
            return
        }
        // Exact: our branching on the LP first (then Cbc if needed), and Cbc alone.
        for branchingSeconds in [nil, 0] as [Double?] {
            let exact = try SitingSolver.solve(instance, options: SitingOptions(branchingSeconds: branchingSeconds))
            #expect(abs(exact.objective - optimum) < 1e-9, "exact \(exact.objective) vs brute force \(optimum)")
            #expect(
                exact.status == "optimal" && exact.upperBound >= optimum - 1e-9,
                "gap \(exact.gap), bound \(exact.upperBound) against \(optimum), after \(exact.seconds) s (branching \(String(describing: branchingSeconds)))"
            )
            #expect(isFeasible(exact.selected, in: instance))
        }
        // Heuristic and bounds alone (Lagrangian, LP), then with our branching: the bound must stay valid, and on
        // these small instances the branching proves the optimum.
        for branchingSeconds in [0, 60] as [Double] {
            let heuristic = try SitingSolver.solve(instance, options: SitingOptions(exact: false, branchingSeconds: branchingSeconds))
            #expect(heuristic.objective <= optimum + 1e-9 && heuristic.upperBound >= optimum - 1e-9, "bounds must bracket the optimum")
            #expect(isFeasible(heuristic.selected, in: instance))
            if branchingSeconds > 0 { #expect(heuristic.status == "optimal" && abs(heuristic.objective - optimum) < 1e-9) }
        }
    }

    @Test(
        """
        Random instances with backhaul (links within 3 of 10 units, a quarter of the candidates on the fibre, the others \
        needing a chain of links to one or to a site on air): the optimum equals brute force under the rule, and every \
        answer, exact or heuristic, keeps it
        """,
        arguments: 0..<16
    )
    func bruteForceWithBackhaul(seed: Int) throws {
        let budgeted = seed % 2 == 1
        let instance = try randomInstance(
            seed: 200 + UInt64(seed), candidates: 12 + seed % 5, demands: 60, p: budgeted ? nil : 2 + seed % 4,
            budget: budgeted ? 150 + Double(seed * 7 % 100) : nil, groups: seed % 3 == 0, fixed: seed % 4 == 2 ? 2 : 0,
            separation: seed % 5 == 3 ? 1.5 : 0, linkRange: 3
        )
        let optimum = try #require(bruteForceOptimum(instance))
        let free = try #require(bruteForceOptimum(try withoutBackhaul(instance)))
        #expect(optimum < free, "the rule binds in every one of these instances")
        for options in [SitingOptions(), SitingOptions(branchingSeconds: 0), SitingOptions(exact: false, branchingSeconds: 60)] {
            let answer = try SitingSolver.solve(instance, options: options)
            let chosen = instance.candidates.indices.filter { answer.selected.contains(instance.candidates[$0].id) }
            #expect(isFeasible(answer.selected, in: instance) && keepsBackhaul(chosen, in: instance), "\(answer.selected)")
            #expect(abs(answer.objective - optimum) < 1e-9 && answer.status == "optimal", "\(answer.objective) against \(optimum), \(answer)")
            #expect(answer.upperBound >= optimum - 1e-9)
        }
        for options in [SitingOptions(exact: false, branchingSeconds: 0), lagrangianOnly] {
            let heuristic = try SitingSolver.solve(instance, options: options)
            let chosen = instance.candidates.indices.filter { heuristic.selected.contains(instance.candidates[$0].id) }
            #expect(keepsBackhaul(chosen, in: instance) && heuristic.objective <= optimum + 1e-9 && heuristic.upperBound >= optimum - 1e-9)
        }
    }

    @Test("A site behind two relays that cover nothing is chosen with them where the budget allows the chain, by the heuristics alone; bad rules are refused")
    func relayChain() throws {
        let candidates: [CoverageInstance.Candidate] = [
            .init(id: "fibre", cost: 10, covers: []), .init(id: "relay", cost: 10, covers: []), .init(id: "valley", cost: 10, covers: [0]),
            .init(id: "alone", cost: 25, covers: [1]),
        ]
        // The first link is given twice, once each way: it is one link.
        let backhaul = CoverageInstance.Backhaul(needingLink: [1, 2], links: [[0, 1], [1, 2], [1, 0]])
        let heuristicOnly = SitingOptions(exact: false, branchingSeconds: 0, linearProgramLimit: 0)
        for (budget, expected) in [(30.0, ["fibre", "relay", "valley"]), (29, ["alone"])] {
            let instance = try CoverageInstance(name: "chain", demands: [100, 5], candidates: candidates, budget: budget, backhaul: backhaul)
            let heuristic = try SitingSolver.solve(instance, options: heuristicOnly)
            #expect(heuristic.selected == expected && heuristic.upperBound >= heuristic.objective, "budget \(budget): \(heuristic)")
            // The LP's flow keeps the bound at the chain's worth: proven optimal.
            let exact = try SitingSolver.solve(instance)
            #expect(exact.selected == expected && exact.status == "optimal", "budget \(budget): \(exact)")
        }
        #expect(throws: SitingError("backhaul: fixed site 'fibre' is on air already and cannot need a link")) {
            try CoverageInstance(
                name: "bad", demands: [1], candidates: [.init(id: "fibre", cost: 0, covers: [0], kind: .existing, fixed: true)], p: 1,
                backhaul: .init(needingLink: [0], links: [])
            )
        }
        #expect(throws: SitingError("backhaul: links[0] needs two different candidates")) {
            try CoverageInstance(name: "bad", demands: [1, 1], candidates: candidates, p: 1, backhaul: .init(needingLink: [], links: [[0, 4]]))
        }
    }

    @Test("""
        The cut-set rows prove a chain of two relays optimal from the LP alone: its flow rows would let a fifth of a relay \
        carry the chain and spend the rest of the budget on the decoys around the fibre site
        """)
    func cutSetRows() throws {
        // fibre (on the fibre) — relay2 — relay1 — valley (100 residents); six decoys beside the fibre site, 10 each.
        let decoys = (0..<6).map { CoverageInstance.Candidate(id: "decoy\($0)", cost: 10, covers: [1 + $0]) }
        let candidates: [CoverageInstance.Candidate] = [
            .init(id: "fibre", cost: 10, covers: []), .init(id: "relay2", cost: 10, covers: []), .init(id: "relay1", cost: 10, covers: []),
            .init(id: "valley", cost: 10, covers: [0]),
        ] + decoys
        let backhaul = CoverageInstance.Backhaul(needingLink: [1, 2, 3], links: [[0, 1], [1, 2], [2, 3]] + (4..<10).map { [0, $0] })
        let instance = try CoverageInstance(
            name: "cut", demands: [100] + [Double](repeating: 10, count: 6), candidates: candidates, budget: 40, backhaul: backhaul
        )
        let answer = try SitingSolver.solve(instance, options: SitingOptions(exact: false, branchingSeconds: 0))
        #expect(answer.selected == ["fibre", "relay2", "relay1", "valley"] && answer.upperBound == 100 && answer.status == "optimal", "\(answer)")
    }

    @Test(
        """
        Where the Lagrangian relaxation gives the bound, its rows of the backhaul rule tighten it: 300 candidates of short \
        reach (0.4–0.9 of 10 units, links within 1), p 13, the bound at least 3 % below the same instance's without the \
        rule, and never below the answer
        """,
        arguments: 1...3
    )
    func lagrangianBackhaulRows(seed: Int) throws {
        let instance = try randomInstance(
            seed: 400 + UInt64(seed), candidates: 300, demands: 6_000, p: 13, budget: nil, groups: false, fixed: 0, linkRange: 1, reach: 0.4...0.9
        )
        let ruled = try SitingSolver.solve(instance, options: lagrangianOnly)
        let free = try SitingSolver.solve(try withoutBackhaul(instance), options: lagrangianOnly)
        #expect(ruled.upperBound <= 0.97 * free.upperBound && ruled.upperBound >= ruled.objective, "\(ruled) against \(free) without the rule")
    }

    @Test("""
        By default the local search gets a twentieth of the time limit: with 30 s, a search that never stalls, on a \
        problem left to the Lagrangian bound (nothing runs after it; the backhaul rule keeps the gap open), ends after \
        1.5 s and well before the limit
        """)
    func localSearchShareOfTimeLimit() throws {
        let instance = try randomInstance(seed: 7, candidates: 200, demands: 3_000, p: 3, budget: nil, groups: false, fixed: 0, linkRange: 1)
        let answer = try SitingSolver.solve(instance, options: SitingOptions(timeLimit: 30, stallRounds: 1_000_000_000, linearProgramLimit: 0))
        #expect(answer.seconds >= 1.5 && answer.seconds < 15 && answer.status == "feasible", "\(answer)")
    }

    @Test(
        "Budget and shared-mast instances (groups, fixed sites, exclusion pairs, minimum coverage) against HiGHS",
        .enabled(if: PythonPeers.isAvailable, PythonPeers.absence), arguments: 0..<8
    )
    func againstHiGHS(seed: Int) throws {
        let instance = try randomInstance(
            seed: 100 + UInt64(seed), candidates: 60 + 10 * seed, demands: 800, p: seed % 3 == 0 ? 8 : nil,
            budget: 400 + 100 * Double(seed), groups: seed % 2 == 0, fixed: seed % 3, separation: seed >= 3 ? 1.5 : 0,
            minimumShare: seed >= 6 ? 0.5 : 0
        )
        let optimum = try highsOptimum(instance)
        let ours = try SitingSolver.solve(instance)
        #expect(abs(ours.objective - optimum) < 1e-6 * max(1, optimum), "ours \(ours.objective) vs HiGHS \(optimum)")
        #expect(ours.status == "optimal" && isFeasible(ours.selected, in: instance))
        let heuristic = try SitingSolver.solve(instance, options: SitingOptions(exact: false))
        #expect(heuristic.upperBound >= optimum - 1e-6 && heuristic.objective <= optimum + 1e-6)
    }

    @Test(
        """
        Larger random instances with backhaul (60–81 candidates, links within 2 of 10 units, groups, sites on air, \
        exclusions; the rule binds in each) against HiGHS on another formulation of the rule (each chosen site's parent \
        among its links, Miller–Tucker–Zemlin levels against cycles): by default, and by our branching alone, its \
        subproblems' LPs tightened by the cut-set rows they violate (without them it did not close seed 3 in 28 s)
        """,
        .enabled(if: PythonPeers.isAvailable, PythonPeers.absence), arguments: 0..<4
    )
    func againstHiGHSWithBackhaul(seed: Int) throws {
        let instance = try randomInstance(
            seed: 300 + UInt64(seed), candidates: 60 + 7 * seed, demands: 800, p: seed % 2 == 0 ? 5 : nil,
            budget: seed % 2 == 1 ? 300 : nil, groups: seed % 3 == 0, fixed: seed % 3, separation: seed >= 3 ? 1 : 0, linkRange: 2
        )
        let optimum = try highsOptimum(instance)
        let free = try SitingSolver.solve(try withoutBackhaul(instance))
        #expect(optimum < free.objective - 1e-6, "the rule binds: \(optimum) against \(free.objective) without it")
        let lagrangian = try SitingSolver.solve(instance, options: lagrangianOnly).upperBound
        let freeLagrangian = try SitingSolver.solve(try withoutBackhaul(instance), options: lagrangianOnly).upperBound
        #expect(lagrangian >= optimum - 1e-6 && lagrangian <= freeLagrangian, "Lagrangian bound \(lagrangian), \(freeLagrangian) without the rule")
        for options in [SitingOptions(), SitingOptions(exact: false, branchingSeconds: 15)] {
            let ours = try SitingSolver.solve(instance, options: options)
            let chosen = instance.candidates.indices.filter { ours.selected.contains(instance.candidates[$0].id) }
            #expect(abs(ours.objective - optimum) < 1e-6 * max(1, optimum) && ours.status == "optimal", "ours \(ours) vs HiGHS \(optimum)")
            #expect(isFeasible(ours.selected, in: instance) && keepsBackhaul(chosen, in: instance))
        }
    }

    /// Heuristics with the Lagrangian bound alone (no LP, no branching).
    let lagrangianOnly = SitingOptions(exact: false, branchingSeconds: 0, linearProgramLimit: 0)

    /// `instance` without its backhaul rule.
    func withoutBackhaul(_ instance: CoverageInstance) throws -> CoverageInstance {
        try CoverageInstance(
            name: instance.name, demands: instance.demands, candidates: instance.candidates, p: instance.p, budget: instance.budget,
            exclusions: instance.exclusions, groupCapacity: instance.groupCapacity
        )
    }

    /// The optimum HiGHS proves for `instance` (Tests/Peers/highs_mclp.py).
    func highsOptimum(_ instance: CoverageInstance) throws -> Double {
        let folder = try temporaryFolder("highs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/instance.json"
        try instanceJSON(instance).write(toFile: path, atomically: true, encoding: .utf8)
        let peer = try runProgram(PythonPeers.python, [PythonPeers.script("highs_mclp.py"), path])
        #expect(peer.status == 0, "\(peer.stderr)")
        let highs = try #require(try JSONSerialization.jsonObject(with: Data(peer.stdout.utf8)) as? [String: Any])
        #expect(highs["status"] as? String == "Optimal")
        return try #require(highs["objective"] as? Double)
    }

    /// Minimum shares of each quarter for seeds 24–31: they bind (lower the optimum) for 24, 30 and 31, leave 25, 26
    /// and 29 free, and cannot be met within the limits for 27 and 28.
    let minimumShares = [0.25, 0.5, 0.5, 0.55, 0.3, 0.45, 0.55, 0.35]

    func isFeasible(_ selected: [String], in instance: CoverageInstance) -> Bool {
        let chosen = instance.candidates.filter { selected.contains($0.id) }
        let groups = Dictionary(grouping: chosen.compactMap(\.group), by: { $0 })
        let ids = instance.candidates.map(\.id)
        return meetsMinimums(instance.candidates.indices.filter { selected.contains(ids[$0]) }, in: instance)
            && instance.candidates.filter(\.fixed).allSatisfy { selected.contains($0.id) }
            && !instance.exclusions.contains { selected.contains(ids[$0[0]]) && selected.contains(ids[$0[1]]) }
            && (instance.p.map { chosen.filter { !$0.fixed }.count <= $0 } ?? true)
            && (instance.budget.map { chosen.reduce(0) { $0 + $1.cost } <= $0 + 1e-9 } ?? true)
            && !groups.contains { $0.value.count > instance.capacity(of: $0.key) }
    }

    func instanceJSON(_ instance: CoverageInstance) throws -> String {
        let candidates: [[String: Any]] = instance.candidates.map { candidate in
            var object: [String: Any] = [
                "id": candidate.id, "cost": candidate.cost, "covers": candidate.covers, "kind": candidate.kind.rawValue,
                "fixed": candidate.fixed,
            ]
            if let group = candidate.group { object["group"] = group }
            return object
        }
        var root: [String: Any] = ["name": instance.name, "demands": instance.demands, "candidates": candidates]
        if let p = instance.p { root["p"] = p }
        if let budget = instance.budget { root["budget"] = budget }
        root["exclusions"] = instance.exclusions.map { $0.map { instance.candidates[$0].id } }
        root["group_capacity"] = instance.groupCapacity
        root["minimum_coverage"] = instance.minimumCoverage.map { ["id": $0.id, "demands": $0.demands, "share": $0.share] as [String: Any] }
        if let backhaul = instance.backhaul {
            let ids = instance.candidates.map(\.id)
            let needing: [String] = backhaul.needingLink.sorted().map { ids[$0] }
            let links: [[String]] = backhaul.links.map { pair in pair.map { ids[$0] } }
            root["backhaul"] = ["needing_link": needing, "links": links] as [String: Any]
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: root), as: UTF8.self)
    }
}
