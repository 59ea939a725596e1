import ArgumentParser
import Coverage
import Planning
import Propagation
import Terrain
import Workflows

/// Model and terrain options shared by commands that compute coverage.
struct CoverageOptions: ParsableArguments {
    @Option(name: .customLong("radius-km"), parsing: .unconditional, help: "Coverage radius around each site, km.")
    var radiusKm: Double = 30

    @Option(name: .customLong("resolution-m"), parsing: .unconditional, help: "Grid cell size, metres (default: the DEM's native spacing).")
    var resolution: Double?

    @Option(name: .customLong("k-factor"), parsing: .unconditional, help: "Effective earth radius factor k ('inf' for a flat earth).")
    var kFactor: Double = 4.0 / 3.0

    @Option(name: .customLong("k-from-refractivity"), parsing: .unconditional, help: "Derive k from this sea-level surface refractivity (N-units) as ITM does, instead of --k-factor.")
    var kFromRefractivity: Double?

    @Option(name: .customLong("receiver-height-m"), parsing: .unconditional, help: "Receiver height above ground, metres.")
    var receiverHeight: Double = 1.5

    @Option(name: .customLong("threshold-2g"), parsing: .unconditional, help: "2G coverage threshold, dBm.")
    var threshold2G: Double = Technology.gsm.defaultThresholdDBm

    @Option(name: .customLong("threshold-3g"), parsing: .unconditional, help: "3G coverage threshold, dBm.")
    var threshold3G: Double = Technology.umts.defaultThresholdDBm

    @Option(name: .customLong("threshold-4g"), parsing: .unconditional, help: "4G coverage threshold, dBm.")
    var threshold4G: Double = Technology.lte.defaultThresholdDBm

    @Option(name: .customLong("threshold-5g"), parsing: .unconditional, help: "5G coverage threshold (SS-RSRP), dBm.")
    var threshold5G: Double = Technology.nr.defaultThresholdDBm

    @OptionGroup var handset: HandsetOptions

    @Flag(help: "Check every site's uplink too (handset to site): coverage is where both links close. Needs each site's antenna gain; sites stating ue_power_dbm or bts_sensitivity_dbm are checked anyway.")
    var uplink = false

    @Option(name: .customLong("max-fill-cells"), parsing: .unconditional, help: "Fill void regions up to this many DEM cells by interpolation.")
    var maxFillCells: Int = VoidPolicy().maxFilledRegionCells

    @Option(name: .customLong("max-void-fraction"), parsing: .unconditional, help: "Refuse when more of the grid than this is void (0–1).")
    var maxVoidFraction: Double = VoidPolicy().maxVoidFraction

    @OptionGroup var memory: MemoryLimitOption

    func validate() throws {
        guard radiusKm > 0, radiusKm <= 500 else { throw ValidationError("--radius-km must be in (0, 500]") }
        if let resolution, !(resolution > 0) { throw ValidationError("--resolution-m must be positive") }
        guard kFactor > 0 else { throw ValidationError("--k-factor must be positive") }
        if let kFromRefractivity, !(250...400).contains(kFromRefractivity) {
            throw ValidationError("--k-from-refractivity must be within 250–400 N-units")
        }
        guard receiverHeight >= 0, receiverHeight.isFinite else {
            throw ValidationError("--receiver-height-m must be a finite number ≥ 0")
        }
        guard [threshold2G, threshold3G, threshold4G, threshold5G].allSatisfy(\.isFinite) else {
            throw ValidationError("thresholds must be finite numbers")
        }
        guard maxFillCells >= 0 else { throw ValidationError("--max-fill-cells must not be negative") }
        guard (0...1).contains(maxVoidFraction) else { throw ValidationError("--max-void-fraction must be in [0, 1]") }
    }

