import Coverage
import Foundation
import Planning
import Propagation
import Terrain

/// A 4G or 5G PCI plan's files: the neighbour lists a `--neighbours` run wrote (`neighbours.csv`), the groups to use,
/// and the plan (`pci.csv`: `id`, `pci`), which `--pci` applies to a site list.
public enum PCIPlan {
    /// A planner over the 4G (or 5G) sites of the neighbour lists in `path`; with the site list at `sitesPath` (which
    /// must hold them all), their antenna ports from it (4G's reference signals), and sites nearer than `reuseMetres`
    /// kept off one PCI.
    public static func problem(
        _ path: String, technology: Technology = .lte, sites sitesPath: String? = nil, reuseMetres: Double? = nil
    ) throws(InputError) -> PCIPlanner {
        let (relations, sites) = try NeighbourRelations.read(path, technology: technology, sites: sitesPath, reuseMetres: reuseMetres)
        return PCIPlanner(relations, transmitAntennas: technology == .lte ? sites?.map(\.transmitAntennas) : nil)
    }

    /// The PCI groups of `technology` of a list such as "0-167" or "0-99,150-167"; nil for a malformed list, a number
    /// outside `groupRange(of:)`, or one listed twice.
    public static func groups(_ text: String, technology: Technology = .lte) -> [Int]? {
        numbers(text, within: groupRange(of: technology))
    }

    /// The groups there are, PCI / 3: 4G's 0–167, 5G's 0–335.
    public static func groupRange(of technology: Technology) -> ClosedRange<Int> {
        technology == .nr ? 0...Site.nrPCIRange.upperBound / 3 : 0...Site.pciRange.upperBound / 3
    }

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

    /// The plan in `path` (columns `id` and `pci`): each listed site's PCI, 0–1007 (a 4G site's at most 503, which
    /// `apply` checks), or of `technology`'s range alone.
    public static func load(_ path: String, technology: Technology? = nil) throws(InputError) -> [String: Int] {
        let range = technology == .lte ? Site.pciRange : Site.nrPCIRange
        return try loadIdentityPlan(path, column: "pci", range: range, what: "\(technology.map { $0.rawValue + " " } ?? "")PCI", writer: "phusong pci")
    }

    /// `sites` with the PCIs of `plan` (read from `path`), which may list 4G and 5G sites of `sites` only, a 4G site's
    /// PCI within 0–503.
    public static func apply(_ plan: [String: Int], to sites: [Site], path: String) throws(InputError) -> [Site] {
        try applyPlan(plan, to: sites, path: path, refusing: { site, pci in
            switch site.technology {
            case .lte where !Site.pciRange.contains(pci): "is a 4G site: its PCI lies within 0–503, not \(pci)"
            case .lte, .nr: nil
            case .gsm, .umts: "is a \(site.technology.rawValue) site: a PCI plan gives 4G and 5G sites their PCI"
            }
        }) { $0.pci = $1 }
    }
}
