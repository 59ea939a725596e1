import Coverage
import Foundation
import Propagation
import Terrain

/// A 4G PCI plan's files: the neighbour lists a `--neighbours` run wrote (`neighbours.csv`), the groups to use, and the
/// plan (`pci.csv`: `id`, `pci`), which `--pci` applies to a site list.
public enum PCIPlan {
    /// A planner over the 4G sites of the neighbour lists in `path` (in the order they first appear): their relations
    /// and cells, the co-site ones joining sectors into masts. Other technologies' rows are left out.
    public static func problem(_ path: String) throws(InputError) -> PCIPlanner {
        let csv = CSV(try readTextInput(path))
        guard let columns = csv.columns(["technology", "source", "target", "reason", "cells"]) else {
            throw InputError(path: path, reason: "needs the columns technology, source, target, reason and cells: the neighbours.csv of a run with --neighbours")
        }
        var sites = SiteNumbers(), relations: [(source: Int, target: Int, cells: Int)] = [], onOneMast: [(Int, Int)] = []
        for (line, row) in csv.dataRows {
            guard row.count > columns.max()!, let technology = Technology(named: row[columns[0]]), !row[columns[1]].isEmpty,
                row[columns[1]] != row[columns[2]], let cells = Int(row[columns[4]]), (0...ChannelPlan.maximumCells).contains(cells)
            else {
                throw InputError(
                    path: path, reason: "line \(line): expected a technology, two different site ids and whole cells (at most \(ChannelPlan.maximumCells))"
                )
            }
            guard technology == .lte else { continue }
            let pair = (sites.number(row[columns[1]]), sites.number(row[columns[2]]))
            relations.append((pair.0, pair.1, cells))
            if row[columns[3]] == "co-site" { onOneMast.append(pair) }
        }
        guard !relations.isEmpty else { throw InputError(path: path, reason: "lists no 4G neighbours") }
        return PCIPlanner(ids: sites.ids, relations: relations, onOneMast: onOneMast)
    }

    /// The PCI groups (0–167) of a list such as "0-167" or "0-99,150-167"; nil for a malformed list, a number outside
    /// 0–167, or one listed twice.
    public static func groups(_ text: String) -> [Int]? {
        numberRanges(text).flatMap { groups in groups.allSatisfy(groupRange.contains) ? groups : nil }
    }

    /// The groups there are: PCI / 3.
    public static let groupRange = 0...167

    /// `pci.csv`: per site its PCI, group, shift (PCI mod 3), and the neighbours sharing its PCI (collisions), the
    /// pairs of neighbours of a site listing it in which it shares the other's PCI (confusions), and the cells it
    /// overlaps neighbours on its shift in.
    public static func csv(_ planner: PCIPlanner, pci: [Int]) -> String {
        var lines = ["id,pci,group,shift,collisions,confusions,same_shift_cells"]
        for (site, id) in planner.ids.enumerated() {
            let cost = planner.cost(of: site, in: pci)
            lines.append("\(csvField(id)),\(pci[site]),\(pci[site] / 3),\(pci[site] % 3),\(cost.collisions),\(cost.confusions),\(cost.sameShiftCells)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The plan in `path` (columns `id` and `pci`): each listed site's PCI.
    public static func load(_ path: String) throws(InputError) -> [String: Int] {
        let csv = CSV(try readTextInput(path))
        guard let columns = csv.columns(["id", "pci"]) else {
            throw InputError(path: path, reason: "needs the columns id and pci: a PCI plan such as phusong pci writes")
        }
        var plan: [String: Int] = [:]
        for (line, row) in csv.dataRows {
            guard row.count > columns.max()!, !row[columns[0]].isEmpty else { throw InputError(path: path, reason: "line \(line): no site id") }
            let id = row[columns[0]]
            guard let pci = Int(row[columns[1]].trimmingCharacters(in: .whitespaces)), Site.pciRange.contains(pci) else {
                throw InputError(path: path, reason: "line \(line): site '\(id)' has no PCI (a whole number 0–503)")
            }
            guard plan.updateValue(pci, forKey: id) == nil else { throw InputError(path: path, reason: "line \(line): site '\(id)' is listed twice") }
        }
        return plan
    }

    /// `sites` with the PCIs of `plan` (read from `path`), which may list 4G sites of `sites` only.
    public static func apply(_ plan: [String: Int], to sites: [Site], path: String) throws(InputError) -> [Site] {
        try applyPlan(plan, to: sites, path: path, technology: .lte, kind: "PCI", what: "PCI") { $0.pci = $1 }
    }
}
