import ArgumentParser
import Batch
import Coverage
import Foundation
import Terrain
import Workflows

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the embedded SYNTHETIC province (generated terrain and communes around Cao Bằng city) as a batch.",
        discussion: """
            Writes the inputs and input/manifest.yaml under --out, then runs the batch: the sites on air and a \
            proposal evaluated, the operator's claim verified, and a plan that shares existing masts first.
            """
    )

    @Option(help: "Output folder.")
    var out: String = "phusong-demo"

    @Option(name: .customLong("radius-km"), parsing: .unconditional, help: "Coverage radius around each site, km.")
    var radiusKm: Double = 10

    func validate() throws {
        // The footprints' radius must span two cells of the synthetic terrain (3″, 92.7 m).
        let shortest = Double(CoverageParameters.minimumRadiusCells) * SyntheticTerrain().cellSizeM / 1_000
        guard radiusKm >= shortest, radiusKm <= 100 else {
            throw ValidationError(String(format: "--radius-km must be within %.2f–100 (two of the synthetic terrain's cells at least)", shortest))
        }
    }

    func run() throws {
        let (manifest, records) = try reportingInputErrors { () throws(InputError) in
            let manifest = try Manifest.load(try SyntheticDemo.writeInputs(into: out, radiusKm: radiusKm))
            return (manifest, try BatchRunner.run(manifest) { event in FileHandle.standardError.write(Data((event.text + "\n").utf8)) })
        }
        print("SYNTHETIC demo province (generated terrain and communes, not real data): \(records.filter { $0.status == "done" }.count) of \(records.count) jobs done")
        for record in records {
            print("  \(record.id): " + record.figures.keys.sorted().map { "\($0) \(record.figures[$0]!)" }.joined(separator: ", "))
        }
        print("Inputs: \(out)/input/ (manifest.yaml); results: \(manifest.output)/index.html, \(manifest.output)/jobs/")
        if records.contains(where: { $0.status != "done" }) { throw ExitCode(1) }
    }
}
