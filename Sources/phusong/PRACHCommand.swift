import ArgumentParser
import Foundation
import Terrain
import Workflows

struct PRACHCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prach",
        abstract: "A PRACH root-sequence plan for 4G sites from the neighbour lists of a footprint run with --neighbours.",
        discussion: """
            phusong prach --neighbours RUN/neighbours.csv (--cell-radius-km 15 | --cell-radius-from RUN/summary.json) [--roots 0-837]
                [--sites SITES --reuse-distance-km 10] [--keep ON_AIR.csv] --out prach.csv
            The cells' reach sets the preambles' cyclic shift (zeroCorrelationZoneConfig) and so how many root sequences
            each cell takes; neighbours on one carrier get different ones.
            """
    )

    @Option(help: "The neighbour lists: neighbours.csv of a footprint or evaluate run with --neighbours (its 4G relations on one carrier).")
    var neighbours: String

    @Option(name: .customLong("cell-radius-km"), parsing: .unconditional, help: "The farthest a handset may be from any cell, km (up to \(PRACHCyclicShift.longestReachKm)): it sets one cyclic shift for all.")
    var cellRadiusKm: Double?

    @Option(name: .customLong("cell-radius-from"), help: "A footprint run's summary.json: each cell's own reach (site_areas' reach_km, how far it is best server) sets its cyclic shift.")
    var cellRadiusFrom: String?

    @Option(help: "The logical root sequences (0–837) to use, e.g. 0-837, or 0-815 to leave 816–837 to high-speed cells.")
    var roots = "0-837"

    @OptionGroup var reuse: ReuseDistanceOptions

    @Option(help: "Sites that keep their root sequences: a CSV of id and root_sequence_index (any index: what the network has on air, or an earlier plan); the others are planned around them.")
    var keep: String?

    @Option(help: "The plan to write: a CSV of id, root_sequence_index, root_sequences, zero_correlation_zone_config, preamble_format, collisions, confusions, reuse_clashes.")
    var out: String

    func validate() throws {
        guard (cellRadiusKm == nil) != (cellRadiusFrom == nil) else {
            throw ValidationError("give either --cell-radius-km (one reach for all cells) or --cell-radius-from (each cell's from a run), not both nor neither")
        }
        if let cellRadiusKm, PRACHCyclicShift(radiusKm: cellRadiusKm) == nil {
            throw ValidationError("--cell-radius-km must be more than 0 and within the longest cyclic shift's reach, \(PRACHCyclicShift.longestReachKm) km")
        }
        guard PRACHPlan.roots(roots) != nil else { throw ValidationError("--roots must list root sequences (0–837) and ranges such as 0-815, each once") }
        try reuse.requireDistanceWithSites(for: "prach")
    }

    func run() throws {
        let roots = PRACHPlan.roots(roots) ?? []
        let reaches = try reportingInputErrors { () throws(InputError) in try cellRadiusFrom.map { path throws(InputError) in try CellReaches(summary: path) } }
        let (planner, formats) = try reportingInputErrors { () throws(InputError) in
            try PRACHPlan.problem(neighbours, rangeKm: { id throws(InputError) in
                if let reaches { return try PRACHPlan.range(of: id, in: reaches) }
                return cellRadiusKm
            }, sites: reuse.sites, reuseMetres: reuse.reuseMetres)
        }
        if let site = planner.sitesWithoutBlock(within: roots).first {
            let shift = planner.shifts[site]
            throw ValidationError(
                "--roots holds no \(shift.rootsPerCell) root sequences in a row, which a cell reaching \(String(format: "%.1f", shift.reachKm)) km takes "
                    + "(site '\(planner.ids[site])')"
            )
        }
        let kept = try reportingInputErrors { () throws(InputError) in try keep.map { path throws(InputError) in try PRACHPlan.load(path) } ?? [:] }
        let keeping = planner.relations.numbered(kept)
        let starts = planner.plan(roots: roots, keeping: keeping), clashes = planner.clashes(in: starts)
        try reportingInputErrors { () throws(InputError) in try writeTextFile(PRACHPlan.csv(planner, starts: starts, formats: formats), to: out) }
        let used = Set(planner.ids.indices.flatMap { planner.sequences(of: $0, from: starts[$0]) })
        print("PRACH plan: \(planner.ids.count) 4G sites on \(used.count) of the \(roots.count) root sequences listed")
        printCells(planner, formats: formats, reaches: reaches)
        print("  collisions (a site and a neighbour on its carrier sharing a root sequence): \(clashes.collisions)")
        print("  confusions (two such neighbours of a site sharing one): \(clashes.confusions)")
        if let distance = reuse.reuseDistanceKm { print("  sites within \(distance) km sharing a root sequence, not neighbours: \(clashes.reuse)") }
        if keep != nil { print("  kept: \(keeping.count) sites' root sequences (\(kept.count - keeping.count) of the file's sites are not in the lists)") }
        print("Results: \(out)")
    }

    /// Prints the cells' shifts and formats, and with each cell's reach from a run the sites serving none and those at
    /// the run's radius.
    private func printCells(_ planner: PRACHPlanner, formats: [PRACHPreambleFormat], reaches: CellReaches?) {
        for (configuration, sites) in Dictionary(grouping: planner.shifts, by: \.configuration).sorted(by: { $0.key < $1.key }) {
            let shift = sites[0]
            print(
                "  cyclic shift \(shift.shiftSamples) samples (zeroCorrelationZoneConfig \(configuration)), reaching \(String(format: "%.1f", shift.reachKm)) km: "
                    + "\(shift.preamblesPerRoot) preambles per root sequence, \(shift.rootsPerCell) root sequences per cell: \(sites.count) sites"
            )
        }
        let byFormat = Dictionary(grouping: formats, by: \.rawValue).sorted { $0.key < $1.key }
        print("  preamble formats: " + byFormat.map { "\($0.key) (to \(String(format: "%.1f", $0.value[0].reachKm)) km) \($0.value.count) sites" }.joined(separator: ", "))
        guard let reaches else { return }
        let servingNone = planner.ids.filter { reaches.kilometres[$0] == .some(nil) }, atRadius = planner.ids.filter(reaches.atRunRadius)
        if !servingNone.isEmpty { print("  serving no cell in the run, so given the shortest shift: \(servingNone.count) sites (\(firstTen(servingNone)))") }
        if !atRadius.isEmpty {
            print(
                "  warning: \(atRadius.count) sites serve cells at the run's radius, \(reaches.runRadiusKm) km (\(firstTen(atRadius))), and may reach "
                    + "farther: run the footprint with a larger --radius-km for their shift"
            )
        }
    }
}
