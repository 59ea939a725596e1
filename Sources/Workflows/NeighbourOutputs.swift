import Coverage
import Propagation
import Terrain

/// The neighbour lists a run asked for (`--neighbours`), made once every site has finished: `neighbours.csv`,
/// `inter_technology_neighbours.csv`, `neighbours.geojson` (both as lines on a map), the summary's `neighbours` and warnings for sites without neighbours (or without
/// one to fall back to in an older technology), lists cut short, and 2G neighbours on one channel.
struct NeighbourOutputs {
    private var csv: String?
    private var interTechnologyCSV: String?
    private var geoJSON: String?
    private var summary: FootprintSummary.Neighbours
    private var warnings: [String]

    /// The lists of `sites` as `settings` make them from the strongest sites per cell in `rasters`.
    init(_ rasters: ServerRasters, sites: [Site], thresholds: [Double], settings: NeighbourSettings) {
        let within = Self.withinTechnologies(rasters, sites: sites, thresholds: thresholds, settings: settings)
        let between = Self.betweenTechnologies(rasters, sites: sites, thresholds: thresholds, settings: settings)
        csv = within.csv
        interTechnologyCSV = between.csv
        geoJSON = csv == nil && interTechnologyCSV == nil ? nil : NeighbourRow.geoJSON(within.relations + between.relations, sites: sites)
        warnings = within.warnings + between.warnings
        summary = .init(
            marginDB: settings.marginDB, minimumPercent: settings.minimumPercent, maximum: settings.maximum,
            coSiteWithinM: NeighbourSettings.coSiteMetres, sitesKeptPerCell: RankedServers.slotsKept, technologies: within.totals,
            interTechnology: between.totals
        )
    }

    /// Each technology of two sites or more: its lists as CSV (nil for none) and relations, totals and warnings.
    private static func withinTechnologies(
        _ rasters: ServerRasters, sites: [Site], thresholds: [Double], settings: NeighbourSettings
    ) -> (csv: String?, relations: [NeighbourRow], totals: [FootprintSummary.Neighbours.TechnologyNeighbours], warnings: [String]) {
        var totals: [FootprintSummary.Neighbours.TechnologyNeighbours] = [], relations: [NeighbourRow] = [], warnings: [String] = []
        for technology in Technology.allCases {
            guard let ranks = rasters.ranks[technology], sites.filter({ $0.technology == technology }).count > 1 else { continue }
            let overlaps = ranks.overlaps(windowDB: settings.marginDB, thresholds: thresholds, othersCovering: true)
            let lists = NeighbourLists(overlaps: overlaps, sites: sites, technology: technology, settings: settings)
            let members = lists.members(sites), name = technology.rawValue, sameFrequency = lists.sameFrequencyCount(sites)
            let without = members.filter { lists.lists[$0].isEmpty }.map { sites[$0].id }
            let clashes = lists.identityClashes(sites)
            totals.append(.init(
                technology: name, sites: members.count, relations: lists.count(),
                byReason: Dictionary(uniqueKeysWithValues: [NeighbourLists.Reason.coSite, .coverage, .mutual].map { ($0.rawValue, lists.count($0)) }),
                leftOut: lists.leftOut, sameFrequency: sameFrequency, sitesWithoutNeighbours: without,
                cellsWithEveryKeptSiteWithin: overlaps.cellsWithAllSlotsWithin, identityCollisions: clashes?.collisions,
                identityConfusions: clashes?.confusions
            ))
            if let clashes, clashes.collisions + clashes.confusions > 0 {
                let identity = switch technology {
                case .gsm: "BCCH and BSIC"
                case .umts: "carrier and scrambling code"
                case .lte, .nr: "carrier and PCI"
                }
                warnings.append(
                    "neighbours: \(clashes.collisions) pair(s) of \(name) neighbours share their \(identity), and \(clashes.confusions) pair(s) of "
                        + "one site's neighbours do: a handset cannot tell them apart"
                )
            }
            relations += lists.relations(sites: sites)
            if !without.isEmpty {
                warnings.append(
                    "neighbours: \(without.count) \(name) site(s) list no neighbour (\(firstTen(without))): no other \(name) site covers "
                        + String(format: "%g %% of their best-server cells within %g dB", settings.minimumPercent, settings.marginDB)
                        + ", so a handset they serve cannot hand over"
                )
            }
            if lists.leftOut > 0 {
                warnings.append("neighbours: \(lists.leftOut) \(name) relation(s) left out by the maximum of \(settings.maximum) neighbours per site")
            }
            if technology == .gsm, sameFrequency > 0, clashes == nil {
                warnings.append(
                    "neighbours: \(sameFrequency) 2G relation(s) join sites on one BCCH channel, which a handset tells apart by their BSIC "
                        + "alone: give the sites ncc and bcc, or plan both with phusong channels --neighbours neighbours.csv"
                )
            }
        }
        guard !totals.isEmpty else { return (nil, [], [], warnings + ["neighbours: no technology has two sites in the run, so no neighbours.csv"]) }
        return (([NeighbourLists.header] + NeighbourLists.rows(relations, sites: sites)).joined(separator: "\n") + "\n", relations, totals, warnings)
    }

