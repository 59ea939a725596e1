import Coverage
import Foundation
import Planning
import Propagation
import Terrain

/// A 4G PCI plan's files: the neighbour lists a `--neighbours` run wrote (`neighbours.csv`), the groups to use, and the
/// plan (`pci.csv`: `id`, `pci`), which `--pci` applies to a site list.
public enum PCIPlan {
    /// A planner over the 4G sites of the neighbour lists in `path`; with the site list at `sitesPath` (which must
    /// hold them all), their antenna ports from it, and sites nearer than `reuseMetres` kept off one PCI.
    public static func problem(_ path: String, sites sitesPath: String? = nil, reuseMetres: Double? = nil) throws(InputError) -> PCIPlanner {
        let (relations, sites) = try NeighbourRelations.read(path, technology: .lte, sites: sitesPath, reuseMetres: reuseMetres)
        return PCIPlanner(relations, transmitAntennas: sites?.map(\.transmitAntennas))
    }

    /// The PCI groups (0–167) of a list such as "0-167" or "0-99,150-167"; nil for a malformed list, a number outside
    /// 0–167, or one listed twice.
    public static func groups(_ text: String) -> [Int]? {
        numbers(text, within: groupRange)
    }

    /// The groups there are: PCI / 3.
    public static let groupRange = 0...167

    /// `pci.csv`: per site its PCI, group, shift (PCI mod 3), and the neighbours sharing its PCI (collisions), the
    /// pairs of neighbours of a site listing it in which it shares the other's PCI (confusions), the other sites within
    /// the reuse distance on its PCI, the cells it overlaps neighbours on its shift in, and its neighbours on its PCI
    /// mod 30.
    public static func csv(_ planner: PCIPlanner, pci: [Int]) -> String {
        var lines = ["id,pci,group,shift,collisions,confusions,reuse_clashes,same_shift_cells,same_mod30_neighbours"]
        for (site, id) in planner.ids.enumerated() {
            let cost = planner.cost(of: site, in: pci)
            lines.append("\(csvField(id)),\(pci[site]),\(pci[site] / 3),\(pci[site] % 3),\(cost.collisions),\(cost.confusions),\(cost.reuseClashes),\(cost.sameShiftCells),\(cost.sameMod30Neighbours)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The plan in `path` (columns `id` and `pci`): each listed site's PCI.
    public static func load(_ path: String) throws(InputError) -> [String: Int] {
        try loadIdentityPlan(path, column: "pci", range: Site.pciRange, what: "PCI", writer: "phusong pci")
    }

    /// `sites` with the PCIs of `plan` (read from `path`), which may list 4G sites of `sites` only.
    public static func apply(_ plan: [String: Int], to sites: [Site], path: String) throws(InputError) -> [Site] {
        try applyPlan(plan, to: sites, path: path, technology: .lte, kind: "PCI", what: "PCI") { $0.pci = $1 }
    }
}