    var parameters: CoverageParameters {
        var parameters = CoverageParameters(
            radius: radiusKm * 1_000, receiverHeight: receiverHeight,
            earth: kFromRefractivity.map { EarthModel(surfaceRefractivity: $0) } ?? EarthModel(kFactor: kFactor),
            thresholds: CoverageThresholds(overrides: [.gsm: threshold2G, .umts: threshold3G, .lte: threshold4G, .nr: threshold5G]),
            receiver: handset.budget
        )
        parameters.checksUplink = uplink
        return parameters
    }

    var voidPolicy: VoidPolicy {
        VoidPolicy(maxFilledRegionCells: maxFillCells, maxVoidFraction: maxVoidFraction)
    }
}

/// Terrain, sites, output folder and every model setting of a coverage run.
struct SiteRunOptions: ParsableArguments {
    @Option(help: "Elevation model: .hgt, .hgt.zip, GeoTIFF, any GDAL raster, or a folder of tiles.")
    var terrain: String

    @Option(help: "Sites: a GeoJSON FeatureCollection of Points, a CSV with id,lat,lon columns, or any point layer GDAL reads (GeoPackage, Shapefile, KML, …; one layer of several as FILE|layername=NAME).")
    var sites: String

    @Option(help: "Output folder (created; existing outputs of the same name are replaced).")
    var out: String

    @Option(help: "Path-loss model: \(PathLossModel.allCases.map(\.rawValue).joined(separator: ", ")).")
    var model: PathLossModel = .los

    @Option(help: "How terrain models cover the area: sweep (fast: radial sweeps for itm, itm-area, p526, but exact profiles for itm and itm-area on radii under 150 cells and within 50 cells of the site; sector horizons and tile maxima for los, same answer) or exact (a full profile or ray to every cell centre).")
    var kernel: CoverageKernel = .sweep

    @OptionGroup var coverage: CoverageOptions

    @OptionGroup var radio: RadioEnvironmentOptions

    @Flag(name: .customLong("write-terrain"), help: "Also write terrain.tif: the metric elevation grid the run used.")
    var writeTerrain = false

    @Option(help: "Land cover: a raster of whole-number classes, any CRS (e.g. ESA WorldCover); each cell's prevailing class costs its loss.")
    var clutter: String?

    @Option(name: .customLong("clutter-losses"), help: "CSV of class,loss_db: the loss each land-cover class adds at the receiver.")
    var clutterLosses: String?

    @Option(help: "Model corrections fitted against drive tests (phusong drive-test's calibration.csv, for this --model): each technology's sites gain offset_db + slope_db_per_decade × log10(distance km), the distance held within from_km–to_km.")
    var calibration: String?

    @Option(name: .customLong("residential-classes"), help: "With --clutter: the land-cover classes that are residential land (e.g. 50, WorldCover's built-up), comma-separated; the share of it covered is reported, per commune with --population.")
    var residentialClasses: String?

    @Option(help: "Roads: a line layer GDAL reads (OpenStreetMap's roads as GeoPackage, Shapefile, GeoJSON, …): the length each technology covers, per road (roads.csv, roads.geojson).")
    var roads: String?

    @Option(name: .customLong("road-name-field"), help: "With --roads: the attribute whose features of one value make one road (default: name, when the layer has it; else each feature is a road).")
    var roadNameField: String?

    @Option(help: "Facilities: a point layer GDAL reads, or a CSV with lon and lat columns, of places that must have coverage (schools, health stations, commune offices): each one's server and power per technology (facilities.csv).")
    var facilities: String?

    @Option(name: .customLong("facility-name-field"), help: "With --facilities: the attribute naming each facility (default: name, when the layer has it).")
    var facilityNameField: String?

    @Option(name: .customLong("facility-type-field"), help: "With --facilities: the attribute giving each facility's kind, whose figures are given apart (default: type, when the layer has it).")
    var facilityTypeField: String?

    @Flag(help: "Also write sinr.tif: the 4G sites' reference-signal SINR, the strongest 4G site against the others on its frequency and the noise of a resource element; and ss_sinr.tif, the 5G sites' synchronisation-signal SINR.")
    var sinr = false

