import ArgumentParser
import Foundation
import Terrain
import Workflows

struct PCICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pci",
        abstract: "A PCI plan for 4G sites from the neighbour lists of a footprint run with --neighbours.",
        discussion: """
            phusong pci --neighbours RUN/neighbours.csv --groups 0-167 [--sites SITES [--reuse-distance-km 5]] --out pci.csv
            Check the plan with phusong footprint … --sinr --pci pci.csv.
            """
    )

    @Option(help: "The neighbour lists: neighbours.csv of a footprint or evaluate run with --neighbours (its 4G relations).")
    var neighbours: String

    @Option(help: "The PCI groups (PCI / 3, 0–167) to use, e.g. 0-167 or 0-99,150-167.")
    var groups = "0-167"

    @OptionGroup var reuse: ReuseDistanceOptions

    @Option(help: "Sites that keep their PCIs: a CSV of id and pci (a plan, or what the network has on air); the others are planned around them.")
    var keep: String?

    @Option(help: "The plan to write: a CSV of id, pci, group, shift, collisions, confusions, reuse_clashes, same_shift_cells, same_mod30_neighbours.")
    var out: String

    func validate() throws {
        guard PCIPlan.groups(groups) != nil else { throw ValidationError("--groups must list PCI groups (0–167) and ranges such as 0-99, each once") }
    }

    func run() throws {
        let groups = PCIPlan.groups(groups) ?? []
        let planner = try reportingInputErrors { () throws(InputError) in try PCIPlan.problem(neighbours, sites: reuse.sites, reuseMetres: reuse.reuseMetres) }
        let kept = try reportingInputErrors { () throws(InputError) in try keep.map { path throws(InputError) in try PCIPlan.load(path) } ?? [:] }
        let keeping = planner.relations.numbered(kept)
        let pci = planner.plan(groups: groups, keeping: keeping), cost = planner.cost(of: pci)
        try reportingInputErrors { () throws(InputError) in try writeTextFile(PCIPlan.csv(planner, pci: pci), to: out) }
        print("PCI plan: \(planner.ids.count) 4G sites on \(planner.masts.count) masts, \(Set(pci.map { $0 / 3 }).count) of \(groups.count) groups used")
        print("  collisions (a site and a neighbour on one PCI): \(cost.collisions)")
        print("  confusions (two neighbours of a site on one PCI): \(cost.confusions)")
        if let distance = reuse.reuseDistanceKm { print("  sites within \(distance) km on one PCI, not neighbours: \(cost.reuseClashes)") }
        let onePort = planner.onePort.filter { $0 }.count
        if onePort > 0 { print("  sites of one antenna port (tx_antennas 1), whose reference signals go by PCI mod 6: \(onePort)") }
        print("  cells of neighbours on one shift (PCI mod 3; mod 6 between one-port sites): \(cost.sameShiftCells) of \(planner.cost(of: Array(repeating: 0, count: pci.count)).sameShiftCells)")
        print("  neighbours on one PCI mod 30 (uplink reference signals): \(cost.sameMod30Neighbours)")
        if keep != nil { print("  kept: \(keeping.count) sites' PCIs (\(kept.count - keeping.count) of the file's sites are not in the lists)") }
        print("Results: \(out) (check it with footprint --sinr --pci \(out))")
    }
}
