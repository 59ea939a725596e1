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

/// Reads candidates: a site file (any format `SiteFile` reads, every site property) whose sites also carry `cost`
/// (required, ≥ 0, except for `existing` sites, where it defaults to 0), `kind` (`greenfield` by default,
/// `shared` for an existing mast to lease, `existing` for a site on air, always kept), an optional `group` and
/// its `group_capacity` (how many of the group may be chosen, 1 by default).
public enum CandidateFile {
    public static func load(_ path: String) throws(InputError) -> [PlanCandidate] {
        let entries = try SiteFile.entries(path, keeping: ["cost", "kind", "group", "group_capacity"])
        return try entries.enumerated().map { index, entry throws(InputError) in
            let site = entry.site, record = entry.attributes
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
}