    @Option(name: .customLong("lte-load"), parsing: .unconditional, help: "With --sinr: the share of resource elements the other 4G cells fill, percent.")
    var lteLoad: Double = SINRSettings().loadPercent

    @Flag(help: "With --sinr: also write throughput.tif, the 4G downlink rate from the strongest site's whole carrier at the data SINR (3GPP TR 36.942's attenuated Shannon bound), Mbps, and nr_throughput.tif, 5G's at the SS-SINR.")
    var throughput = false

    @Option(name: .customLong("nr-load"), parsing: .unconditional, help: "With --throughput: the share of resource elements the other 5G cells fill beyond their SS/PBCH blocks, percent, for 5G's data SINR and rate (SS-SINR counts every cell whole).")
    var nrLoad: Double = SINRSettings().nrLoadPercent

    @Option(name: .customLong("nr-tdd-pattern"), help: "With --throughput: the 5G carriers' TDD slots (D, S, U) and a special slot's downlink symbols, e.g. DDDSU:10 (74.3 % downlink); D for FDD.")
    var nrTDDPattern: String = TDDFrame.default.text

    @Option(name: .customLong("throughput-limit-mbps"), parsing: .unconditional, help: "With --throughput: the rate below which a cell counts as too slow, Mbps.")
    var throughputLimit: Double = ThroughputSettings().limitMbps

    @Option(name: .customLong("ue-antennas"), help: "With --throughput: the handset's receive antennas (1, 2 or 4); with a site's tx_antennas they set its spatial layers.")
    var ueAntennas: Int = ThroughputSettings().handsetAntennas

    @Option(name: .customLong("ue-noise-figure-db"), parsing: .unconditional, help: "With --sinr, --ecio or --ci: the handset receiver's noise figure, dB.")
    var noiseFigure: Double = SINRSettings().noiseFigureDB

    @Flag(help: "Also write ecio.tif: the 3G sites' pilot Ec/Io, the strongest 3G site's pilot (its EIRP) against every cell's power on its frequency and noise.")
    var ecio = false

    @Option(name: .customLong("umts-load"), parsing: .unconditional, help: "With --ecio: how much of their power beyond the pilot the 3G cells transmit, percent.")
    var umtsLoad: Double = EcIoSettings().loadPercent

    @Option(name: .customLong("pilot-share"), parsing: .unconditional, help: "With --ecio: the pilot's share of a 3G cell's full power, percent, for sites without pilot_offset_db.")
    var pilotShare: Double = EcIoSettings().pilotSharePercent

    @Option(name: .customLong("ecio-limit-db"), parsing: .unconditional, help: "With --ecio: the Ec/Io below which a pilot is counted too weak, dB.")
    var ecioLimit: Double = EcIoSettings().limitDB

    @Option(name: .customLong("pilot-window-db"), parsing: .unconditional, help: "With --ecio: pilots within this many dB of the strongest count toward pilot pollution (pilots.tif).")
    var pilotWindow: Double = EcIoSettings().crowding.windowDB

    @Option(name: .customLong("active-set"), parsing: .unconditional, help: "With --ecio: the pilots a handset's active set holds; more within the window pollute the cell.")
    var activeSet: Int = EcIoSettings().crowding.limit

    @Option(name: .customLong("rsrp-window-db"), parsing: .unconditional, help: "With --sinr: 4G (5G) cells within this many dB of the strongest RSRP (SS-RSRP) count toward its pollution (rsrp_overlap.tif, ss_rsrp_overlap.tif).")
    var rsrpWindow: Double = SINRSettings().crowding.windowDB

    @Option(name: .customLong("rsrp-overlap-limit"), parsing: .unconditional, help: "With --sinr: more 4G (5G) cells than this within the RSRP (SS-RSRP) window pollute the cell.")
    var rsrpOverlapLimit: Int = SINRSettings().crowding.limit

