import Coverage
import Planning
import Terrain

/// A 4G PRACH root-sequence plan's files: the neighbour lists a `--neighbours` run wrote (`neighbours.csv`, its 4G
/// relations on one carrier), the root sequences to use, and the plan (`prach.csv`).
public enum PRACHPlan {
    /// A planner over the 4G sites of the neighbour lists in `path` for cells of `cyclicShift`; with `reuseMetres`,
    /// sites nearer than it (placed by the site list at `sitesPath`, which must hold them all) kept off one block.
    public static func problem(
        _ path: String, cyclicShift: PRACHCyclicShift, sites sitesPath: String? = nil, reuseMetres: Double? = nil
    ) throws(InputError) -> PRACHPlanner {
        let read = try NeighbourRelations.read(path, technology: .lte, sameCarrierOnly: true, sites: sitesPath, reuseMetres: reuseMetres)
        return PRACHPlanner(read.relations, cyclicShift: cyclicShift)
    }

    /// The logical root sequences (0–837) of a list such as "0-815" or "0-399,500-837"; nil for a malformed list, a
    /// number outside 0–837, or one listed twice.
    public static func roots(_ text: String) -> [Int]? {
        numbers(text, within: PRACHCyclicShift.rootRange)
    }

    /// The plan in `path` (columns `id` and `root_sequence_index`): each listed site's first root sequence, which must
    /// start a block of `cyclicShift`'s (cells planned for the same reach).
    public static func load(_ path: String, cyclicShift: PRACHCyclicShift) throws(InputError) -> [String: Int] {
        let plan = try loadIdentityPlan(
            path, column: "root_sequence_index", range: PRACHCyclicShift.rootRange, what: "root sequence index", writer: "phusong prach"
        )
        if let (id, index) = plan.sorted(by: { $0.key < $1.key }).first(where: { !cyclicShift.startsBlock($0.value) }) {
            throw InputError(
                path: path,
                reason: "site '\(id)': root_sequence_index \(index) does not start a block of \(cyclicShift.rootsPerCell) (0, \(cyclicShift.rootsPerCell), "
                    + "\(2 * cyclicShift.rootsPerCell)…), as cells planned for this reach take"
            )
        }
        return plan
    }

    /// `prach.csv`: per site its first root sequence (`root_sequence_index`), how many it takes, the neighbours on its
    /// carrier sharing them (collisions), the pairs of such neighbours of a site listing it in which it shares the
    /// other's (confusions), and the other sites within the reuse distance sharing them.
    public static func csv(_ planner: PRACHPlanner, starts: [Int]) -> String {
        var lines = ["id,root_sequence_index,root_sequences,zero_correlation_zone_config,collisions,confusions,reuse_clashes"]
        for (site, id) in planner.ids.enumerated() {
            let clashes = planner.relations.clashes(of: site, in: starts)
            lines.append(
                "\(csvField(id)),\(starts[site]),\(planner.cyclicShift.rootsPerCell),\(planner.cyclicShift.configuration),"
                    + "\(clashes.collisions),\(clashes.confusions),\(clashes.reuse)"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
