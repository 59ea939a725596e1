import ArgumentParser
import Foundation
import Propagation
import Terrain
import Workflows

extension ExposureLimits: ExpressibleByArgument {}

struct EMFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emf",
        abstract: "Human exposure to the masts' fields at full load: each mast's compliance zone and the ground's exposure (emf.csv, emf_zones.geojson).",
        discussion: """
            phusong emf --terrain DEM --sites FILE --out DIR [--limits vietnam|icnirp-public|icnirp-occupational]
                [--radius-m 100] [--person-height-m 2]
            Every antenna radiates its full load (2G: trx carriers as strong as the BCCH; 3G: the carrier, pilot_offset_db
            above the pilot; 4G: every resource element of bandwidth_mhz as strong as the reference signal, on each of
            tx_antennas; 5G: the whole EIRP given with bandwidth_mhz), its power density summed over the antennas against each one's frequency's limit. The zone is where
            a mast's own antennas reach the limit; the ground within the radius counts every antenna within twice it, and
            the ground's reflection.
            """
    )

    @Option(help: "Elevation model: the ground people stand on.")
    var terrain: String

    @Option(help: "The sites (as for footprint), with what sets their full load: 2G trx, 3G pilot_offset_db, 4G bandwidth_mhz.")
    var sites: String

    @Option(help: "Output folder (created; existing outputs of the same name are replaced).")
    var out: String

    @Option(help: "The exposure limits: vietnam (QCVN 8:2022/BTTTT, 2 W/m², 110 MHz–6 GHz), icnirp-public or icnirp-occupational.")
    var limits: ExposureLimits = .vietnam

    @Option(name: .customLong("radius-m"), parsing: .unconditional, help: "How far from each mast the ground is assessed, m.")
    var radiusM: Double = 100

    @Option(name: .customLong("person-height-m"), parsing: .unconditional, help: "The height of a person on the ground, m: assessed from the ground up to it.")
    var personHeightM: Double = 2

    private var request: EMFRequest {
        EMFRequest(terrainPath: terrain, sitesPath: sites, outputPath: out, limits: limits, radiusM: radiusM, personHeightM: personHeightM)
    }

    func validate() throws {
        if let problem = request.problem { throw ValidationError("--" + problem.field.replacingOccurrences(of: "_", with: "-") + " " + problem.message) }
    }

    func run() throws {
        let masts = try reportingInputErrors { () throws(InputError) in try EMFJob.run(request) }
        let exposed = masts.filter { $0.isCompliant == false }
        print("EMF (\(limits.rawValue)): \(masts.count) masts, \(masts.filter { $0.isCompliant == true }.count) with nobody on the ground over the limit")
        if let widest = masts.max(by: { $0.zoneReachM < $1.zoneReachM }) {
            print(String(format: "  widest zone: %.1f m from mast '%@' (towards %d°), %.1f–%.1f m above its ground", widest.zoneReachM, widest.name, widest.zoneReachAzimuth, widest.zoneBottomM, widest.zoneTopM))
        }
        for mast in exposed.prefix(10) {
            print(String(format: "  over the limit on the ground: mast '%@', ratio %.2f at %.0f m towards %.0f°, %.0f m² over it", mast.name, mast.groundMaximumRatio, mast.groundMaximumDistanceM, mast.groundMaximumAzimuth, mast.groundOverLimitM2))
        }
        if exposed.count > 10 { print("  … and \(exposed.count - 10) more masts over the limit on the ground (emf.csv)") }
        let partial = masts.filter { $0.groundAssessedPercent < 100 }
        if let least = partial.min(by: { $0.groundAssessedPercent < $1.groundAssessedPercent }) {
            print(String(
                format: "  warning: %d masts' ground lies partly off the terrain (voids or beyond the DEM), assessed only where it has terrain, compliance unknown where under the limit: the least, '%@', %.1f %%",
                partial.count, least.name, least.groundAssessedPercent
            ))
        }
        print("Results: \(out)")
    }
}
