import ArgumentParser
import Foundation
import Propagation
import Terrain
import Workflows

struct BackhaulCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backhaul",
        abstract: "Point-to-point hops between sites' masts: loss, first Fresnel zone clearance, link budget (hops.csv, hops.geojson).",
        discussion: """
            phusong backhaul --terrain DEM --sites FILE (--links links.csv | --within-km 20) --out DIR [--model p526]
                [--frequency-mhz 7000] [--k-factor 1.3333] [--hub-field fibre] [link budget options] [radio environment options]
                [--rain-rate-mm-h R --dn1 N [--availability-target 99.99]] [--water-vapour-g-m3 RHO] [--air-temperature-c T]
            Each hop runs from the first site's antenna (its height_m) to the second's, checked as `phusong path` checks one,
            the air's oxygen and water vapour absorbing part of its budget (ITU-R P.676).
            With --hub-field, reach.csv gives each site's fewest working hops (0.6 of the first Fresnel zone clear, the
            budget closing) to a hub. With --threshold-dbm, --rain-rate-mm-h and --dn1 each hop's availability over the
            year against rain and multipath fading (ITU-R P.530).
            """
    )

    @Option(help: "Elevation model.")
    var terrain: String

    @Option(help: "The sites (as for footprint); each hop's antennas stand at its sites' height_m.")
    var sites: String

    @Option(help: "A CSV of hops: columns from and to, site ids.")
    var links: String?

    @Option(name: .customLong("within-km"), parsing: .unconditional, help: "Check every pair of sites at most this far apart, km.")
    var withinKm: Double?

    @Option(help: "Output folder (created; existing outputs of the same name are replaced).")
    var out: String

    @Option(name: .customLong("hub-field"), help: "The site attribute (yes/no) marking masts on the fibre network: reach.csv chains every site to one.")
    var hubField: String?

    @Option(help: "Model: \(PathLossModel.allCases.map(\.rawValue).joined(separator: ", ")).")
    var model: PathLossModel = .p526

    @Option(name: .customLong("frequency-mhz"), parsing: .unconditional, help: "The hops' frequency, MHz.")
    var frequencyMHz: Double = 7_000

    @Option(name: .customLong("k-factor"), parsing: .unconditional, help: "Effective earth radius factor for the Fresnel clearance and the los, fspl and p526 models.")
    var kFactor: Double = 4.0 / 3.0

    @OptionGroup var budget: LinkBudgetOptions

    @OptionGroup var fading: FadingOptions

    @OptionGroup var atmosphere: AtmosphereOptions

    @Option(name: .customLong("availability-target"), parsing: .unconditional, help: "With --hub-field and the climate: chain sites to a hub only over hops available at least this share of the year, % (e.g. 99.99).")
    var availabilityTarget: Double?

    @OptionGroup var radio: RadioEnvironmentOptions

    func validate() throws {
        guard (links == nil) != (withinKm == nil) else { throw ValidationError("give --links or --within-km, one of them") }
        if let withinKm, !(withinKm > 0 && withinKm <= 1_000) { throw ValidationError("--within-km must be within 0–1000 km") }
        guard kFactor > 0 else { throw ValidationError("--k-factor must be positive") }
        guard frequencyMHz > 0, frequencyMHz.isFinite else { throw ValidationError("--frequency-mhz must be a positive, finite number") }
        _ = try fading.climate(budget: budget.settings())
        try radio.validate(for: model)
    }

    func run() throws {
        let request = BackhaulRequest(
            terrainPath: terrain, sitesPath: sites, hops: links.map { .listed(file: $0) } ?? .within(km: withinKm ?? 0),
            outputPath: out, model: model, frequencyMHz: frequencyMHz, environment: radio.settings,
            earth: EarthModel(kFactor: kFactor), budget: try budget.settings(), hubField: hubField,
            fading: try fading.climate(budget: budget.settings()), availabilityTarget: availabilityTarget,
            atmosphere: try atmosphere.atmosphere()
        )
        let result = try reportingInputErrors { () throws(InputError) in try BackhaulJob.run(request) }
        let hops = result.hops
        let visible = hops.filter(\.fresnel.lineOfSight).count, clear = hops.filter(\.fresnel.clears60Percent).count
        let closing = budget.thresholdDBm == nil ? "" : ", \(hops.filter { $0.budget?.closes == true }.count) close their budget"
        print("\(hops.count) hops: \(visible) with line of sight, \(clear) clear 0.6 of the first Fresnel zone\(closing)")
        if let first = result.leftOut.first {
            let count = result.leftOut.count
            print("\(count) \(count == 1 ? "pair" : "pairs") left out, the terrain not reaching all along their line (the first: \(first.from) → \(first.to))")
        }
        if let fourNines = result.hopsAvailable(atLeast: 99.99), let fiveNines = result.hopsAvailable(atLeast: 99.999) {
            print("availability over the year (rain and multipath): \(fourNines) hops at 99.99 % or more, \(fiveNines) at 99.999 %")
        }
        if let reach = result.reach {
            let sites = reach.filter { !$0.isHub }, reached = sites.filter { $0.hops != nil }
            let direct = reached.filter { $0.hops == 1 }.count
            print("\(reached.count) of \(sites.count) sites reach a hub over working hops (\(direct) directly), \(sites.count - reached.count) do not")
            if let worst = reach.max(by: { $0.sitesCutOff < $1.sitesCutOff }), worst.sitesCutOff > 0 {
                let count = worst.sitesCutOff
                print("the worst single outage: \(worst.site) down cuts \(count) \(count == 1 ? "site" : "sites") off the fibre (reach.csv: sites_cut_off, depends_on)")
            }
        }
        print("Results: \(out)/hops.csv, \(out)/hops.geojson" + (result.reach == nil ? "" : ", \(out)/reach.csv"))
    }
}