    @Flag(help: "Also write ci.tif: the 2G sites' C/I, the strongest 2G site's carrier against the others on its channel, those one and two channels (200, 400 kHz) away less 18 and 50 dB, and noise.")
    var ci = false

    @Option(name: .customLong("ci-limit-db"), parsing: .unconditional, help: "With --ci: the C/I below which a cell counts as interfered, dB (9: 3GPP TS 45.005's reference).")
    var ciLimit: Double = CarrierToInterferenceSettings().limitDB

    @Option(help: "A channel plan (CSV of id and arfcn, as phusong channels writes): the listed 2G sites take those BCCH carriers.")
    var channels: String?

    @Option(help: "A PCI plan (CSV of id and pci, as phusong pci writes): the listed 4G and 5G sites take those PCIs.")
    var pci: String?

    @Option(help: "A scrambling-code plan (CSV of id and psc, as phusong psc writes): the listed 3G sites take those primary scrambling codes.")
    var psc: String?

    @Option(help: "A tilt plan (CSV of id, adjusts and tilt_after_deg, as phusong tilt writes): the listed sectors take those downtilts.")
    var tilts: String?

    @Option(help: "Cells' own loads (CSV of id and load_percent; or a run's traffic.csv, whose 4G and 5G carriers' airtime_percent, at most 100, is their load): the listed 3G, 4G and 5G cells interfere at those loads with --sinr (5G: its rate) and --ecio.")
    var loads: String?

    @Flag(help: "Also write neighbours.csv: each site's handover neighbours among the sites of its technology — those on its mast, those covering its best-server cells within the handover margin, and those listing it.")
    var neighbours = false

    @Option(name: .customLong("handover-margin-db"), parsing: .unconditional, help: "With --neighbours: a site counts in a best-server cell where it covers it within this many dB of the server.")
    var handoverMargin: Double = NeighbourSettings().marginDB

    @Option(name: .customLong("neighbour-min-percent"), parsing: .unconditional, help: "With --neighbours: the least share of a site's best-server cells another must count in to be its neighbour, percent.")
    var neighbourMinPercent: Double = NeighbourSettings().minimumPercent

    @Option(name: .customLong("max-neighbours"), parsing: .unconditional, help: "With --neighbours: the most neighbours a site lists (32: a GSM BCCH allocation list).")
    var maxNeighbours: Int = NeighbourSettings().maximum

