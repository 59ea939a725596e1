import Foundation
import Terrain

/// A maximal-covering siting problem: weighted demands, candidate sites with costs and the demands each
/// covers, and the limits on what may be chosen.
public struct CoverageInstance: Sendable, Equatable {
    /// What a candidate is: a new build, a lease on an existing mast, or a site already on air.
    public enum Kind: String, Sendable, Codable {
        case greenfield, shared, existing
    }

    public struct Candidate: Sendable, Equatable {
        public let id: String
        public let cost: Double
        /// Indices into `demands`, ascending, without repeats.
        public let covers: [Int]
        public let kind: Kind
        /// At most the group's capacity (default one) of its candidates is chosen: the height options of one
        /// location, or the tenants a mast has room for.
        public let group: String?
        /// Chosen in every answer (a site already on air); its cost counts towards the budget.
        public let fixed: Bool

        public init(id: String, cost: Double, covers: [Int], kind: Kind = .greenfield, group: String? = nil, fixed: Bool = false) {
            self.id = id
            self.cost = cost
            self.covers = covers
            self.kind = kind
            self.group = group
            self.fixed = fixed
        }
    }

    /// A share of some demands' weight (e.g. a commune's residents) that the answer must cover.
    public struct MinimumCoverage: Sendable, Equatable {
        public let id: String
        /// Indices into `demands`, without repeats.
        public let demands: [Int]
        /// Fraction of the demands' total weight, 0–1, covered by the fixed and chosen sites together.
        public let share: Double

        public init(id: String, demands: [Int], share: Double) {
            self.id = id
            self.demands = demands
            self.share = share
        }

        /// The weight to cover, of `weights`.
        func needed(of weights: [Double]) -> Double { share * demands.reduce(0) { $0 + weights[$1] } }
    }

    public let name: String
    /// Weight of each demand (e.g. residents of a cell, priority-weighted).
    public let demands: [Double]
    public let candidates: [Candidate]
    /// Most new (not fixed) sites to choose; nil = no limit.
    public var p: Int?
    /// Most total cost of the chosen sites, fixed ones included; nil = no limit.
    public var budget: Double?
    /// Pairs of candidates (indices) that may not both be chosen, e.g. closer than a minimum separation.
    public let exclusions: [[Int]]
    /// How many candidates of a group may be chosen (e.g. a mast's free tenant slots); 1 where not given.
    public let groupCapacity: [String: Int]
    /// Minimum coverage each answer must meet (e.g. per commune).
    public let minimumCoverage: [MinimumCoverage]
    /// Backhaul each chosen site must have (nil: none asked for).
    public let backhaul: Backhaul?

    /// The capacity of `group`.
    public func capacity(of group: String) -> Int { groupCapacity[group] ?? 1 }

