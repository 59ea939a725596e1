import Coverage
import Foundation
import Planning
import Propagation
import Terrain

/// A 2G BCCH channel plan's files: the interference matrix a `--ci` run wrote (`interference.csv`), the neighbour
/// lists a `--neighbours` run wrote (`neighbours.csv`), the channels to use, and the plan (`channels.csv`: `id`,
/// `arfcn`), which `--channels` applies to a site list.
public enum ChannelPlan {
    /// The problem of the matrix at `matrix` and, where given, the 2G handover neighbours of `neighbours` (a
    /// `neighbours.csv`): a planner over their sites (in the order they first appear, the matrix's first) and the cost of
    /// the channels they have now.
    public static func problem(matrix: String, neighbours: String? = nil) throws(InputError) -> (planner: ChannelPlanner, now: ChannelPlanner.Cost) {
        var sites = SiteNumbers(), now = ChannelPlanner.Cost()
        let pairs = try interference(matrix, sites: &sites, now: &now)
        let separated = try neighbours.map { path throws(InputError) in try neighbourPairs(path, sites: &sites, now: &now) } ?? []
        return (ChannelPlanner(ids: sites.ids, pairs: pairs, separated: separated), now)
    }

    /// The interference matrix in `path`, its pairs' cells on one channel and on adjacent ones added to `now`.
    private static func interference(
        _ path: String, sites: inout SiteNumbers, now: inout ChannelPlanner.Cost
    ) throws(InputError) -> [(victim: Int, interferer: Int, cells: Int)] {
        let csv = CSV(try readTextInput(path))
        guard let columns = csv.columns(["victim", "interferer", "cells", "channels_apart"]) else {
            throw InputError(path: path, reason: "needs the columns victim, interferer, cells and channels_apart: the interference.csv of a run with --ci")
        }
        let (victimColumn, interfererColumn, cellsColumn, apartColumn) = (columns[0], columns[1], columns[2], columns[3])
        var pairs: [(victim: Int, interferer: Int, cells: Int)] = []
        for (line, row) in csv.dataRows {
            guard row.count > columns.max()!, let cells = Int(row[cellsColumn]), (0...maximumCells).contains(cells),
                let apart = Int(row[apartColumn]), apart >= 0, !row[victimColumn].isEmpty, row[victimColumn] != row[interfererColumn]
            else {
                throw InputError(
                    path: path, reason: "line \(line): expected two different site ids, whole cells (at most \(maximumCells)) and channels apart"
                )
            }
            pairs.append((sites.number(row[victimColumn]), sites.number(row[interfererColumn]), cells))
            if apart == 0 { now.coChannelCells += cells }
            if apart == 1 { now.adjacentChannelCells += cells }
        }
        guard !pairs.isEmpty else { throw InputError(path: path, reason: "lists no pair of sites") }
        return pairs
    }

    /// The 2G relations of the neighbour lists in `path` (other technologies' rows are left out), those on one channel
    /// now counted into `now` once a pair.
    private static func neighbourPairs(_ path: String, sites: inout SiteNumbers, now: inout ChannelPlanner.Cost) throws(InputError) -> [(Int, Int)] {
        let csv = CSV(try readTextInput(path))
        guard let columns = csv.columns(["technology", "source", "target", "same_frequency"]) else {
            throw InputError(path: path, reason: "needs the columns technology, source, target and same_frequency: the neighbours.csv of a run with --neighbours")
        }
        var pairs: [(Int, Int)] = [], onOneChannel = Set<[Int]>()
        for (line, row) in csv.dataRows {
            guard row.count > columns.max()!, let technology = Technology(named: row[columns[0]]), ["true", "false"].contains(row[columns[3]]),
                !row[columns[1]].isEmpty, row[columns[1]] != row[columns[2]]
            else {
                throw InputError(path: path, reason: "line \(line): expected a technology, two different site ids and same_frequency true or false")
            }
            guard technology == .gsm else { continue }
            let pair = (sites.number(row[columns[1]]), sites.number(row[columns[2]]))
            pairs.append(pair)
            if row[columns[3]] == "true" { onOneChannel.insert([min(pair.0, pair.1), max(pair.0, pair.1)]) }
        }
        guard !pairs.isEmpty else { throw InputError(path: path, reason: "lists no 2G neighbours") }
        now.neighboursOnOneChannel += onOneChannel.count
        return pairs
    }

    /// More cells than any grid holds: a pair's count beyond it is refused, so that sums cannot overflow.
    static let maximumCells = 1_000_000_000

