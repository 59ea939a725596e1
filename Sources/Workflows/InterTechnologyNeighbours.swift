import Coverage
import Foundation
import Propagation

/// Each site's neighbours in another technology: the sites of that technology serving (as its strongest site, and
/// covering) at least the least share of the site's best-server cells, most cells first, cut at the maximum — where a
/// handset it serves would go on leaving its technology's coverage (from 4G to 2G, say).
struct InterTechnologyNeighbours {
    let from: Technology
    let to: Technology
    /// Per site of the run (by index), its neighbours in `to` with their cells, in order; empty for sites of other
    /// technologies.
    private(set) var lists: [[(target: Int, cells: Int)]]
    /// Per site, its best-server cells.
    private let servedCells: [Int]
    /// Relations the maximum left out.
    private(set) var leftOut = 0

    /// The lists from `from`'s covering servers to `to`'s, both per cell (site numbers, 1-based; 0 for none).
    init(from: Technology, servers: [Int32], to: Technology, targets: [Int32], siteCount: Int, settings: NeighbourSettings) {
        self.from = from
        self.to = to
        var served = Array(repeating: 0, count: siteCount), cells = Array(repeating: [Int: Int](), count: siteCount)
        for (server, target) in zip(servers, targets) where server > 0 {
            served[Int(server) - 1] += 1
            if target > 0 { cells[Int(server) - 1][Int(target) - 1, default: 0] += 1 }
        }
        servedCells = served
        lists = cells.indices.map { source in
            cells[source].filter { 100 * Double($0.value) / Double(served[source]) >= settings.minimumPercent }
                .map { (target: $0.key, cells: $0.value) }.sorted { ($0.cells, -$0.target) > ($1.cells, -$1.target) }
        }
        leftOut = lists.reduce(0) { $0 + max(0, $1.count - settings.maximum) }
        lists = lists.map { Array($0.prefix(settings.maximum)) }
    }

    /// How many relations there are.
    var count: Int { lists.reduce(0) { $0 + $1.count } }

    /// Whether a handset falls back from `from` to `to`: to an older technology.
    var isFallback: Bool { Technology.allCases.firstIndex(of: to)! < Technology.allCases.firstIndex(of: from)! }

    /// The CSV header of `rows(sites:)`.
    static let header = "source_technology,source,target_technology,target,rank,source_cells,cells,percent"

    /// Every relation: the source's best-server cells and those the target serves.
    var relations: [NeighbourRow] {
        lists.indices.flatMap { source in
            lists[source].enumerated().map { rank, relation in
                NeighbourRow(
                    sourceTechnology: from, source: source, targetTechnology: to, target: relation.target, rank: rank + 1, reason: nil,
                    sourceCells: servedCells[source], cells: relation.cells, sameFrequency: nil
                )
            }
        }
    }

    /// One CSV row per relation of `relations`.
    static func rows(_ relations: [NeighbourRow], sites: [Site]) -> [String] {
        relations.map { row in
            [
                row.sourceTechnology.rawValue, csvField(sites[row.source].id), row.targetTechnology.rawValue, csvField(sites[row.target].id),
                "\(row.rank)", "\(row.sourceCells)", "\(row.cells)", String(format: "%.3f", row.percent),
            ].joined(separator: ",")
        }
    }
}
