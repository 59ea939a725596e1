import ArgumentParser
import Foundation
import Propagation
import Terrain
import Workflows

struct PCICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pci",
        abstract: "A PCI plan for 4G (or 5G) sites from the neighbour lists of a footprint run with --neighbours.",
        discussion: """
            phusong pci --neighbours RUN/neighbours.csv [--technology 4G|5G] [--groups 0-167] [--sites SITES [--reuse-distance-km 5]]
                        --out pci.csv
            Check a 4G plan with phusong footprint … --sinr --pci pci.csv, a 5G plan with … --neighbours --pci pci.csv.
            """
    )

    @Option(help: "The neighbour lists: neighbours.csv of a footprint or evaluate run with --neighbours (its 4G or 5G relations).")
    var neighbours: String

    @Option(help: "The technology to plan: 4G (PCIs 0–503) or 5G (0–1007).")
    var technology = "4G"

    @Option(help: "The PCI groups (PCI / 3: 4G's 0–167, 5G's 0–335) to use, e.g. 0-167 or 0-99,150-167 (default: all of the technology's).")
    var groups: String?

    @OptionGroup var reuse: ReuseDistanceOptions

    @Option(help: "Sites that keep their PCIs: a CSV of id and pci (a plan, or what the network has on air); the others are planned around them.")
    var keep: String?

    @Option(help: "The plan to write: a CSV of id, pci, group, shift, collisions, confusions, reuse_clashes, same_shift_cells, same_mod30_neighbours.")
    var out: String

    /// The technology planned: 4G or 5G.
    private var planned: Technology { Technology(named: technology) ?? .lte }

    /// The groups asked for, or every group of the technology.
    private var groupList: [Int]? {
        groups.map { PCIPlan.groups($0, technology: planned) } ?? Array(PCIPlan.groupRange(of: planned))
    }

    func validate() throws {
        guard [.lte, .nr].contains(Technology(named: technology)) else { throw ValidationError("--technology must be 4G or 5G (LTE or NR), not '\(technology)'") }
        let range = PCIPlan.groupRange(of: planned)
        guard groupList != nil else {
            throw ValidationError("--groups must list \(planned.rawValue) PCI groups (\(range.lowerBound)–\(range.upperBound)) and ranges such as 0-99, each once")
        }
    }

    func run() throws {
        let groups = groupList ?? [], name = planned.rawValue
        let planner = try reportingInputErrors { () throws(InputError) in
            try PCIPlan.problem(neighbours, technology: planned, sites: reuse.sites, reuseMetres: reuse.reuseMetres)
        }
        let kept = try reportingInputErrors { () throws(InputError) in try keep.map { path throws(InputError) in try PCIPlan.load(path, technology: planned) } ?? [:] }
        let keeping = planner.relations.numbered(kept)
        let pci = planner.plan(groups: groups, keeping: keeping), cost = planner.cost(of: pci)
        try reportingInputErrors { () throws(InputError) in try writeTextFile(PCIPlan.csv(planner, pci: pci), to: out) }
        print("PCI plan: \(planner.ids.count) \(name) sites on \(planner.masts.count) masts, \(Set(pci.map { $0 / 3 }).count) of \(groups.count) groups used")
        print("  collisions (a site and a neighbour on one PCI): \(cost.collisions)")
        print("  confusions (two neighbours of a site on one PCI): \(cost.confusions)")
        if let distance = reuse.reuseDistanceKm { print("  sites within \(distance) km on one PCI, not neighbours: \(cost.reuseClashes)") }
        let onePort = planner.onePort.filter { $0 }.count
        if onePort > 0 { print("  sites of one antenna port (tx_antennas 1), whose reference signals go by PCI mod 6: \(onePort)") }
        let shift = planned == .nr ? "PCI mod 3, their primary synchronisation signals" : "PCI mod 3; mod 6 between one-port sites"
        print("  cells of neighbours on one shift (\(shift)): \(cost.sameShiftCells) of \(planner.cost(of: Array(repeating: 0, count: pci.count)).sameShiftCells)")
        print("  neighbours on one PCI mod 30 (uplink reference signals): \(cost.sameMod30Neighbours)")
        if keep != nil { print("  kept: \(keeping.count) sites' PCIs (\(kept.count - keeping.count) of the file's sites are not in the lists)") }
        print("Results: \(out) (check it with footprint \(planned == .nr ? "--neighbours" : "--sinr") --pci \(out))")
    }
}
