import Coverage
import Planning
import Propagation
import Terrain

/// A 3G scrambling-code plan's files: the neighbour lists a `--neighbours` run wrote (`neighbours.csv`), the code
/// groups to use, and the plan (`psc.csv`: `id`, `psc`), which `--psc` applies to a site list.
public enum PSCPlan {
    /// A planner over the 3G sites of the neighbour lists in `path`; with `reuseMetres`, sites nearer than it (placed
    /// by the site list at `sitesPath`, which must hold them all) kept off one code.
    public static func problem(_ path: String, sites sitesPath: String? = nil, reuseMetres: Double? = nil) throws(InputError) -> PSCPlanner {
        PSCPlanner(try NeighbourRelations.read(path, technology: .umts, sites: sitesPath, reuseMetres: reuseMetres).relations)
    }

    /// The code groups (0–63) of a list such as "0-63" or "0-55"; nil for a malformed list, a number outside 0–63, or
    /// one listed twice.
    public static func groups(_ text: String) -> [Int]? {
        numbers(text, within: groupRange)
    }

    /// The code groups there are: PSC / 8.
    public static let groupRange = 0...63

    /// `psc.csv`: per site its primary scrambling code, group (PSC / 8), the neighbours sharing its code (collisions),
    /// the pairs of neighbours of a site listing it in which it shares the other's code (confusions), and the other
    /// sites within the reuse distance on its code.
    public static func csv(_ planner: PSCPlanner, psc: [Int]) -> String {
        var lines = ["id,psc,group,collisions,confusions,reuse_clashes"]
        for (site, id) in planner.ids.enumerated() {
            let clashes = planner.relations.clashes(of: site, in: psc)
            lines.append("\(csvField(id)),\(psc[site]),\(psc[site] / 8),\(clashes.collisions),\(clashes.confusions),\(clashes.reuse)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The plan in `path` (columns `id` and `psc`): each listed site's primary scrambling code.
    public static func load(_ path: String) throws(InputError) -> [String: Int] {
        try loadIdentityPlan(path, column: "psc", range: Site.pscRange, what: "scrambling code", writer: "phusong psc")
    }

    /// `sites` with the codes of `plan` (read from `path`), which may list 3G sites of `sites` only.
    public static func apply(_ plan: [String: Int], to sites: [Site], path: String) throws(InputError) -> [Site] {
        try applyPlan(plan, to: sites, path: path, technology: .umts, kind: "scrambling-code", what: "primary scrambling code") { $0.psc = $1 }
    }
}
