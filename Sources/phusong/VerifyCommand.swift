import ArgumentParser
import Terrain
import Workflows

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute a coverage claim and compare: verification.json, verification.md, differences.geojson, computed/.",
        discussion: "Exit status: 0 every claimed figure within tolerance, 1 any outside it, 2 bad input."
    )

    @Option(help: "The claim: scenario (terrain, sites, population, model, parameters) and claimed figures, JSON.")
    var claim: String

    @Option(help: "Output folder (created; existing outputs of the same name are replaced).")
    var out: String

    @OptionGroup var memory: MemoryLimitOption

    func run() throws {
        let bar = ProgressBar(label: "sites")
        let report = try reportingInputErrors(exitCode: 2) { () throws(InputError) in
            defer { bar.finish() }
            return try VerificationJob.run(
                claimPath: claim, outputDirectory: out, limits: RunLimits(memoryBytes: memory.bytes)
            ) { bar.show($0) }
        }
        print(verificationTable(report))
        print("Results: \(out)/verification.md, \(out)/verification.json, \(out)/computed/")
        if !report.passed { throw ExitCode(1) }
    }
}

/// The claim / computed / difference / PASS|FAIL table for the terminal.
func verificationTable(_ report: VerificationReport) -> String {
    let width = max(4, report.rows.map(\.item.count).max() ?? 4)
    var lines = [
        "Verification of \(report.claim)\(report.syntheticTerrain ? " (SYNTHETIC terrain)" : ""): \(report.passed ? "PASS" : "FAIL")",
        "  " + "item".padding(toLength: width, withPad: " ", startingAt: 0) + "     claimed    computed  difference  result",
    ]
    for row in report.rows {
        lines.append(
            "  " + row.item.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: "  %10.2f  %10.2f  %+10.2f  ", row.claimed, row.computed, row.difference)
                + (row.pass ? "PASS" : "FAIL") + "  (\(row.valueUnit); difference in \(row.unit), tolerance \(row.tolerance))"
        )
    }
    return lines.joined(separator: "\n")
}