    func validate() throws {
        try radio.validate(for: model)
        try coverage.handset.clutter.validate(for: model, handsetHeight: coverage.receiverHeight)
        guard (clutter == nil) == (clutterLosses == nil) else { throw ValidationError("--clutter and --clutter-losses go together") }
        try coverage.handset.clutter.validate(landCover: clutter)
        if residentialClasses != nil {
            guard clutter != nil else { throw ValidationError("--residential-classes needs --clutter and --clutter-losses") }
            guard residential != nil else { throw ValidationError("--residential-classes must be whole numbers separated by commas, e.g. 50") }
        }
        guard roadNameField == nil || roads != nil else { throw ValidationError("--road-name-field needs --roads") }
        for (option, field) in [("--facility-name-field", facilityNameField), ("--facility-type-field", facilityTypeField)] {
            guard field == nil || facilities != nil else { throw ValidationError("\(option) needs --facilities") }
        }
        guard SINRSettings.loadRange.contains(lteLoad) else { throw ValidationError("--lte-load must be within 0–100 %") }
        guard !throughput || sinr else { throw ValidationError("--throughput needs --sinr (the rate comes from the SINR)") }
        guard loads == nil || sinr || ecio else { throw ValidationError("--loads needs --sinr or --ecio (cells' loads set the interference they cause)") }
        guard ThroughputSettings.limitRange.contains(throughputLimit) else { throw ValidationError("--throughput-limit-mbps must be within 0.01–1000 Mbps") }
        guard ThroughputSettings.handsetAntennaChoices.contains(ueAntennas) else { throw ValidationError("--ue-antennas must be 1, 2 or 4") }
        guard throughput || ueAntennas == ThroughputSettings().handsetAntennas else { throw ValidationError("--ue-antennas needs --throughput (it sets the rate's spatial layers)") }
        do { _ = try TDDFrame(parsing: nrTDDPattern) } catch { throw ValidationError("--nr-tdd-pattern: \(error)") }
        guard SINRSettings.loadRange.contains(nrLoad) else { throw ValidationError("--nr-load must be within 0–100 %") }
        guard throughput || nrLoad == SINRSettings().nrLoadPercent else { throw ValidationError("--nr-load needs --throughput (it sets 5G's data SINR)") }
        guard throughput || nrTDDPattern == TDDFrame.default.text else { throw ValidationError("--nr-tdd-pattern needs --throughput (it sets 5G's downlink time)") }
        guard SINRSettings.noiseFigureRange.contains(noiseFigure) else { throw ValidationError("--ue-noise-figure-db must be within 0–20 dB") }
        guard SINRSettings.loadRange.contains(umtsLoad) else { throw ValidationError("--umts-load must be within 0–100 %") }
        guard EcIoSettings.pilotShareRange.contains(pilotShare) else { throw ValidationError("--pilot-share must be within 1–50 %") }
        guard EcIoSettings.limitRange.contains(ecioLimit) else { throw ValidationError("--ecio-limit-db must be within −30–0 dB") }
        guard CarrierToInterferenceSettings.limitRange.contains(ciLimit) else { throw ValidationError("--ci-limit-db must be within −10–30 dB") }
        guard NeighbourSettings.marginRange.contains(handoverMargin) else { throw ValidationError("--handover-margin-db must be within 1–20 dB") }
        guard NeighbourSettings.minimumPercentRange.contains(neighbourMinPercent) else { throw ValidationError("--neighbour-min-percent must be within 0–100 %") }
        guard NeighbourSettings.maximumRange.contains(maxNeighbours) else { throw ValidationError("--max-neighbours must be within 1–256") }
        for (option, window) in [("--pilot-window-db", pilotWindow), ("--rsrp-window-db", rsrpWindow)] {
            guard ServerCrowding.windowRange.contains(window) else { throw ValidationError("\(option) must be within 1–15 dB") }
        }
        for (option, limit) in [("--active-set", activeSet), ("--rsrp-overlap-limit", rsrpOverlapLimit)] {
            guard ServerCrowding.limitRange.contains(limit) else { throw ValidationError("\(option) must be within 1–6") }
        }
    }

    /// `--residential-classes` as classes; nil when a part is not a whole number.
    private var residential: Set<Int32>? {
        guard let residentialClasses else { return [] }
        let parts = residentialClasses.split(separator: ",").map { Int32($0.trimmingCharacters(in: .whitespaces)) }
        return parts.isEmpty || parts.contains(nil) ? nil : Set(parts.compactMap { $0 })
    }

