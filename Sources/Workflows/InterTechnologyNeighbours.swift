import Coverage
import Foundation
import Planning
import Propagation

/// Each site's neighbours in another technology: first that technology's sectors on its mast, the one pointing the
/// nearest way first (a handset falls back to the co-sited sector before any other), then the sites of that technology
/// serving (as its strongest site, and covering) at least the least share of the site's best-server cells, most cells
/// first; cut at the maximum — where a handset it serves would go on leaving its technology's coverage (from 4G to 2G,
/// say).
struct InterTechnologyNeighbours: NeighbourListing {
    let from: Technology
    let to: Technology
    /// Per site of the run (by index), its neighbours in `to`, in order; empty for sites of other technologies.
    private(set) var lists: [[NeighbourLists.Relation]]
    /// Per site, its best-server cells.
    private let servedCells: [Int]
    /// Per site, its best-server cells each site of `to` serves, by site.
    private let cells: [[Int: Int]]
    /// Relations the maximum left out.
    private(set) var leftOut = 0

    /// The lists from `from`'s covering servers to `to`'s, both per cell (site numbers, 1-based; 0 for none).
    init(from: Technology, servers: [Int32], to: Technology, targets: [Int32], sites: [Site], settings: NeighbourSettings) {
        self.from = from
        self.to = to
        var served = Array(repeating: 0, count: sites.count), cells = Array(repeating: [Int: Int](), count: sites.count)
        for (server, target) in zip(servers, targets) where server > 0 {
            served[Int(server) - 1] += 1
            if target > 0 { cells[Int(server) - 1][Int(target) - 1, default: 0] += 1 }
        }
        servedCells = served
        self.cells = cells
        let candidates = sites.indices.filter { sites[$0].technology == to }
        lists = sites.indices.map { source in
            guard sites[source].technology == from else { return [] }
            let onMast = candidates.filter { NeighbourSettings.onOneMast(sites[$0], sites[source]) }
                .sorted { (Self.azimuthGap(sites[source], sites[$0]), $0) < (Self.azimuthGap(sites[source], sites[$1]), $1) }
            let reaching = cells[source].filter { !onMast.contains($0.key) && 100 * Double($0.value) / Double(served[source]) >= settings.minimumPercent }
                .sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }
            return onMast.map { NeighbourLists.Relation(target: $0, reason: .coSite) }
                + reaching.map { NeighbourLists.Relation(target: $0.key, reason: .coverage) }
        }
        leftOut = lists.reduce(0) { $0 + max(0, $1.count - settings.maximum) }
        lists = lists.map { Array($0.prefix(settings.maximum)) }
    }

    /// How far apart two sectors point, degrees (0–180); 0 when either is omnidirectional.
    static func azimuthGap(_ first: Site, _ second: Site) -> Double {
        guard !first.antenna.isOmni, !second.antenna.isOmni else { return 0 }
        let difference = abs(first.antenna.azimuth - second.antenna.azimuth).truncatingRemainder(dividingBy: 360)
        return min(difference, 360 - difference)
    }

    /// Whether a handset falls back from `from` to `to`: to an older technology.
    var isFallback: Bool { Technology.allCases.firstIndex(of: to)! < Technology.allCases.firstIndex(of: from)! }

    /// The CSV header of `rows(sites:)`.
    static let header = "source_technology,source,target_technology,target,rank,reason,source_cells,cells,percent"

    /// Every relation: why, the source's best-server cells and those the target serves.
    var relations: [NeighbourRow] {
        lists.indices.flatMap { source in
            lists[source].enumerated().map { rank, relation in
                NeighbourRow(
                    sourceTechnology: from, source: source, targetTechnology: to, target: relation.target, rank: rank + 1, reason: relation.reason,
                    sourceCells: servedCells[source], cells: cells[source][relation.target, default: 0], sameFrequency: nil
                )
            }
        }
    }

    /// One CSV row per relation of `relations`.
    static func rows(_ relations: [NeighbourRow], sites: [Site]) -> [String] {
        relations.map { row in
            [
                row.sourceTechnology.rawValue, csvField(sites[row.source].id), row.targetTechnology.rawValue, csvField(sites[row.target].id),
                "\(row.rank)", row.reason.rawValue, "\(row.sourceCells)", "\(row.cells)", String(format: "%.3f", row.percent),
            ].joined(separator: ",")
        }
    }
}
