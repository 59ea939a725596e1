import ArgumentParser
import Planning
import Propagation
import Workflows

/// Where residents live and how their coverage is judged.
struct PopulationOptions: ParsableArguments {
    @Option(help: "Administrative polygons with a population attribute: GeoJSON, Shapefile, GeoPackage, any OGR layer (one of several as FILE|layername=NAME).")
    var population: String

    @Option(name: .customLong("id-field"), help: "Property holding each unit's id.")
    var idField = AdminFields().id

    @Option(name: .customLong("name-field"), help: "Property holding each unit's name.")
    var nameField = AdminFields().name

    @Option(name: .customLong("population-field"), help: "Property holding each unit's population.")
    var populationField = AdminFields().population

    @Option(name: .customLong("district-field"), help: "Property holding the district id (district name: --district-name-field).")
    var districtField = AdminFields().districtID

    @Option(name: .customLong("district-name-field"), help: "Property holding the district name.")
    var districtNameField = AdminFields().districtName

    @Option(name: .customLong("province-field"), help: "Property holding the province id.")
    var provinceField = AdminFields().provinceID

    @Option(name: .customLong("province-name-field"), help: "Property holding the province name.")
    var provinceNameField = AdminFields().provinceName

    @Option(name: .customLong("priority-field"), help: "Numeric property marking priority units (> 0 = priority, the value is its weight).")
    var priorityField: String?

    @Option(help: "How populations are spread over a unit's cells: dasymetric (by terrain: valleys, gentle slopes) or uniform.")
    var spread: SpreadMethod = .dasymetric

    @Option(name: .customLong("population-raster"), help: "Take residents from this raster (people per pixel, any GDAL raster) instead of spreading the census; the polygons then only group them.")
    var populationRaster: String?

    @Option(help: "Take residents from these settlement points (GeoJSON or any OGR layer, FILE|layername=NAME for one of several; CSV with lon,lat columns) instead of spreading the census.")
    var settlements: String?

    @Option(name: .customLong("settlement-population-field"), help: "Property of the settlement points holding their residents.")
    var settlementField = "population"

    @Option(name: .customLong("max-slope-deg"), parsing: .unconditional, help: "Dasymetric: slope at and above which nobody lives, degrees.")
    var maxSlope = DasymetricSettings().maxSlopeDegrees

    @Option(name: .customLong("relief-scale-m"), parsing: .unconditional, help: "Dasymetric: height above the valley floor over which the weight falls by e, metres.")
    var reliefScale = DasymetricSettings().reliefScaleM

    @Option(name: .customLong("valley-radius-m"), parsing: .unconditional, help: "Dasymetric: half-width of the square whose lowest cell is the valley floor, metres.")
    var valleyRadius = DasymetricSettings().valleyRadiusM

    @Option(name: .customLong("target-percent"), parsing: .unconditional, help: "Share of residents a commune needs covered to meet the target, %.")
    var targetPercent = 97.0

    @Option(name: .customLong("gap-min-residents"), parsing: .unconditional, help: "gaps.csv lists the gaps in coverage (connected uncovered cells with residents, within a commune) holding at least this many residents; smaller ones are only counted.")
    var gapMinResidents = GapSettings().minimumResidents

    @Option(name: .customLong("gap-technology"), help: "The gaps of this technology's coverage (2G, 3G, 4G or 5G) rather than where no technology covers.")
    var gapTechnology: String?

    @Option(name: .customLong("gap-operator"), help: "The gaps of this operator's sites' coverage (the sites naming their operator) rather than every site's.")
    var gapOperator: String?

    @Option(help: "Technologies to be switched off, comma-separated (e.g. 2G or 2G,3G): also count the residents covered now whom the others leave without coverage.")
    var sunset: String?