    /// Checks the instance: weights and costs finite and ≥ 0, covers within the demands, unique ids,
    /// at least one limit, fixed sites within the budget and one per group.
    /// `checkLimits: false` skips the limit checks (p or budget given, fixed sites within them), for an
    /// instance whose limits come later (e.g. from the command line); `validate()` then checks them.
    public init(
        name: String, demands: [Double], candidates: [Candidate], p: Int? = nil, budget: Double? = nil,
        exclusions: [[Int]] = [], groupCapacity: [String: Int] = [:], minimumCoverage: [MinimumCoverage] = [],
        backhaul: Backhaul? = nil, checkLimits: Bool = true
    ) throws(SitingError) {
        if let bad = demands.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw SitingError("demands[\(bad)]: weight \(demands[bad]) must be a finite number ≥ 0")
        }
        self.name = name
        self.demands = demands
        self.candidates = candidates
        self.p = p
        self.budget = budget
        self.exclusions = exclusions
        self.groupCapacity = groupCapacity
        self.minimumCoverage = minimumCoverage
        self.backhaul = backhaul
        try validateCandidates()
        try validateMinimumCoverage()
        try backhaul?.validate(candidates)
        if checkLimits { try validate() }
    }

    /// Checks the limits: p or a budget given, the fixed sites within the budget and their groups' capacity.
    public func validate() throws(SitingError) {
        guard p != nil || budget != nil else { throw SitingError("give p (most new sites) or a budget, in the instance or on the command line") }
        if let p, p < 0 { throw SitingError("p = \(p) must be ≥ 0") }
        if let budget, !(budget.isFinite && budget >= 0) { throw SitingError("budget \(budget) must be a finite number ≥ 0") }
        let fixed = candidates.filter(\.fixed)
        let fixedCost = fixed.reduce(0) { $0 + $1.cost }
        if let budget, fixedCost > budget + 1e-9 {
            throw SitingError("infeasible: the fixed sites alone cost \(fixedCost), over the budget \(budget)")
        }
        for pair in exclusions where candidates[pair[0]].fixed && candidates[pair[1]].fixed {
            throw SitingError("infeasible: fixed sites '\(candidates[pair[0]].id)' and '\(candidates[pair[1]].id)' exclude each other")
        }
        var inGroup: [String: Int] = [:]
        for candidate in fixed {
            guard let group = candidate.group else { continue }
            inGroup[group, default: 0] += 1
            if inGroup[group]! > capacity(of: group) {
                throw SitingError("infeasible: more fixed sites in group '\(group)' than its capacity \(capacity(of: group))")
            }
        }
    }

    private func validateCandidates() throws(SitingError) {
        var ids = Set<String>()
        for (index, candidate) in candidates.enumerated() {
            let label = "candidates[\(index)] ('\(candidate.id)')"
            guard ids.insert(candidate.id).inserted else { throw SitingError("\(label): id appears twice") }
            guard candidate.cost.isFinite, candidate.cost >= 0 else { throw SitingError("\(label): cost \(candidate.cost) must be ≥ 0") }
            if let wrong = candidate.covers.first(where: { $0 < 0 || $0 >= demands.count }) {
                throw SitingError("\(label): covers index \(wrong) is out of range (\(demands.count) demands)")
            }
        }
        if let (group, room) = groupCapacity.first(where: { $0.value < 0 }) {
            throw SitingError("group_capacity of '\(group)': \(room) must be ≥ 0")
        }
        for (index, pair) in exclusions.enumerated() {
            guard pair.count == 2, pair.allSatisfy(candidates.indices.contains), pair[0] != pair[1] else {
                throw SitingError("exclusions[\(index)]: needs two different candidates")
            }
        }
    }

    /// Shares within 0–1, demands in range, and each minimum reachable with every candidate chosen.
    private func validateMinimumCoverage() throws(SitingError) {
        var reachable = [Bool](repeating: false, count: demands.count)
        for candidate in candidates { for demand in candidate.covers { reachable[demand] = true } }
        for minimum in minimumCoverage {
            let label = "minimum coverage '\(minimum.id)'"
            guard minimum.share.isFinite, (0...1).contains(minimum.share) else {
                throw SitingError("\(label): share \(minimum.share) must be within 0–1")
            }
            if let wrong = minimum.demands.first(where: { $0 < 0 || $0 >= demands.count }) {
                throw SitingError("\(label): demand index \(wrong) is out of range (\(demands.count) demands)")
            }
            let total = minimum.demands.reduce(0) { $0 + demands[$1] }
            let most = minimum.demands.reduce(0) { $0 + (reachable[$1] ? demands[$1] : 0) }
            if most < minimum.needed(of: demands) * (1 - 1e-12) {
                throw SitingError(
                    "infeasible: \(label) needs \(formatPercent(minimum.share)) covered, but every candidate together covers "
                        + "\(formatPercent(total > 0 ? most / total : 0))"
                )
            }
        }
    }
}

/// A share as a percentage with up to two decimals.
private func formatPercent(_ share: Double) -> String {
    (share * 100).formatted(.number.precision(.fractionLength(0...2))) + " %"}

/// A siting instance or request that cannot be solved, in words.
public struct SitingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// No answer meets every minimum coverage: proven so (by the LP or branch and bound), or none was found.
    static func unreachableMinimums(proven: Bool) -> SitingError {
        SitingError(
            proven
                ? "infeasible: no choice of sites within the limits (p, budget, groups, exclusions) meets every minimum coverage"
                : "no choice of sites meeting every minimum coverage was found within the limits and the time limit"
        )
    }
}
