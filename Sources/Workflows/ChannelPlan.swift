import Coverage
import Foundation
import Propagation
import Terrain

/// A 2G BCCH channel plan's files: the interference matrix a `--ci` run wrote (`interference.csv`), the channels to
/// use, and the plan (`channels.csv`: `id`, `arfcn`), which `--channels` applies to a site list.
public enum ChannelPlan {
    /// The matrix in `path`: a planner over its sites (in the order they first appear) and the cells of its pairs on
    /// one channel now (`channels_apart` 0).
    public static func matrix(_ path: String) throws(InputError) -> (planner: ChannelPlanner, coChannelCellsNow: Int) {
        let csv = CSV(try readTextInput(path))
        let header = csv.rows.first?.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? []
        guard let victimColumn = header.firstIndex(of: "victim"), let interfererColumn = header.firstIndex(of: "interferer"),
            let cellsColumn = header.firstIndex(of: "cells"), let apartColumn = header.firstIndex(of: "channels_apart")
        else {
            throw InputError(path: path, reason: "needs the columns victim, interferer, cells and channels_apart: the interference.csv of a run with --ci")
        }
        var ids: [String] = [], index: [String: Int] = [:], pairs: [(victim: Int, interferer: Int, cells: Int)] = [], now = 0
        func site(_ id: String) -> Int {
            if let known = index[id] { return known }
            index[id] = ids.count
            ids.append(id)
            return ids.count - 1
        }
        for (offset, row) in csv.rows.enumerated().dropFirst() where row.count > 1 || row.first?.isEmpty == false {
            let columns = [victimColumn, interfererColumn, cellsColumn, apartColumn]
            guard row.count > columns.max()!, let cells = Int(row[cellsColumn]), (0...maximumCells).contains(cells),
                let apart = Int(row[apartColumn]), apart >= 0, !row[victimColumn].isEmpty, row[victimColumn] != row[interfererColumn]
            else {
                throw InputError(
                    path: path, reason: "line \(offset + 1): expected two different site ids, whole cells (at most \(maximumCells)) and channels apart"
                )
            }
            pairs.append((site(row[victimColumn]), site(row[interfererColumn]), cells))
            if apart == 0 { now += cells }
        }
        guard !pairs.isEmpty else { throw InputError(path: path, reason: "lists no pair of sites") }
        return (ChannelPlanner(ids: ids, pairs: pairs), now)
    }

    /// More cells than any grid holds: a pair's count beyond it is refused, so that sums cannot overflow.
    static let maximumCells = 1_000_000_000

    /// The ARFCNs of a list such as "1-12" or "1,3,5,60-64"; nil for a malformed list, a number no GSM band has, or
    /// one listed twice.
    public static func channels(_ text: String) -> [Int]? {
        var channels: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(ends.count), let first = ends.first ?? nil, let last = ends.last ?? nil, first <= last else { return nil }
            channels += Array(first...last)
        }
        guard Set(channels).count == channels.count, channels.allSatisfy({ GSMChannel.downlinkMHz($0) != nil }) else { return nil }
        return channels
    }

    /// `channels.csv`: per site its ARFCN, carrier frequency and the cells it and the sites on its channel would
    /// lose to each other.
    public static func csv(_ planner: ChannelPlanner, assignment: [Int], channels: [Int]) -> String {
        var lines = ["id,arfcn,frequency_mhz,co_channel_cells"]
        for (site, id) in planner.ids.enumerated() {
            let cells = planner.coChannelCells(of: site, in: assignment), arfcn = channels[assignment[site]]
            lines.append("\(csvField(id)),\(arfcn),\(String(format: "%.1f", GSMChannel.downlinkMHz(arfcn)!)),\(cells)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The plan in `path` (columns `id` and `arfcn`, or `id` and `frequency_mhz`): each listed site's carrier, MHz.
    public static func load(_ path: String) throws(InputError) -> [String: Double] {
        let csv = CSV(try readTextInput(path))
        let header = csv.rows.first?.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? []
        let arfcnColumn = header.firstIndex(of: "arfcn"), frequencyColumn = header.firstIndex(of: "frequency_mhz")
        guard let idColumn = header.firstIndex(of: "id"), arfcnColumn != nil || frequencyColumn != nil else {
            throw InputError(path: path, reason: "needs the columns id and arfcn (or frequency_mhz): a channel plan such as phusong channels writes")
        }
        var plan: [String: Double] = [:]
        for (offset, row) in csv.rows.enumerated().dropFirst() where row.count > 1 || row.first?.isEmpty == false {
            let line = offset + 1
            guard row.count > idColumn, !row[idColumn].isEmpty else { throw InputError(path: path, reason: "line \(line): no site id") }
            let id = row[idColumn]
            let carrier: Double?
            if let arfcnColumn, row.count > arfcnColumn, !row[arfcnColumn].isEmpty {
                carrier = Int(row[arfcnColumn]).flatMap(GSMChannel.downlinkMHz)
            } else {
                carrier = frequencyColumn.flatMap { row.count > $0 ? csv.number(row[$0]) : nil }.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
            }
            guard let carrier else {
                throw InputError(path: path, reason: "line \(line): site '\(id)' has no GSM channel (\(GSMChannel.bands)) nor a positive frequency_mhz")
            }
            guard plan.updateValue(carrier, forKey: id) == nil else { throw InputError(path: path, reason: "line \(line): site '\(id)' is listed twice") }
        }
        return plan
    }

    /// `sites` on the carriers of `plan` (read from `path`), which may list 2G sites of `sites` only.
    public static func apply(_ plan: [String: Double], to sites: [Site], path: String) throws(InputError) -> [Site] {
        let known = Dictionary(sites.map { ($0.id, $0.technology) }, uniquingKeysWith: { first, _ in first })
        for id in plan.keys.sorted() {
            guard let technology = known[id] else { throw InputError(path: path, reason: "site '\(id)' is not in the site list") }
            guard technology == .gsm else {
                throw InputError(path: path, reason: "site '\(id)' is a \(technology.rawValue) site: a channel plan gives 2G sites their BCCH")
            }
        }
        return sites.map { site in
            var planned = site
            if let carrier = plan[site.id] { planned.frequencyMHz = carrier }
            return planned
        }
    }
}
