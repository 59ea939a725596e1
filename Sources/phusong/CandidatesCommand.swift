import ArgumentParser
import Coverage
import Foundation
import Propagation
import Terrain
import Workflows

struct CandidatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candidates",
        abstract: "Greenfield candidates for plan: block hilltops, each next the one adding the most residents it sees (priority-weighted) that no site on air nor hilltop before it sees, as a plan's candidate CSV.",
        discussion: """
            phusong candidates --terrain DEM --population COMMUNES --out candidates.csv [--existing masts.csv]
            With --existing, the output is that candidate file (existing and shared masts) with the found candidates
            appended under its columns: give it to phusong plan as --sites. The residents its sites on air reach do
            not count.
            """
    )

    @Option(help: "Elevation model: .hgt, .hgt.zip, GeoTIFF, any GDAL raster, or a folder of tiles.")
    var terrain: String

    @OptionGroup var population: PopulationOptions

    @Option(help: "The candidate CSV to write.")
    var out: String

    @Option(help: "A plan's candidate CSV (existing and shared masts) to copy first; the found candidates take its columns.")
    var existing: String?

    @Option(name: .customLong("block-km"), parsing: .unconditional, help: "Side of the square blocks searched: one candidate, the block's highest cell, per block at most.")
    var blockKm = 2.0

    @Option(name: .customLong("reach-km"), parsing: .unconditional, help: "Candidates are ranked by the residents within this distance, weighted by their communes' priority as plan weighs them.")
    var reachKm = 5.0

    @Option(name: .customLong("reach-by"), help: "Which residents within the reach count: those in a candidate's (and a site on air's) footprint by --model, or all within the distance.")
    var reachBy: CandidateReach = .footprint

    @Option(help: "With --reach-by footprint, the footprints' path-loss model: \(PathLossModel.allCases.map(\.rawValue).joined(separator: ", ")) (los: those the antenna sees).")
    var model: PathLossModel = .los

    @Option(help: "With --reach-by footprint: model corrections fitted against drive tests (phusong drive-test's calibration.csv, for this --model), added to every footprint as footprint --calibration adds them.")
    var calibration: String?

    @Option(help: "With --reach-by footprint: land cover (a raster of whole-number classes, any CRS GDAL reads) whose classes' losses, from --clutter-losses, are taken off every footprint as footprint --clutter takes them off.")
    var clutter: String?

    @Option(name: .customLong("clutter-losses"), help: "With --clutter: CSV of class,loss_db, the loss each land-cover class adds at the receiver.")
    var clutterLosses: String?

    @OptionGroup var radio: RadioEnvironmentOptions

    @OptionGroup var handset: HandsetOptions

    @Option(help: "Order: each next hilltop by the residents it adds to those the ones before it reach, or each by those it reaches alone.")
    var ranking: CandidateRanking = .added

    @Option(name: .customLong("max-candidates"), parsing: .unconditional, help: "The most candidates proposed.")
    var maxCandidates = 50

    @Option(name: .customLong("resolution-m"), parsing: .unconditional, help: "Grid cell size, metres (default: the DEM's native spacing).")
    var resolution: Double?

    @Option(name: .customLong("max-void-fraction"), parsing: .unconditional, help: "Refuse when more of the grid than this is void (0–1).")
    var maxVoidFraction = VoidPolicy().maxVoidFraction

    @Option(name: .customLong("height-m"), parsing: .unconditional, help: "Each candidate's antenna height, metres.")
    var height = 30.0

    @Option(help: "Each candidate's technology: 2G, 3G, 4G or 5G.")
    var technology = "2G"

    @Option(name: .customLong("frequency-mhz"), parsing: .unconditional, help: "Each candidate's frequency (default: its technology's).")
    var frequency: Double?

    @Option(name: .customLong("eirp-dbm"), parsing: .unconditional, help: "Each candidate's EIRP, dBm.")
    var eirp = 60.0

    @Option(name: .customLong("antenna-gain-dbi"), parsing: .unconditional, help: "Each candidate's antenna gain, dBi (with its EIRP: what plan's --uplink needs).")
    var antennaGain: Double?

    @Option(parsing: .unconditional, help: "Each candidate's cost, in the plan's budget units.")
    var cost = 100.0

    @Option(help: "Roads (any line layer GDAL reads): those within a candidate's reach count too, each kilometre as --road-weight residents.")
    var roads: String?

    @Option(name: .customLong("road-weight"), parsing: .unconditional, help: "With --roads: what a kilometre of road in reach counts, in residents (as plan --road-weight).")
    var roadWeight: Double?

    @Option(help: "Facilities (any point layer GDAL reads, or a CSV with lon and lat): those within a candidate's reach count too, each as --facility-weight residents.")
    var facilities: String?

    @Option(name: .customLong("facility-weight"), parsing: .unconditional, help: "With --facilities: what a facility in reach counts, in residents (as plan --facility-weight).")
    var facilityWeight: Double?

    func validate() throws {
        guard blockKm > 0, reachKm > 0, blockKm.isFinite, reachKm <= 100 else {
            throw ValidationError("--block-km must be positive and --reach-km within (0, 100]")
        }
        guard maxCandidates > 0 else { throw ValidationError("--max-candidates must be at least 1") }
        if let resolution, !(resolution > 0) { throw ValidationError("--resolution-m must be positive") }
        guard (0...1_000).contains(height), (-30...100).contains(eirp), cost >= 0, cost.isFinite else {
            throw ValidationError("--height-m must be within 0–1000 m, --eirp-dbm within −30–100 dBm and --cost ≥ 0")
        }
        guard Technology(named: technology) != nil else { throw ValidationError("--technology must be \(Technology.namesAccepted)") }
        if let frequency, !(frequency > 0) { throw ValidationError("--frequency-mhz must be positive") }
        if let antennaGain, !(-20...50).contains(antennaGain) { throw ValidationError("--antenna-gain-dbi must be within −20–50 dBi") }
        try radio.validate(for: model)
        try handset.clutter.validate(for: model, handsetHeight: CoverageParameters().receiverHeight)
        guard (0...1).contains(maxVoidFraction) else { throw ValidationError("--max-void-fraction must be in [0, 1]") }
        guard calibration == nil || reachBy == .footprint else { throw ValidationError("--calibration needs --reach-by footprint (it corrects the footprints' power)") }
        guard (clutter == nil) == (clutterLosses == nil) else { throw ValidationError("--clutter and --clutter-losses go together") }
        guard clutter == nil || reachBy == .footprint else { throw ValidationError("--clutter needs --reach-by footprint (its losses lower the footprints' power)") }
        try handset.clutter.validate(landCover: clutter)
        if let given = handset.firstGiven, reachBy != .footprint {
            throw ValidationError("\(given) needs --reach-by footprint (the handset's gain and losses move the footprints' power)")
        }
        guard (roads == nil) == (roadWeight == nil) else { throw ValidationError("--roads and --road-weight go together") }
        if let roadWeight, !(roadWeight > 0 && roadWeight.isFinite) { throw ValidationError("--road-weight must be a positive number") }
        guard (facilities == nil) == (facilityWeight == nil) else { throw ValidationError("--facilities and --facility-weight go together") }
        if let facilityWeight, !(facilityWeight > 0 && facilityWeight.isFinite) { throw ValidationError("--facility-weight must be a positive number") }
    }

    func run() throws {
        var request = CandidateSearchRequest(terrainPath: terrain, residents: population.request, outputPath: out)
        request.existingPath = existing
        request.blockSize = blockKm * 1_000
        request.reach = reachKm * 1_000
        request.reachBy = reachBy
        request.model = model
        request.environment = radio.settings
        request.receiver = handset.budget
        request.calibration = try loadCalibration(calibration, for: model)
        if let clutter, let clutterLosses { request.clutter = ClutterRequest(rasterPath: clutter, lossesPath: clutterLosses) }
        request.ranking = ranking
        request.maximum = maxCandidates
        request.resolution = resolution
        request.voidPolicy.maxVoidFraction = maxVoidFraction
        request.heightM = height
        request.technology = Technology(named: technology) ?? .gsm
        request.frequencyMHz = frequency
        request.eirpDBm = eirp
        request.antennaGainDBi = antennaGain
        request.cost = cost
        request.roads = roads.map { RoadsRequest(path: $0) }
        request.roadWeight = roadWeight ?? 0
        request.facilities = facilities.map { FacilitiesRequest(path: $0) }
        request.facilityWeight = facilityWeight ?? 0
        let result = try reportingInputErrors { () throws(InputError) in try CandidateSearch.run(request) }
        let found = result.found
        let corrected = (calibration.map { ", calibrated by \($0)" } ?? "") + (clutter.map { ", less the clutter losses of \($0)" } ?? "")
        let footprint = model == .los && corrected.isEmpty ? "seen" : "covered by \(model.rawValue)\(corrected),"
        let reach = (request.reachBy == .footprint ? footprint : "") + " within \(reachKm) km"
        let order = request.ranking == .added ? "each next by the residents it adds to those before it" : "by the residents each reaches"
        let counted = (roadWeight.map { String(format: ", each km of road as %g residents", $0) } ?? "")
            + (facilityWeight.map { String(format: ", each facility as %g residents", $0) } ?? "")
        print("Candidates: \(found.count) hilltops, \(order) (\(reach.trimmingCharacters(in: .whitespaces)), weighted by priority\(counted)):")
        if existing != nil {
            let offTerrain = result.sitesOnAirOffTerrain.isEmpty
                ? "" : ", \(result.sitesOnAirOffTerrain.count) off it: \(result.sitesOnAirOffTerrain.prefix(5).joined(separator: ", "))"
            print("  less those its sites on air reach so (\(result.sitesOnAir) on the terrain\(offTerrain))")
        }
        for candidate in found.prefix(20) {
            print(String(
                format: "  %@  %.5f, %.5f  %6.0f m  %9.0f residents", candidate.id, candidate.location.latitude,
                candidate.location.longitude, candidate.elevationM, candidate.weightedResidentsInReach
            ))
        }
        if found.count > 20 { print("  … and \(found.count - 20) more in \(out)") }
        print("Results: \(out)")
    }
}

extension CandidateReach: ExpressibleByArgument {}
extension CandidateRanking: ExpressibleByArgument {}
