import Coverage
import Foundation
import Siting
import Terrain

/// A site proposal for `phusong plan`: a site with what choosing it costs.
public struct PlanCandidate: Sendable {
    public let site: Site
    public let cost: Double
    public let kind: CoverageInstance.Kind
    /// At most `groupCapacity` candidates of a group are chosen (e.g. the heights offered at one location).
    public let group: String?
    /// How many of the group's candidates may be chosen (e.g. a mast's free tenant slots); nil: one.
    public let groupCapacity: Int?
}

/// Reads candidates: a site file (GeoJSON or CSV, every site property) whose sites also carry `cost`
/// (required, ≥ 0, except for `existing` sites, where it defaults to 0), `kind` (`greenfield` by default,
/// `shared` for an existing mast to lease, `existing` for a site on air, always kept), an optional `group` and
/// its `group_capacity` (how many of the group may be chosen, 1 by default).
public enum CandidateFile {
    public static func load(_ path: String) throws(InputError) -> [PlanCandidate] {
        let sites = try SiteFile.load(path)
        let text = try readTextInput(path)
        let records = try attributes(text, path: path)
        guard records.count == sites.count else { throw InputError(path: path, reason: "could not pair the sites with their costs") }
        return try zip(sites, records).enumerated().map { index, pair throws(InputError) in
            let (site, record) = pair
            let label = "site \(index + 1) ('\(site.id)')"
            var kind = CoverageInstance.Kind.greenfield
            if let text = record["kind"], !text.isEmpty {
                guard let parsed = CoverageInstance.Kind(rawValue: text) else {
                    throw InputError(path: path, reason: "\(label): kind '\(text)' is not greenfield, shared or existing")
                }
                kind = parsed
            }
            let costText = record["cost"] ?? ""
            let cost: Double
            if costText.isEmpty, kind == .existing {
                cost = 0
            } else {
                guard let value = Double(costText), value >= 0, value.isFinite else {
                    throw InputError(path: path, reason: "\(label): cost must be a number ≥ 0 (got '\(costText)')")
                }
                cost = value
            }
            let group = record["group"].flatMap { $0.isEmpty ? nil : $0 }
            var capacity: Int?
            if let text = record["group_capacity"], !text.isEmpty {
                guard let value = Int(text), value >= 0 else {
                    throw InputError(path: path, reason: "\(label): group_capacity must be a whole number ≥ 0 (got '\(text)')")
                }
                capacity = value
            }
            return PlanCandidate(site: site, cost: cost, kind: kind, group: group, groupCapacity: capacity)
        }
    }

    /// `cost`, `kind`, `group` and `group_capacity` of each site, in file order, as text.
    private static func attributes(_ text: String, path: String) throws(InputError) -> [[String: String]] {
        let keys = ["cost", "kind", "group", "group_capacity"]
        if text.first(where: { !$0.isWhitespace }) == "{" {
            let root = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
            let features = root?["features"] as? [[String: Any]] ?? []
            return features.map { feature in
                let properties = feature["properties"] as? [String: Any] ?? [:]
                var record: [String: String] = [:]
                for key in keys {
                    guard let value = properties[key], !(value is NSNull) else { continue }
                    record[key] = (value as? NSNumber)?.stringValue ?? "\(value)"
                }
                return record
            }
        }
        let table = CSV(text), rows = table.rows
        let header = rows.first?.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? []
        return rows.dropFirst().filter { !($0.count == 1 && $0[0].isEmpty) }.map { fields in
            var record: [String: String] = [:]
            for (name, field) in zip(header, fields) where keys.contains(name) {
                let text = field.trimmingCharacters(in: .whitespaces)
                record[name] = name == "cost" ? table.numeral(text) : text
            }
            return record
        }
    }
}