    /// Every ordered pair of the technologies `rasters` ranks: their lists as CSV (nil for none) and relations, totals
    /// and warnings for sites without an older technology's neighbour.
    private static func betweenTechnologies(
        _ rasters: ServerRasters, sites: [Site], thresholds: [Double], settings: NeighbourSettings
    ) -> (csv: String?, relations: [NeighbourRow], totals: [FootprintSummary.Neighbours.InterTechnologyTotals], warnings: [String]) {
        let servers = rasters.ranks.mapValues { $0.coveringServers(thresholds: thresholds) }
        let technologies = Technology.allCases.filter { servers[$0] != nil }
        let pairs = technologies.flatMap { from in
            technologies.filter { $0 != from }.map { to in
                InterTechnologyNeighbours(from: from, servers: servers[from]!, to: to, targets: servers[to]!, sites: sites, settings: settings)
            }
        }
        guard !pairs.isEmpty else { return (nil, [], [], []) }
        var totals: [FootprintSummary.Neighbours.InterTechnologyTotals] = [], warnings: [String] = []
        for lists in pairs {
            let without = sites.indices.filter { sites[$0].technology == lists.from && lists.lists[$0].isEmpty }.map { sites[$0].id }
            totals.append(.init(
                from: lists.from.rawValue, to: lists.to.rawValue, relations: lists.count(),
                byReason: Dictionary(uniqueKeysWithValues: [NeighbourLists.Reason.coSite, .coverage].map { ($0.rawValue, lists.count($0)) }),
                leftOut: lists.leftOut, sitesWithoutNeighbours: without
            ))
            if lists.isFallback, !without.isEmpty {
                warnings.append(
                    "neighbours: \(without.count) \(lists.from.rawValue) site(s) have no \(lists.to.rawValue) neighbour (\(firstTen(without))): "
                        + "a handset they serve has no \(lists.to.rawValue) cell to fall back to"
                )
            }
        }
        let relations = pairs.flatMap(\.relations)
        return (
            ([InterTechnologyNeighbours.header] + InterTechnologyNeighbours.rows(relations, sites: sites)).joined(separator: "\n") + "\n", relations,
            totals, warnings
        )
    }

    /// Writes `neighbours.csv`, `inter_technology_neighbours.csv` and `neighbours.geojson` into `staging`.
    func write(staging: OutputStaging) throws(InputError) {
        if let csv { try staging.write(csv, to: "neighbours.csv") }
        if let interTechnologyCSV { try staging.write(interTechnologyCSV, to: "inter_technology_neighbours.csv") }
        if let geoJSON { try staging.write(geoJSON, to: "neighbours.geojson") }
    }

    /// Puts the figures and warnings into `summary`.
    func summarize(into summary: inout FootprintSummary) {
        summary.neighbours = self.summary
        summary.warnings += warnings
    }
}
