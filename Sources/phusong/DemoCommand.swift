import ArgumentParser
import Terrain
import Workflows

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the embedded SYNTHETIC scenario (generated terrain around Cao Bằng city, six sites)."
    )

    @Option(help: "Output folder.")
    var out: String = "phusong-demo"

    @Option(name: .customLong("radius-km"), help: "Coverage radius around each site, km.")
    var radiusKm: Double = 15

    func run() throws {
        let summary = try reportingInputErrors { () throws(InputError) in
            try SyntheticDemo.run(outputDirectory: out, radius: radiusKm * 1_000)
        }
        print(report(summary, folder: out))
        print("Inputs (synthetic): \(out)/input/synthetic_terrain.tif, \(out)/input/synthetic_sites.geojson")
    }
}
