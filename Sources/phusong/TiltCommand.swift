import ArgumentParser
import Foundation
import Terrain
import Workflows

struct TiltCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tilt",
        abstract: "Downtilts for the sectors that serve the most residents: tilts.csv, tilt.json, before/ and after/ evaluation reports.",
        discussion: "A parametric sector turns its electrical tilt, one with a pattern file its mechanical tilt. With --sinr (4G), --ecio (3G) or --ci (2G) a resident counts as served only at that quality."
    )

    @OptionGroup var options: SiteRunOptions

    @OptionGroup var population: PopulationOptions

    @OptionGroup var traffic: TrafficOptions

    @OptionGroup var backhaul: BackhaulReachOption

    @Option(name: .customLong("min-tilt-deg"), parsing: .unconditional, help: "The lowest downtilt tried, degrees.")
    var minimumTilt = TiltSettings().minimumTilt

    @Option(name: .customLong("max-tilt-deg"), parsing: .unconditional, help: "The highest downtilt tried, degrees.")
    var maximumTilt = TiltSettings().maximumTilt

    @Option(name: .customLong("tilt-step-deg"), parsing: .unconditional, help: "The step between the downtilts tried, degrees.")
    var step = TiltSettings().step

    @Option(name: .customLong("azimuth-range-deg"), parsing: .unconditional, help: "How far each sector's azimuth may turn either way, degrees (0: azimuths stay).")
    var azimuthRange = TiltSettings().azimuthRange

    @Option(name: .customLong("azimuth-step-deg"), parsing: .unconditional, help: "The step between the azimuths tried, degrees.")
    var azimuthStep = TiltSettings().azimuthStep

    @Option(parsing: .unconditional, help: "The most rounds of turning every sector in turn.")
    var rounds = TiltSettings().rounds

    @Option(name: .customLong("min-gain-residents"), parsing: .unconditional, help: "A sector turns off its tilt as given only to serve at least this many more residents (weighted as plan weighs them).")
    var minimumGain = TiltSettings().minimumGain

    @Option(name: .customLong("sinr-limit-db"), parsing: .unconditional, help: "With --sinr: the SINR a 4G (reference signal) or 5G (synchronisation signal) resident needs to count as served, dB.")
    var sinrLimit = TiltSettings().sinrLimitDB

    @OptionGroup var objective: ObjectiveWeightOptions

    var settings: TiltSettings {
        TiltSettings(
            minimumTilt: minimumTilt, maximumTilt: maximumTilt, step: step, azimuthRange: azimuthRange, azimuthStep: azimuthStep,
            rounds: rounds, sinrLimitDB: sinrLimit, minimumGain: minimumGain
        )
    }

    func validate() throws {
        if let problem = settings.problem { throw ValidationError("--\(problem.key.replacingOccurrences(of: "_", with: "-")): \(problem.reason)") }
        try objective.validate(against: options)
    }

    func run() throws {
        let request = TiltRequest(
            evaluation: try options.request(residents: backhaul.following(try traffic.loading(population.request))), settings: settings,
            weights: objective.weights
        )
        let bar = ProgressBar(label: "sites")
        let summary = try reportingInputErrors { () throws(InputError) in
            defer { bar.finish() }
            return try TiltJob.run(request) { bar.show($0) }
        }
        let label = summary.syntheticTerrain ? " (SYNTHETIC terrain)" : ""
        print(String(
            format: "Tilts%@, %d tried from %g to %g° (search %.2f s):", label, summary.candidatesDeg.count, minimumTilt, maximumTilt,
            summary.searchSeconds
        ))
        for result in summary.technologies {
            let gain = result.residentsBefore > 0 ? String(format: " (%+.2f %%)", 100 * (result.residentsAfter / result.residentsBefore - 1)) : ""
            print(String(
                format: "  %@: %d of %d sectors turned in %d rounds; residents served %.0f → %.0f%@",
                result.technology, result.turned, result.sectors, result.rounds, result.residentsBefore, result.residentsAfter, gain
            ))
        }
        for sector in summary.sectors where sector.tiltAfter != sector.tiltBefore || sector.azimuthAfter != sector.azimuthBefore {
            let azimuth = sector.azimuthAfter == sector.azimuthBefore ? "" : String(format: ", azimuth %g → %g°", sector.azimuthBefore, sector.azimuthAfter)
            print(String(
                format: "  %@  %@ tilt %g → %g°%@  residents served %.0f → %.0f", sector.id, sector.adjusts.rawValue,
                sector.tiltBefore, sector.tiltAfter, azimuth, sector.residentsServedBefore, sector.residentsServedAfter
            ))
        }
        let along = coveredAlongLines(
            roadsKm: (summary.roadsCoveredKmBefore, summary.roadsCoveredKmAfter), roadWeight: summary.roadWeight,
            facilities: (summary.facilitiesCoveredBefore, summary.facilitiesCoveredAfter), facilityWeight: summary.facilityWeight,
            before: "as given", after: "as turned"
        )
        for line in along { print(line) }
        print("Results: \(options.out)/tilts.csv, \(options.out)/tilt.json, \(options.out)/before/ (as given), \(options.out)/after/ (turned)")
    }
}
