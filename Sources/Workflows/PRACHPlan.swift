import Coverage
import Foundation
import Planning
import Terrain

/// A 4G PRACH root-sequence plan's files: the neighbour lists a `--neighbours` run wrote (`neighbours.csv`, its 4G
/// relations on one carrier), the cells' reach (one for all, or each site's from the run's `summary.json`), the root
/// sequences to use, and the plan (`prach.csv`).
public enum PRACHPlan {
    /// A planner over the 4G sites of the neighbour lists in `path`, each of the cyclic shift of its range `rangeKm`
    /// gives (km, within the longest shift's reach; nil for a cell serving none as far as the run went: the shortest
    /// shift), and each site's preamble format for that range; with `reuseMetres`, sites nearer than it (placed by the
    /// site list at `sitesPath`, which must hold them all) kept from sharing a root sequence.
    public static func problem(
        _ path: String, rangeKm: (_ id: String) throws(InputError) -> Double?, sites sitesPath: String? = nil, reuseMetres: Double? = nil
    ) throws(InputError) -> (planner: PRACHPlanner, formats: [PRACHPreambleFormat]) {
        let read = try NeighbourRelations.read(path, technology: .lte, sameCarrierOnly: true, sites: sitesPath, reuseMetres: reuseMetres)
        var ranges: [Double?] = []
        for id in read.relations.ids { ranges.append(try rangeKm(id)) }
        let shifts = ranges.map { $0.flatMap(PRACHCyclicShift.init(radiusKm:)) ?? .shortest }
        return (PRACHPlanner(read.relations, shifts: shifts), ranges.map { $0.flatMap(PRACHPreambleFormat.init(rangeKm:)) ?? .format0 })
    }

    /// The range of site `id` of the run of `reaches`: its reach, nil for a site serving no cell; a site reaching
    /// beyond the longest cyclic shift, or not at all, refused.
    public static func range(of id: String, in reaches: CellReaches) throws(InputError) -> Double? {
        guard let reach = try reaches.reach(of: id) else { return nil }
        guard reach > 0, PRACHCyclicShift(radiusKm: reach) != nil else {
            throw InputError(
                path: reaches.path,
                reason: "site '\(id)': reach_km \(reach) is not within a cyclic shift's reach (above 0, up to \(PRACHCyclicShift.longestReachKm) km)"
            )
        }
        return reach
    }

    /// The logical root sequences (0–837) of a list such as "0-815" or "0-399,500-837"; nil for a malformed list, a
    /// number outside 0–837, or one listed twice.
    public static func roots(_ text: String) -> [Int]? {
        numbers(text, within: PRACHCyclicShift.rootRange)
    }

    /// The plan in `path` (columns `id` and `root_sequence_index`): each listed site's first root sequence, 0–837 (its
    /// others run on from it, after 837 from 0).
    public static func load(_ path: String) throws(InputError) -> [String: Int] {
        try loadIdentityPlan(
            path, column: "root_sequence_index", range: PRACHCyclicShift.rootRange, what: "root sequence index", writer: "phusong prach"
        )
    }

    /// `prach.csv`: per site its first root sequence (`root_sequence_index`), how many it takes, its cyclic shift, its
    /// preamble format (`formats`), the neighbours on its carrier sharing one (collisions), the pairs of such neighbours
    /// of a site listing it in which it shares the other's (confusions), and the other sites within the reuse distance
    /// sharing one.
    public static func csv(_ planner: PRACHPlanner, starts: [Int], formats: [PRACHPreambleFormat]) -> String {
        var lines = ["id,root_sequence_index,root_sequences,zero_correlation_zone_config,preamble_format,collisions,confusions,reuse_clashes"]
        for (site, id) in planner.ids.enumerated() {
            let clashes = planner.clashes(of: site, in: starts), shift = planner.shifts[site]
            lines.append(
                "\(csvField(id)),\(starts[site]),\(shift.rootsPerCell),\(shift.configuration),\(formats[site].rawValue),"
                    + "\(clashes.collisions),\(clashes.confusions),\(clashes.reuse)"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