    func validate() throws {
        guard maxSlope > 0, maxSlope <= 90 else { throw ValidationError("--max-slope-deg must be in (0, 90]") }
        guard reliefScale > 0, valleyRadius >= 0 else { throw ValidationError("--relief-scale-m must be positive and --valley-radius-m not negative") }
        guard (0...100).contains(targetPercent) else { throw ValidationError("--target-percent must be within 0–100") }
        guard populationRaster == nil || settlements == nil else {
            throw ValidationError("give --population-raster or --settlements, not both")
        }
        guard gapMinResidents >= 0 else { throw ValidationError("--gap-min-residents must not be negative") }
        if let gapTechnology, Technology(named: gapTechnology) == nil {
            throw ValidationError("--gap-technology must be \(Technology.namesAccepted), not '\(gapTechnology)'")
        }
        if let sunset, Self.sunsetTechnologies(sunset) == nil {
            throw ValidationError("--sunset must name technologies (2G, 3G, 4G, 5G), comma-separated, and leave one on the air")
        }
    }

    /// `--sunset`'s technologies; nil when one is unknown or none would be left.
    private static func sunsetTechnologies(_ names: String) -> Set<Technology>? {
        ResidentsRequest.sunset(names.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    var request: ResidentsRequest {
        var fields = AdminFields()
        fields.id = idField
        fields.name = nameField
        fields.population = populationField
        fields.districtID = districtField
        fields.districtName = districtNameField
        fields.provinceID = provinceField
        fields.provinceName = provinceNameField
        fields.priority = priorityField
        var request = ResidentsRequest(
            populationPath: population, fields: fields, method: spread,
            dasymetric: DasymetricSettings(maxSlopeDegrees: maxSlope, reliefScaleM: reliefScale, valleyRadiusM: valleyRadius),
            targetPercent: targetPercent
        )
        if let populationRaster { request.counts = .raster(path: populationRaster) }
        if let settlements { request.counts = .settlements(path: settlements, field: settlementField) }
        request.sunset = sunset.flatMap(Self.sunsetTechnologies) ?? []
        request.gaps = GapSettings(
            minimumResidents: gapMinResidents, technology: gapTechnology.flatMap(Technology.init(named:)), networkOperator: gapOperator
        )
        return request
    }
}

extension SpreadMethod: ExpressibleByArgument {}

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Residents covered by a set of sites, per commune, district and province: the footprint outputs plus communes.csv, masts.csv (what each mast's outage costs), coverage.geojson, coverage.gpkg layers and the residents in summary.json."
    )

    @OptionGroup var options: SiteRunOptions

    @OptionGroup var population: PopulationOptions

    @OptionGroup var traffic: TrafficOptions

    @OptionGroup var timeLimit: TimeLimitOption

    @OptionGroup var backhaul: BackhaulReachOption

    func run() throws {
        var request = try options.request(residents: backhaul.following(try traffic.loading(population.request)))
        request.limits.deadline = timeLimit.deadline
        let summary = try options.run(request)
        print(report(summary, folder: options.out))
        if let residents = summary.residents {
            let rates = [("4G", summary.lteThroughput), ("5G", summary.nrThroughput)]
            print(residentsReport(residents, rates: rates, sunset: summary.sunset, folder: options.out))
        }
        if let gaps = summary.gaps { print(gapsReport(gaps, folder: options.out)) }
        if let operators = summary.operators, let residents = summary.residents {
            print(operatorsReport(operators, statistics: residents, folder: options.out))
        }
        if let outages = summary.mastOutages { print(mastOutagesReport(outages, folder: options.out)) }
        if let traffic = summary.traffic { print(trafficReport(traffic, folder: options.out)) }
        try exitIfPartial(summary)
    }
}

/// A short human report of the gaps in the coverage of residents and the largest of them.
func gapsReport(_ gaps: FootprintSummary.Gaps, folder: String) -> String {
    let owner = gaps.networkOperator.map { " of \($0)'s sites" } ?? ""
    let layer = gaps.technology == "any" ? "no technology\(owner) covers" : "\(gaps.technology)\(owner) does not cover"
    var line = String(
        format: "Gaps (cells with residents %@, connected within a commune): %d of %g residents or more hold %.0f residents", layer,
        gaps.count, gaps.minResidents, gaps.residents
    )
    line += String(format: "; %d smaller ones %.0f", gaps.smallerGaps, gaps.smallerGapsResidents)
    if let largest = gaps.largest.first {
        line += String(
            format: "\n  the largest, %@: %.0f residents in %@ (%@), %.2f km², around lat %.5f, lon %.5f", largest.gap, largest.residents,
            largest.commune, largest.communeID, largest.areaKm2, largest.latitude, largest.longitude
        )
        if let site = largest.nearestSite, let km = largest.nearestSiteKm { line += String(format: ", %.1f km from %@", km, site) }
    }
    return line + "\nEvery gap: \(folder)/gaps.csv (outlines: the GeoPackage's gaps)"
}

/// A short human report of what one mast's outage costs: the covered residents on a single mast, and the worst outage
/// (with a backhaul, with the masts it cuts off).
func mastOutagesReport(_ outages: FootprintSummary.MastOutages, folder: String) -> String {
    var line = String(format: "Mast outages: %.0f of the covered residents", outages.residentsOnOneMast)
    if let share = outages.coveredResidentsPercentOnOneMast { line += String(format: " (%.1f %%)", share) }
    line += " are covered by one mast alone"
    if let worst = outages.worst.first {
        line += String(format: "; the worst, %@ (%@)", worst.mast, firstTen(worst.sites))
        if let cutOff = worst.mastsCutOff, !cutOff.isEmpty {
            line += " with the \(cutOff.count) \(cutOff.count == 1 ? "mast" : "masts") whose backhaul passes through it (\(firstTen(cutOff)))"
        }
        line += String(format: ", would leave %.0f", worst.residentsOnlyTheyCover ?? worst.residentsOnlyItCovers)
        if let share = worst.residentsPercentOnlyTheyCover ?? worst.residentsPercentOnlyItCovers { line += String(format: " (%.2f %%)", share) }
        line += " without coverage"
        let communes = worst.communesOnlyTheyCover ?? worst.communesLeftWithoutCoverage
        if !communes.isEmpty { line += " and \(communes.count) \(communes.count == 1 ? "commune" : "communes") with none" }
    }
    return line + "\nEach mast's outage: \(folder)/masts.csv"
}

/// A short human report of each operator's coverage and of the residents one operator alone covers.
func operatorsReport(_ operators: FootprintSummary.Operators, statistics: ResidentStatistics, folder: String) -> String {
    let judged = statistics.communes.filter(\.isJudged).count
    var lines = ["Residents covered per operator (communes at ≥ \(statistics.targetPercent.formatted1) %, any technology):"]
    for network in operators.networks {
        let shares = CoverageMasks.keys.map { key in
            "\(key) " + (network.residentsPercent[key].map { String(format: "%.2f %%", $0) } ?? "–")
        }
        var line = String(
            format: "  %@: %d %@ on %d %@; %@; communes %d of %d; only it covers %.0f residents (%.2f %%)",
            network.name, network.sites, network.sites == 1 ? "site" : "sites", network.masts, network.masts == 1 ? "mast" : "masts", shares.joined(separator: ", "), network.communesMeetingTarget.count, judged,
            network.residentsOnlyItCovers, network.residentsPercentOnlyItCovers ?? 0
        )
        if let share = network.priority?.residentsPercent("any") { line += String(format: "; priority communes %.2f %%", share) }
        lines.append(line)
    }
    let covered = operators.residentsByOperatorCount.filter { $0.key != "0" }.values.reduce(0, +)
    let alone = operators.residentsByOperatorCount["1"] ?? 0
    lines.append(String(
        format: "  covered by one operator only: %.0f residents (%.2f %%); by two or more: %.0f (%.2f %%)", alone,
        statistics.total.share(ofResidents: alone) ?? 0, covered - alone, statistics.total.share(ofResidents: covered - alone) ?? 0
    ))
    lines.append("Per commune and operator: \(folder)/operators.csv")
    return lines.joined(separator: "\n")
}

/// A short human report of each technology's busy hour and the sites that cannot carry theirs.
func trafficReport(_ traffic: FootprintSummary.Traffic, folder: String) -> String {
    let halfRate = traffic.halfRatePercent > 0 ? String(format: ", %g %% of 2G calls half-rate", traffic.halfRatePercent) : ""
    let operators = (traffic.operatorShares ?? [:]).sorted { $0.key < $1.key }.map { String(format: "%@ %g %%", $0.key, $0.value) }
    let subscribed = operators.isEmpty
        ? String(format: "%g %% of residents subscribed", traffic.subscribersPercent)
        : "residents subscribed: " + operators.joined(separator: ", ") + String(format: ", others %g %%", traffic.subscribersPercent)
    var lines = [String(
        format: "Busy hour (%@, %g mErl and %g kbit/s each, %g %% blocking%@):",
        subscribed, traffic.voiceMilliErlangs, traffic.dataKbps, traffic.blockingPercent, halfRate
    )]
    for load in traffic.technologies {
        let layer = (load.networkOperator.map { $0 + " " } ?? "") + load.technology
        var line = String(
            format: "  %@: %d %@ %.0f residents, %.1f Erl, %d channels", layer, load.sites, load.sites == 1 ? "site serves" : "sites serve",
            load.residentsServed, load.erlangs, load.channelsNeeded
        )
        if let transceivers = load.transceiversNeeded { line += ", \(transceivers) TRX" }
        if let airtime = load.highestAirtimePercent { line += String(format: ", busiest carrier's air time %.1f %%", airtime) }
        if !load.overloadedSites.isEmpty {
            line += "; overloaded (\(load.overloadedSites.count)): \(firstTen(load.overloadedSites))"
        }
        lines.append(line)
    }
    lines.append("Traffic per site: \(folder)/traffic.csv")
    let rated = Set(traffic.technologies.filter { $0.highestAirtimePercent != nil }.map(\.technology)).sorted()
    if !rated.isEmpty {
        lines.append("\(rated.joined(separator: " and ")) carriers at the load their residents make: run again with --loads \(folder)/traffic.csv")
    }
    return lines.joined(separator: "\n")
}

/// A short human report of the residents covered (and at the rate limit from 4G and from 5G, with `rates`; losing
/// coverage, with `sunset`).
func residentsReport(
    _ statistics: ResidentStatistics, rates: [(technology: String, figures: FootprintSummary.Throughput?)], sunset: FootprintSummary.Sunset?,
    folder: String
) -> String {
    func percent(_ figures: CoverageFigures, _ key: String) -> String {
        figures.residentsPercent(key).map { String(format: "%6.2f %%", $0) } ?? "     –  "
    }
    let keys = CoverageMasks.keys
    var lines = ["Residents covered (residents from: \(statistics.residentsFrom)):", "  unit" + keys.map { "  \($0.padding(toLength: 8, withPad: " ", startingAt: 0))" }.joined()]
    for province in statistics.provinces {
        lines.append("  \(province.name)" + keys.map { "  " + percent(province.figures, $0) }.joined())
    }
    if !statistics.priorityCommunes.isEmpty {
        lines.append("  priority communes (\(statistics.priorityCommunes.count))" + keys.map { "  " + percent(statistics.priority, $0) }.joined())
    }
    for case let (technology, rate?) in rates {
        guard let share = rate.residentsPercentAtRate else { continue }
        lines.append(String(format: "  %@ at %g Mbps or faster: %.2f %% of the residents", technology, rate.limitMbps, share))
    }
    if let sunset {
        lines.append(String(
            format: "  switching off %@: %.0f residents (%.2f %%) lose coverage, %.2f km²; communes left without any: %d",
            sunset.technologies.joined(separator: " and "), sunset.residentsLosingCoverage, sunset.residentsPercentLosingCoverage ?? 0,
            sunset.areaKm2, sunset.communesLeftWithoutCoverage.count
        ))
    }
    let judged = statistics.communes.filter(\.isJudged).count, total = statistics.total
    lines.append(String(
        format: "  on the terrain: %.0f of %.0f residents (%.1f %%); percentages are of those", total.residents, total.population,
        total.population > 0 ? 100 * total.residents / total.population : 0
    ))
    lines.append("  communes at ≥ \(statistics.targetPercent.formatted1) % (any technology): \(statistics.meetingTarget["any"]?.count ?? 0) of \(judged) judged; without coverage: \(statistics.withoutCoverage.count); partly on the terrain (not judged): \(statistics.partlyOnTerrain.count); without residents (not judged): \(statistics.withoutResidents.count); outside it: \(statistics.outsideTerrain.count)")
    lines += statistics.repairs.map { "  repaired: \($0)" }
    lines += statistics.notes.map { "  note: \($0)" }
    lines.append("Residents: \(folder)/communes.csv, \(folder)/coverage.geojson, \(folder)/summary.json")
    return lines.joined(separator: "\n")
}
