import Coverage
import Foundation
import Terrain

/// Cells' own loads from a file, which `--loads` applies to a site list as their `load_percent`: a CSV of `id` and
/// `load_percent` (0–100), or a run's `traffic.csv`, whose 4G and 5G carriers' `airtime_percent` — the share of their
/// time their residents' busy-hour data needs — is their load, all of it where they would need more.
public enum LoadPlan {
    /// The loads in `path`, percent, by site id; a `traffic.csv`'s rows without air time (2G, 3G, 4G or 5G without a
    /// bandwidth) are left out.
    public static func load(_ path: String) throws(InputError) -> [String: Double] {
        let csv = CSV(try readTextInput(path))
        if let columns = csv.columns(["id", "load_percent"]) {
            return try sitePlanRows(csv, path: path, idColumn: columns[0], columns: columns) { row, line, id throws(InputError) in
                guard let load = Double(row[columns[1]].trimmingCharacters(in: .whitespaces)), Site.loadRange.contains(load) else {
                    throw InputError(path: path, reason: "line \(line): site '\(id)' has no load_percent (0–100 %)")
                }
                return load
            }
        }
        guard let columns = csv.columns(["id", "airtime_percent"]) else {
            throw InputError(path: path, reason: "needs the columns id and load_percent, or a run's traffic.csv (id and airtime_percent)")
        }
        let airtimes = try sitePlanRows(csv, path: path, idColumn: columns[0], columns: columns) { row, line, id throws(InputError) -> Double? in
            let text = row[columns[1]].trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let airtime = Double(text), airtime >= 0, airtime.isFinite else {
                throw InputError(path: path, reason: "line \(line): site '\(id)' has airtime_percent '\(text)' (a share of its time, percent)")
            }
            return min(100, airtime)
        }
        return airtimes.compactMapValues { $0 }
    }

    /// `sites` with the loads of `plan` (read from `path`), which may list 3G, 4G and 5G sites of `sites` only.
    public static func apply(_ plan: [String: Double], to sites: [Site], path: String) throws(InputError) -> [Site] {
        try applyPlan(plan, to: sites, path: path) { site, _ in
            switch site.technology {
            case .gsm: "is a 2G site: its BCCH carrier always transmits whole, so it takes no load"
            case .umts, .lte, .nr: nil
            }
        } set: { site, load in
            site.loadPercent = load
        }
    }
}
