import Coverage
import Foundation
import Terrain

/// A tilt plan (`tilts.csv` as `phusong tilt` writes it: `id`, `adjusts`, `tilt_after_deg` and, if there, an
/// `azimuth_after_deg`), which `--tilts` applies to a site list: each listed sector turned to its tilt (and azimuth).
public enum TiltPlan {
    /// One sector's entry: which of its tilts turns, to how many degrees, and its azimuth when the plan gives one.
    public struct Entry: Sendable, Equatable {
        public let adjusts: TiltAdjustment
        public let tiltDeg: Double
        public let azimuthDeg: Double?
    }

    /// The downtilts a plan may give, degrees.
    public static let tiltRange = -20.0...45

    /// The plan in `path`: each listed sector's entry.
    public static func load(_ path: String) throws(InputError) -> [String: Entry] {
        let csv = CSV(try readTextInput(path))
        guard let columns = csv.columns(["id", "adjusts", "tilt_after_deg"]) else {
            throw InputError(path: path, reason: "needs the columns id, adjusts and tilt_after_deg: a tilt plan such as phusong tilt writes")
        }
        let azimuthColumn = csv.header.firstIndex(of: "azimuth_after_deg")
        var plan: [String: Entry] = [:]
        for (line, row) in csv.dataRows {
            guard row.count > columns.max()!, !row[columns[0]].isEmpty else { throw InputError(path: path, reason: "line \(line): no site id") }
            let id = row[columns[0]], field = { (column: Int) in row[columns[column]].trimmingCharacters(in: .whitespaces) }
            guard let adjusts = TiltAdjustment(rawValue: field(1).lowercased()) else {
                throw InputError(path: path, reason: "line \(line): site '\(id)' adjusts '\(field(1))': electrical or mechanical")
            }
            guard let tilt = Double(field(2)), tiltRange.contains(tilt) else {
                throw InputError(path: path, reason: "line \(line): site '\(id)' has no tilt (degrees within −20–45)")
            }
            let azimuthText = azimuthColumn.flatMap { $0 < row.count ? row[$0].trimmingCharacters(in: .whitespaces) : nil } ?? ""
            let azimuth = Double(azimuthText)
            guard azimuthText.isEmpty || azimuth.map({ (0...360).contains($0) }) == true else {
                throw InputError(path: path, reason: "line \(line): site '\(id)' has azimuth '\(azimuthText)' (degrees within 0–360)")
            }
            guard plan.updateValue(Entry(adjusts: adjusts, tiltDeg: tilt, azimuthDeg: azimuth), forKey: id) == nil else {
                throw InputError(path: path, reason: "line \(line): site '\(id)' is listed twice")
            }
        }
        return plan
    }

    /// `sites` with the tilts of `plan` (read from `path`), which may list sectors of `sites` only, each by the tilt it
    /// turns (the electrical tilt of a parametric pattern, the mechanical tilt of a pattern file).
    public static func apply(_ plan: [String: Entry], to sites: [Site], path: String) throws(InputError) -> [Site] {
        let known = Dictionary(sites.map { ($0.id, $0.antenna) }, uniquingKeysWith: { first, _ in first })
        for (id, entry) in plan.sorted(by: { $0.key < $1.key }) {
            guard let antenna = known[id] else { throw InputError(path: path, reason: "site '\(id)' is not in the site list") }
            guard let adjustment = TiltAdjustment(for: antenna) else {
                throw InputError(path: path, reason: "site '\(id)' is omnidirectional: it has no tilt to turn")
            }
            guard adjustment == entry.adjusts else {
                throw InputError(
                    path: path,
                    reason: "site '\(id)' turns its \(adjustment.rawValue) tilt (\(adjustment == .electrical ? "a parametric pattern" : "a pattern file")), not its \(entry.adjusts.rawValue) one"
                )
            }
        }
        return sites.map { site in
            guard let entry = plan[site.id] else { return site }
            var planned = site
            planned.antenna = entry.adjusts.antenna(site.antenna, tiltedTo: entry.tiltDeg)
            if let azimuth = entry.azimuthDeg { planned.antenna.azimuth = azimuth }
            return planned
        }
    }
}
