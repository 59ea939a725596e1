import Coverage
import Foundation
import Planning
import Terrain

/// A neighbour list configured in a network (an OSS export: `source,target` per relation) set beside the lists a
/// `--neighbours` run predicts from coverage: which relations the network lacks, which it keeps that coverage does not
/// call for, and which it has right.
public struct NeighbourAudit: Sendable {
    /// One relation of either list.
    public struct Row: Sendable, Equatable {
        public let source: String
        public let target: String
        public let status: Status
        /// The predicted relation's reason, cells and share of the source's best-server cells; nil where not predicted.
        public let reason: String?
        public let cells: Int?
        public let percent: Double?
    }

    /// How a relation stands.
    public enum Status: String, Sendable {
        /// Predicted and configured.
        case kept
        /// Predicted, not configured: handovers there fail or drop.
        case missing
        /// Configured, not predicted, between sites of the run: it costs a place in the list and measurements.
        case unneeded
        /// Configured with a site the run did not predict for: nothing to say.
        case unknownSite = "unknown_site"
    }

    public let rows: [Row]

    /// The audit of the relations configured in `configured` (columns `source` and `target`) against those predicted
    /// in `predicted` (`neighbours.csv`, `inter_technology_neighbours.csv`): the missing first, the largest share of the
    /// source's cells first, then
    /// the unneeded and those with an unknown site in the configured order, then those kept.
    public init(predicted: [String], configured: String) throws(InputError) {
        var named = Set<String>(), relations: [Pair: Row] = [:], order: [Pair] = []
        for path in predicted {
            let csv = CSV(try readTextInput(path))
            guard let columns = csv.columns(["source", "target", "cells", "percent"]) else {
                throw InputError(path: path, reason: "needs the columns source, target, cells and percent: a neighbours.csv or inter_technology_neighbours.csv")
            }
            let reasonColumn = csv.header.firstIndex(of: "reason")
            for (line, row) in csv.dataRows {
                guard row.count > columns.max()!, !row[columns[0]].isEmpty, !row[columns[1]].isEmpty, let cells = Int(row[columns[2]]),
                    let percent = Double(row[columns[3]]), percent.isFinite
                else { throw InputError(path: path, reason: "line \(line): expected two site ids, whole cells and a percentage") }
                let pair = Pair(source: row[columns[0]], target: row[columns[1]])
                named.formUnion([pair.source, pair.target])
                if relations[pair] == nil { order.append(pair) }
                let reason = reasonColumn.map { row.count > $0 ? row[$0] : "" } ?? "inter-technology"
                relations[pair] = Row(source: pair.source, target: pair.target, status: .missing, reason: reason, cells: cells, percent: percent)
            }
        }
        let csv = CSV(try readTextInput(configured))
        guard let columns = csv.columns(["source", "target"]) else {
            throw InputError(path: configured, reason: "needs the columns source and target: one configured neighbour relation per line")
        }
        var others: [Row] = [], listed = Set<Pair>()
        for (line, row) in csv.dataRows {
            guard row.count > columns.max()!, !row[columns[0]].isEmpty, !row[columns[1]].isEmpty else {
                throw InputError(path: configured, reason: "line \(line): expected a source and a target site id")
            }
            let pair = Pair(source: row[columns[0]], target: row[columns[1]])
            guard listed.insert(pair).inserted else { continue }
            if let predicted = relations[pair] {
                relations[pair] = Row(source: pair.source, target: pair.target, status: .kept, reason: predicted.reason, cells: predicted.cells, percent: predicted.percent)
            } else {
                let status: Status = named.contains(pair.source) && named.contains(pair.target) ? .unneeded : .unknownSite
                others.append(Row(source: pair.source, target: pair.target, status: status, reason: nil, cells: nil, percent: nil))
            }
        }
        let predictedRows = order.compactMap { relations[$0] }
        let missing = predictedRows.enumerated().filter { $0.element.status == .missing }
            .sorted { ($0.element.percent ?? 0, -$0.offset) > ($1.element.percent ?? 0, -$1.offset) }.map(\.element)
        rows = missing + others.filter { $0.status == .unneeded } + others.filter { $0.status == .unknownSite }
            + predictedRows.filter { $0.status == .kept }
    }

    /// A relation's two ends.
    private struct Pair: Hashable {
        let source: String
        let target: String
    }

    /// How many relations stand as `status`.
    public func count(_ status: Status) -> Int { rows.filter { $0.status == status }.count }

    /// `audit.csv`: `source`, `target`, `status`, and the predicted `reason`, `cells` and `percent` (empty where not
    /// predicted).
    public var csv: String {
        let lines = rows.map { row in
            [
                csvField(row.source), csvField(row.target), row.status.rawValue, row.reason.map(csvField) ?? "",
                row.cells.map(String.init) ?? "", row.percent.map { String(format: "%.3f", $0) } ?? "",
            ].joined(separator: ",")
        }
        return (["source,target,status,reason,cells,percent"] + lines).joined(separator: "\n") + "\n"
    }
}