    /// The ARFCNs of a list such as "1-12" or "1,3,5,60-64"; nil for a malformed list, a number no GSM band has, or
    /// one listed twice.
    public static func channels(_ text: String) -> [Int]? {
        numberRanges(text).flatMap { channels in channels.allSatisfy { GSMChannel.downlinkMHz($0) != nil } ? channels : nil }
    }

    /// `channels.csv`: per site its ARFCN, carrier frequency, the cells it and the sites on its channel would lose to
    /// each other, how many of its neighbours share its channel, its BSIC (`ncc`, `bcc`) and how many of the sites on
    /// its channel it must be told apart from share it.
    public static func csv(_ planner: ChannelPlanner, assignment: [Int], channels: [Int], bsic: [Int]) -> String {
        var lines = ["id,arfcn,frequency_mhz,co_channel_cells,neighbours_on_channel,ncc,bcc,bsic_clashes"]
        let clashes = planner.bsicClashes(in: assignment, bsic: bsic)
        for (site, id) in planner.ids.enumerated() {
            let cells = planner.coChannelCells(of: site, in: assignment), arfcn = channels[assignment[site]]
            let neighbours = planner.neighboursOnChannel(of: site, in: assignment)
            lines.append(
                "\(csvField(id)),\(arfcn),\(String(format: "%.1f", GSMChannel.downlinkMHz(arfcn)!)),\(cells),\(neighbours),"
                    + "\(bsic[site] / 8),\(bsic[site] % 8),\(clashes[site].clashes)"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The network colour codes (NCC, 0–7) of a list such as "0-7" or "2,5"; nil for a malformed list, a number outside
    /// 0–7, or one listed twice.
    public static func colourCodes(_ text: String) -> [Int]? {
        numbers(text, within: 0...7)
    }

    /// A site's carrier in a plan, MHz, and its BSIC where the plan gives one.
    public struct PlannedCarrier: Sendable, Equatable {
        public let frequencyMHz: Double
        public let bsic: Int?

        public init(frequencyMHz: Double, bsic: Int? = nil) {
            self.frequencyMHz = frequencyMHz
            self.bsic = bsic
        }
    }

    /// The plan in `path` (columns `id` and `arfcn`, or `id` and `frequency_mhz`; `ncc` and `bcc` too for BSICs):
    /// each listed site's carrier.
    public static func load(_ path: String) throws(InputError) -> [String: PlannedCarrier] {
        let csv = CSV(try readTextInput(path))
        let header = csv.header
        let arfcnColumn = header.firstIndex(of: "arfcn"), frequencyColumn = header.firstIndex(of: "frequency_mhz")
        guard let idColumn = header.firstIndex(of: "id"), arfcnColumn != nil || frequencyColumn != nil else {
            throw InputError(path: path, reason: "needs the columns id and arfcn (or frequency_mhz): a channel plan such as phusong channels writes")
        }
        let colourColumns = csv.columns(["ncc", "bcc"])
        return try sitePlanRows(csv, path: path, idColumn: idColumn, columns: []) { row, line, id throws(InputError) in
            let carrier: Double?
            if let arfcnColumn, row.count > arfcnColumn, !row[arfcnColumn].isEmpty {
                carrier = Int(row[arfcnColumn]).flatMap(GSMChannel.downlinkMHz)
            } else {
                carrier = frequencyColumn.flatMap { row.count > $0 ? csv.number(row[$0]) : nil }.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
            }
            guard let carrier else {
                throw InputError(path: path, reason: "line \(line): site '\(id)' has no GSM channel (\(GSMChannel.bands)) nor a positive frequency_mhz")
            }
            var bsic: Int?
            if let colourColumns {
                guard row.count > colourColumns.max()!, let ncc = Int(row[colourColumns[0]]), let bcc = Int(row[colourColumns[1]]),
                    (0...7).contains(ncc), (0...7).contains(bcc)
                else { throw InputError(path: path, reason: "line \(line): site '\(id)' has no ncc and bcc 0–7") }
                bsic = 8 * ncc + bcc
            }
            return PlannedCarrier(frequencyMHz: carrier, bsic: bsic)
        }
    }

    /// `sites` on the carriers of `plan` (read from `path`), with its BSICs where it gives them, which may list 2G
    /// sites of `sites` only.
    public static func apply(_ plan: [String: PlannedCarrier], to sites: [Site], path: String) throws(InputError) -> [Site] {
        try applyPlan(plan, to: sites, path: path, technology: .gsm, kind: "channel", what: "BCCH") { site, planned in
            site.frequencyMHz = planned.frequencyMHz
            if let bsic = planned.bsic { site.bsic = bsic }
        }
    }
}
