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
        return try sitePlanRows(csv, path: path, idColumn: columns[0], columns: columns) { row, line, id throws(InputError) in
            let field = { (column: Int) in row[columns[column]].trimmingCharacters(in: .whitespaces) }
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
            return Entry(adjusts: adjusts, tiltDeg: tilt, azimuthDeg: azimuth)
        }
    }

    /// `sites` with the tilts of `plan` (read from `path`), which may list sectors of `sites` only, each by the tilt it
    /// turns (the electrical tilt of a parametric pattern, the mechanical tilt of a pattern file).
    public static func apply(_ plan: [String: Entry], to sites: [Site], path: String) throws(InputError) -> [Site] {
        try applyPlan(plan, to: sites, path: path) { site, entry in
            guard let adjustment = TiltAdjustment(for: site.antenna) else { return "is omnidirectional: it has no tilt to turn" }
            guard adjustment == entry.adjusts else {
                let pattern = adjustment == .electrical ? "a parametric pattern" : "a pattern file"
                return "turns its \(adjustment.rawValue) tilt (\(pattern)), not its \(entry.adjusts.rawValue) one"
            }
            return nil
        } set: { site, entry in
            site.antenna = entry.adjusts.antenna(site.antenna, tiltedTo: entry.tiltDeg)
            if let azimuth = entry.azimuthDeg { site.antenna.azimuth = azimuth }
        }
    }
}
