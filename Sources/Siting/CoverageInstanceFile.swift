import Foundation
import Terrain

/// Reads coverage instances: `{"name", "demands": [w…], "candidates": [{"id", "cost", "covers": [i…],
/// "kind"?, "group"?, "fixed"?}], "p"?, "budget"?, "exclusions"?: [[id, id]…], "group_capacity"?: {group: n},
/// "minimum_coverage"?: [{"id", "demands": [i…], "share": 0–1}…], "backhaul"?: {"needing_link": [id…], "links":
/// [[id, id]…]}}`, plain or gzip-compressed.
public enum CoverageInstanceFile {
    public static func load(_ path: String) throws(InputError) -> CoverageInstance {
        let data = try readPossiblyGzipped(path)
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw InputError(path: path, reason: "not a JSON object (malformed or truncated JSON?)")
        }
        func fault(_ field: String, _ reason: String) -> InputError { InputError(path: path, reason: "\(field): \(reason)") }
        guard let demandValues = root["demands"] as? [Any] else { throw fault("demands", "missing, or not an array") }
        let demands = try demandValues.enumerated().map { index, value throws(InputError) in
            guard let number = number(value) else { throw fault("demands[\(index)]", "not a number") }
            return number
        }
        guard let candidateValues = root["candidates"] as? [Any] else { throw fault("candidates", "missing, or not an array") }
        let candidates = try candidateValues.enumerated().map { index, value throws(InputError) -> CoverageInstance.Candidate in
            let field = "candidates[\(index)]"
            guard let object = value as? [String: Any] else { throw fault(field, "not an object") }
            guard let id = object["id"].map({ "\($0)" }), !id.isEmpty else { throw fault(field + ".id", "missing") }
            guard let cost = object["cost"].flatMap(number) else { throw fault(field + ".cost", "missing, or not a number") }
            let covers = try demandIndices(object["covers"], field: field + ".covers", fault: fault)
            var kind = CoverageInstance.Kind.greenfield
            if let text = object["kind"] {
                guard let parsed = (text as? String).flatMap(CoverageInstance.Kind.init) else {
                    throw fault(field + ".kind", "'\(text)' is not greenfield, shared or existing")
                }
                kind = parsed
            }
            let fixed = (object["fixed"] as? Bool) ?? (kind == .existing)
            return .init(id: id, cost: cost, covers: covers, kind: kind, group: object["group"].map { "\($0)" }, fixed: fixed)
        }
        let p = try root["p"].map { value throws(InputError) -> Int in
            guard let count = count(value) else { throw fault("p", "'\(value)' is not a whole number from 0 to 10⁹") }
            return count
        }
        let budget = try root["budget"].map { value throws(InputError) -> Double in
            guard let number = number(value) else { throw fault("budget", "not a number") }
            return number
        }
        let positions = Dictionary(candidates.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        func position(_ id: Any, field: String) throws(InputError) -> Int {
            guard let position = positions["\(id)"] else { throw fault(field, "no candidate with id '\(id)'") }
            return position
        }
        /// A list of pairs of candidate ids, as index pairs.
        func pairs(_ value: Any?, field: String) throws(InputError) -> [[Int]] {
            try (value as? [Any] ?? []).enumerated().map { index, value throws(InputError) -> [Int] in
                guard let pair = value as? [Any], pair.count == 2 else { throw fault("\(field)[\(index)]", "not a pair of candidate ids") }
                return try pair.map { id throws(InputError) in try position(id, field: "\(field)[\(index)]") }
            }
        }
        let exclusions = try pairs(root["exclusions"], field: "exclusions")
        let backhaul = try root["backhaul"].map { value throws(InputError) -> CoverageInstance.Backhaul in
            guard let object = value as? [String: Any] else { throw fault("backhaul", "not an object of needing_link and links") }
            let needing = try (object["needing_link"] as? [Any] ?? []).enumerated().map { index, id throws(InputError) in
                try position(id, field: "backhaul.needing_link[\(index)]")
            }
            return .init(needingLink: Set(needing), links: try pairs(object["links"], field: "backhaul.links"))
        }
        var capacities: [String: Int] = [:]
        if let given = root["group_capacity"] {
            guard let object = given as? [String: Any] else { throw fault("group_capacity", "not an object of group → slots") }
            for (group, value) in object {
                guard let slots = count(value) else {
                    throw fault("group_capacity.\(group)", "'\(value)' is not a whole number from 0 to 10⁹")
                }
                capacities[group] = slots
            }
        }
        let minimums = try (root["minimum_coverage"].map { value throws(InputError) -> [Any] in
            guard let list = value as? [Any] else { throw fault("minimum_coverage", "not an array") }
            return list
        } ?? []).enumerated().map { index, value throws(InputError) -> CoverageInstance.MinimumCoverage in
            let field = "minimum_coverage[\(index)]"
            guard let object = value as? [String: Any] else { throw fault(field, "not an object") }
            guard let share = object["share"].flatMap(number) else { throw fault(field + ".share", "missing, or not a number") }
            let demands = try demandIndices(object["demands"], field: field + ".demands", fault: fault)
            return .init(id: object["id"].map { "\($0)" } ?? "\(index)", demands: demands, share: share)
        }
        do {
            return try CoverageInstance(
                name: root["name"] as? String ?? URL(fileURLWithPath: path).lastPathComponent, demands: demands,
                candidates: candidates, p: p, budget: budget, exclusions: exclusions, groupCapacity: capacities,
                minimumCoverage: minimums, backhaul: backhaul, checkLimits: false
            )
        } catch {
            throw InputError(path: path, reason: error.message)
        }
    }

    /// A list of demand indices, ascending without repeats.
    private static func demandIndices(_ value: Any?, field: String, fault: (String, String) -> InputError) throws(InputError) -> [Int] {
        guard let values = value as? [Any] else { throw fault(field, "missing, or not an array") }
        let indices = try values.map { value throws(InputError) in
            guard let number = number(value), number == number.rounded(), abs(number) < 1e15 else {
                throw fault(field, "'\(value)' is not a demand index")
            }
            return Int(number)
        }
        return Array(Set(indices)).sorted()
    }

    /// A count of sites: a whole number from 0 to 10⁹.
    private static func count(_ value: Any) -> Int? {
        number(value).flatMap(Int.init(exactly:)).flatMap { (0...1_000_000_000).contains($0) ? $0 : nil }
    }

    private static func number(_ value: Any) -> Double? {
        guard type(of: value) != Bool.self, let number = value as? NSNumber, number.doubleValue.isFinite else { return nil }
        return number.doubleValue
    }
}
