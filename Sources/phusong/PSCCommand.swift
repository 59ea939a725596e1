import ArgumentParser
import Foundation
import Terrain
import Workflows

struct PSCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "psc",
        abstract: "A primary scrambling-code plan for 3G sites from the neighbour lists of a footprint run with --neighbours.",
        discussion: """
            phusong psc --neighbours RUN/neighbours.csv --groups 0-63 [--sites SITES --reuse-distance-km 5] --out psc.csv
            Check the plan with phusong footprint … --neighbours --psc psc.csv (identity_collisions, identity_confusions).
            """
    )

    @Option(help: "The neighbour lists: neighbours.csv of a footprint or evaluate run with --neighbours (its 3G relations).")
    var neighbours: String

    @Option(help: "The code groups (PSC / 8, 0–63) to use, e.g. 0-63 or 0-55.")
    var groups = "0-63"

    @OptionGroup var reuse: ReuseDistanceOptions

    @Option(help: "Sites that keep their codes: a CSV of id and psc (a plan, or what the network has on air); the others are planned around them.")
    var keep: String?

    @Option(help: "The plan to write: a CSV of id, psc, group, collisions, confusions, reuse_clashes.")
    var out: String

    func validate() throws {
        guard PSCPlan.groups(groups) != nil else { throw ValidationError("--groups must list code groups (0–63) and ranges such as 0-55, each once") }
        try reuse.requireDistanceWithSites(for: "psc")
    }

    func run() throws {
        let groups = PSCPlan.groups(groups) ?? []
        let planner = try reportingInputErrors { () throws(InputError) in try PSCPlan.problem(neighbours, sites: reuse.sites, reuseMetres: reuse.reuseMetres) }
        let kept = try reportingInputErrors { () throws(InputError) in try keep.map { path throws(InputError) in try PSCPlan.load(path) } ?? [:] }
        let keeping = planner.relations.numbered(kept)
        let psc = planner.plan(groups: groups, keeping: keeping), clashes = planner.relations.clashes(in: psc)
        try reportingInputErrors { () throws(InputError) in try writeTextFile(PSCPlan.csv(planner, psc: psc), to: out) }
        print("Scrambling-code plan: \(planner.ids.count) 3G sites on \(planner.masts.count) masts, \(Set(psc.map { $0 / 8 }).count) of \(groups.count) code groups used")
        print("  collisions (a site and a neighbour on one code): \(clashes.collisions)")
        print("  confusions (two neighbours of a site on one code): \(clashes.confusions)")
        if let distance = reuse.reuseDistanceKm { print("  sites within \(distance) km on one code, not neighbours: \(clashes.reuse)") }
        if keep != nil { print("  kept: \(keeping.count) sites' codes (\(kept.count - keeping.count) of the file's sites are not in the lists)") }
        print("Results: \(out) (check it with footprint --neighbours --psc \(out))")
    }
}
