import ArgumentParser
import Foundation
import Terrain
import Workflows

struct AuditNeighboursCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-neighbours",
        abstract: "A network's configured neighbour relations set beside those a footprint run with --neighbours predicts.",
        discussion: """
            phusong audit-neighbours --predicted RUN/neighbours.csv --predicted RUN/inter_technology_neighbours.csv \\
                --configured oss_neighbours.csv --out audit.csv
            """
    )

    @Option(help: "Predicted relations: neighbours.csv or inter_technology_neighbours.csv of a run with --neighbours (repeatable).")
    var predicted: [String]

    @Option(help: "The configured relations: a CSV with the columns source and target (site ids as in the run's site list).")
    var configured: String

    @Option(help: "The audit to write: a CSV of source, target, status (missing, unneeded, unknown_site, kept), reason, cells, percent.")
    var out: String

    func run() throws {
        let audit = try reportingInputErrors { () throws(InputError) in
            let audit = try NeighbourAudit(predicted: predicted, configured: configured)
            try writeTextFile(audit.csv, to: out)
            return audit
        }
        print("Neighbour audit: \(audit.count(.kept) + audit.count(.missing)) relations predicted, \(audit.count(.kept) + audit.count(.unneeded) + audit.count(.unknownSite)) configured")
        print("  kept (predicted and configured): \(audit.count(.kept))")
        print("  missing (predicted, not configured): \(audit.count(.missing))")
        print("  unneeded (configured between the run's sites, not predicted): \(audit.count(.unneeded))")
        print("  with a site the predicted lists do not name: \(audit.count(.unknownSite))")
        print("Results: \(out)")
    }
}