    func request(residents: ResidentsRequest? = nil) throws -> FootprintRequest {
        var parameters = coverage.parameters
        parameters.model = model
        parameters.kernel = kernel
        parameters.environment = radio.settings
        var request = FootprintRequest(
            terrainPath: terrain, sitesPath: sites, outputDirectory: out, parameters: parameters,
            resolution: coverage.resolution, voidPolicy: coverage.voidPolicy, writeTerrain: writeTerrain,
            residents: residents
        )
        if let clutter, let clutterLosses {
            request.clutter = ClutterRequest(rasterPath: clutter, lossesPath: clutterLosses, residentialClasses: residential ?? [])
        }
        request.calibration = try loadCalibration(calibration, for: model)
        request.roads = roads.map { RoadsRequest(path: $0, nameField: roadNameField) }
        request.facilities = facilities.map { FacilitiesRequest(path: $0, nameField: facilityNameField, typeField: facilityTypeField) }
        if sinr {
            request.sinr = SINRSettings(
                loadPercent: lteLoad, noiseFigureDB: noiseFigure, crowding: ServerCrowding(windowDB: rsrpWindow, limit: rsrpOverlapLimit),
                throughput: throughput
                    ? ThroughputSettings(limitMbps: throughputLimit, handsetAntennas: ueAntennas, nrFrame: try TDDFrame(parsing: nrTDDPattern)) : nil,
                nrLoadPercent: nrLoad
            )
        }
        if ecio {
            request.ecio = EcIoSettings(
                loadPercent: umtsLoad, pilotSharePercent: pilotShare, noiseFigureDB: noiseFigure, limitDB: ecioLimit,
                crowding: ServerCrowding(windowDB: pilotWindow, limit: activeSet)
            )
        }
        if ci { request.ci = CarrierToInterferenceSettings(noiseFigureDB: noiseFigure, limitDB: ciLimit) }
        if neighbours {
            request.neighbours = NeighbourSettings(marginDB: handoverMargin, minimumPercent: neighbourMinPercent, maximum: maxNeighbours)
        }
        request.channelPlanPath = channels
        request.pciPlanPath = pci
        request.pscPlanPath = psc
        request.tiltPlanPath = tilts
        request.loadPlanPath = loads
        request.limits.memoryBytes = coverage.memory.bytes
        return request
    }

    /// Runs the job with a progress bar on a terminal; bad input exits with `code`.
    func run(_ request: FootprintRequest, badInputExit code: Int32 = 1) throws -> FootprintSummary {
        let bar = ProgressBar(label: "sites")
        return try reportingInputErrors(exitCode: code) { () throws(InputError) in
            defer { bar.finish() }
            return try FootprintJob.run(request) { bar.show($0) }
        }
    }
}

struct FootprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "footprint",
        abstract: "Footprints of sites over terrain: coverage.tif, sites/*.tif, footprints.geojson, coverage.gpkg, summary.json."
    )

    @OptionGroup var options: SiteRunOptions

    @OptionGroup var timeLimit: TimeLimitOption

    func run() throws {
        var request = try options.request()
        request.limits.deadline = timeLimit.deadline
        let summary = try options.run(request)
        print(report(summary, folder: options.out))
        try exitIfPartial(summary)
    }
}

