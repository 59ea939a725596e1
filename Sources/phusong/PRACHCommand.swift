import ArgumentParser
import Foundation
import Terrain
import Workflows

struct PRACHCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prach",
        abstract: "A PRACH root-sequence plan for 4G sites from the neighbour lists of a footprint run with --neighbours.",
        discussion: """
            phusong prach --neighbours RUN/neighbours.csv --cell-radius-km 15 [--roots 0-837] [--sites SITES --reuse-distance-km 10]
                [--keep ON_AIR.csv] --out prach.csv
            The cells' reach sets the preambles' cyclic shift (zeroCorrelationZoneConfig) and so how many root sequences
            each cell takes; neighbours on one carrier get different ones.
            """
    )

    @Option(help: "The neighbour lists: neighbours.csv of a footprint or evaluate run with --neighbours (its 4G relations on one carrier).")
    var neighbours: String

    @Option(name: .customLong("cell-radius-km"), parsing: .unconditional, help: "The farthest a handset may be from its cell, km (up to \(PRACHCyclicShift.longestReachKm)): it sets the cyclic shift.")
    var cellRadiusKm: Double

    @Option(help: "The logical root sequences (0–837) to use, e.g. 0-837, or 0-815 to leave 816–837 to high-speed cells.")
    var roots = "0-837"

    @OptionGroup var reuse: ReuseDistanceOptions

    @Option(help: "Sites that keep their root sequences: a CSV of id and root_sequence_index (a plan for the same reach, or what the network has on air); the others are planned around them.")
    var keep: String?

    @Option(help: "The plan to write: a CSV of id, root_sequence_index, root_sequences, zero_correlation_zone_config, collisions, confusions, reuse_clashes.")
    var out: String

    func validate() throws {
        guard let shift = PRACHCyclicShift(radiusKm: cellRadiusKm) else {
            throw ValidationError("--cell-radius-km must be more than 0 and within the longest cyclic shift's reach, \(PRACHCyclicShift.longestReachKm) km")
        }
        guard let roots = PRACHPlan.roots(roots) else { throw ValidationError("--roots must list root sequences (0–837) and ranges such as 0-815, each once") }
        guard !shift.blocks(within: roots).isEmpty else {
            throw ValidationError("--roots holds no \(shift.rootsPerCell) root sequences in a row, which a cell reaching \(cellRadiusKm) km takes")
        }
        try reuse.requireDistanceWithSites(for: "prach")
    }

    func run() throws {
        let shift = PRACHCyclicShift(radiusKm: cellRadiusKm)!, roots = PRACHPlan.roots(roots) ?? []
        let planner = try reportingInputErrors { () throws(InputError) in
            try PRACHPlan.problem(neighbours, cyclicShift: shift, sites: reuse.sites, reuseMetres: reuse.reuseMetres)
        }
        let kept = try reportingInputErrors { () throws(InputError) in try keep.map { path throws(InputError) in try PRACHPlan.load(path, cyclicShift: shift) } ?? [:] }
        let keeping = planner.relations.numbered(kept), blocks = shift.blocks(within: roots)
        let starts = planner.plan(blocks: blocks, keeping: keeping), clashes = planner.relations.clashes(in: starts)
        try reportingInputErrors { () throws(InputError) in try writeTextFile(PRACHPlan.csv(planner, starts: starts), to: out) }
        print("PRACH plan: \(planner.ids.count) 4G sites, \(Set(starts).count) of \(blocks.count) blocks of root sequences used")
        print(
            "  cyclic shift \(shift.shiftSamples) samples (zeroCorrelationZoneConfig \(shift.configuration)), reaching \(String(format: "%.1f", shift.reachKm)) km: "
                + "\(shift.preamblesPerRoot) preambles per root sequence, \(shift.rootsPerCell) root sequences per cell"
        )
        print("  collisions (a site and a neighbour on its carrier on one block): \(clashes.collisions)")
        print("  confusions (two such neighbours of a site on one block): \(clashes.confusions)")
        if let distance = reuse.reuseDistanceKm { print("  sites within \(distance) km on one block, not neighbours: \(clashes.reuse)") }
        if keep != nil { print("  kept: \(keeping.count) sites' root sequences (\(kept.count - keeping.count) of the file's sites are not in the lists)") }
        print("Results: \(out)")
    }
}