/// A short human report of a run.
func report(_ summary: FootprintSummary, folder: String) -> String {
    let label = summary.syntheticTerrain ? " (SYNTHETIC terrain)" : ""
    var lines = summary.siteAreas.map { site in
        "  \(site.id)  \(site.technology)  \(String(format: "%9.2f", site.areaKm2)) km²"
    }
    lines.insert(
        "Footprints\(label), model \(summary.model), \(summary.crs), \(summary.resolutionM.formatted1) m cells, radius \(summary.radiusKm) km:",
        at: 0
    )
    if let calibration = summary.calibration {
        lines.insert("  calibrated by \(calibration.path): \(calibration.corrections.map(\.description).joined(separator: "; "))", at: 1)
    }
    // Every warning is in summary.json; a province of sites along a DEM's edge would bury the table in them here.
    let shownWarnings = 20
    lines += summary.warnings.prefix(shownWarnings).map { "  warning: \($0)" }
    if summary.warnings.count > shownWarnings {
        lines.append("  … and \(summary.warnings.count - shownWarnings) more warnings in summary.json")
    }
    lines.append("  union   \(String(format: "%12.2f", summary.unionAreaKm2)) km²")
    for (name, areas) in (summary.operatorAreasKm2 ?? [:]).sorted(by: { $0.key < $1.key }) {
        let technologies = areas.keys.filter { $0 != "any" }.sorted().map { String(format: "%@ %.2f", $0, areas[$0]!) }
        lines.append("  \(name): \(String(format: "%.2f", areas["any"] ?? 0)) km² covered (\(technologies.joined(separator: ", ")))")
    }
    if let roads = summary.roads { lines += roadLines(roads, technologies: Set(summary.siteAreas.map(\.technology))) }
    if let facilities = summary.facilities { lines += facilityLines(facilities, technologies: Set(summary.siteAreas.map(\.technology))) }
    if let clutter = summary.clutter {
        let classes = clutter.coverageByClass.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }
        lines += classes.map { value, share in
            String(format: "  land cover %@: %.1f %% of %.2f km² covered", value, share.coveredPercent["any"] ?? 0, share.areaKm2)
                + (clutter.coverageWithin == "communes" ? " (within the communes)" : "")
        }
    }
    let servers = summary.siteAreas.contains { $0.server != nil } ? ["best_server.tif", "server_count.tif"] : []
    let quality: [String] = (summary.lteSINR == nil ? [] : ["sinr.tif", "rsrp_overlap.tif"]) + (summary.lteThroughput == nil ? [] : ["throughput.tif"])
        + (summary.nrSINR == nil ? [] : ["ss_sinr.tif", "ss_rsrp_overlap.tif"]) + (summary.nrThroughput == nil ? [] : ["nr_throughput.tif"])
        + (summary.umtsEcIo == nil ? [] : ["ecio.tif", "pilots.tif"])
        + (summary.gsmCI == nil ? [] : ["ci.tif"]) + (summary.gsmCI?.interferenceMatrix == nil ? [] : ["interference.csv"])
    let neighbours = summary.neighbours.map { totals in
        let lists = (totals.technologies.isEmpty ? [] : ["neighbours.csv"]) + (totals.interTechnology.isEmpty ? [] : ["inter_technology_neighbours.csv"])
        return lists + (lists.isEmpty ? [] : ["neighbours.geojson"])
    } ?? []
    let roads = summary.roads == nil ? [] : ["roads.csv", "roads.geojson"]
    let facilities = summary.facilities == nil ? [] : ["facilities.csv"]
    let files = ["coverage.tif"] + servers + quality + neighbours + roads + facilities + ["sites/", "footprints.geojson", "summary.json"]
    lines.append("Results: " + files.map { "\(folder)/\($0)" }.joined(separator: ", "))
    return lines.joined(separator: "\n")
}

/// The report's lines on the roads: all of them, then each (the first ten), with the share covered by each of the run's
/// `technologies` and by any.
private func roadLines(_ roads: FootprintSummary.Roads, technologies: Set<String>) -> [String] {
    let keys = CoverageMasks.keys.filter { $0 == "any" || technologies.contains($0) }
    func line(_ road: FootprintSummary.Roads.Road, name: String? = nil) -> String {
        let shares = keys.compactMap { key in road.coveredPercent[key].map { String(format: "%@ %.1f %%", key, $0) } }
        let gap = road.longestGapKm > 0 ? String(format: "; longest stretch without coverage %.2f km", road.longestGapKm) : ""
        return String(format: "  %@: %.2f km, %.2f km in the area, covered ", name ?? road.name, road.lengthKm, road.inAreaKm)
            + (shares.isEmpty ? "—" : shares.joined(separator: ", ")) + gap
    }
    let shown = 10
    let operators = (roads.operators ?? [:]).sorted { $0.key < $1.key }.map { name, network in
        line(network.total, name: "all roads, \(name)'s sites") + (network.longestGapRoad.map { " (\($0))" } ?? "")
    }
    return [line(roads.total) + (roads.longestGapRoad.map { " (\($0))" } ?? "")] + operators + roads.roads.prefix(shown).map { "  " + line($0) }
        + (roads.roads.count > shown ? ["    … and \(roads.roads.count - shown) more roads in roads.csv"] : [])
}

extension Double {
    var formatted1: String { String(format: "%.1f", self) }
}
