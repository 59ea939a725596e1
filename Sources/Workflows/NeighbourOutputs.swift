import Coverage
import Propagation
import Terrain

/// The neighbour lists a run asked for (`--neighbours`), made once every site has finished: `neighbours.csv`, the
/// summary's `neighbours` and warnings for sites without neighbours, lists cut short, and 2G neighbours on one channel.
struct NeighbourOutputs {
    private var csv: String?
    private var summary: FootprintSummary.Neighbours
    private var warnings: [String] = []

    /// The lists of `sites` as `settings` make them from the strongest sites per cell in `rasters`.
    init(_ rasters: ServerRasters, sites: [Site], thresholds: [Double], settings: NeighbourSettings) {
        var totals: [FootprintSummary.Neighbours.TechnologyNeighbours] = [], rows: [String] = []
        for technology in Technology.allCases {
            guard let ranks = rasters.ranks[technology] else { continue }
            let overlaps = ranks.overlaps(windowDB: settings.marginDB, thresholds: thresholds, othersCovering: true)
            let lists = NeighbourLists(overlaps: overlaps, sites: sites, technology: technology, settings: settings)
            let members = lists.members(sites), name = technology.rawValue, sameFrequency = lists.sameFrequencyCount(sites)
            let without = members.filter { lists.lists[$0].isEmpty }.map { sites[$0].id }
            totals.append(.init(
                technology: name, sites: members.count, relations: lists.count(),
                byReason: Dictionary(uniqueKeysWithValues: [NeighbourLists.Reason.coSite, .coverage, .mutual].map { ($0.rawValue, lists.count($0)) }),
                leftOut: lists.leftOut, sameFrequency: sameFrequency, sitesWithoutNeighbours: without,
                cellsWithEveryKeptSiteWithin: overlaps.cellsWithAllSlotsWithin
            ))
            rows += lists.rows(sites: sites)
            if !without.isEmpty {
                let shown = without.prefix(10).joined(separator: ", ") + (without.count > 10 ? ", …" : "")
                warnings.append(
                    "neighbours: \(without.count) \(name) site(s) list no neighbour (\(shown)): no other \(name) site covers "
                        + String(format: "%g %% of their best-server cells within %g dB", settings.minimumPercent, settings.marginDB)
                        + ", so a handset they serve cannot hand over"
                )
            }
            if lists.leftOut > 0 {
                warnings.append("neighbours: \(lists.leftOut) \(name) relation(s) left out by the maximum of \(settings.maximum) neighbours per site")
            }
            if technology == .gsm, sameFrequency > 0 {
                warnings.append(
                    "neighbours: \(sameFrequency) 2G relation(s) join sites on one BCCH channel, which a handset cannot "
                        + "tell apart: plan the channels with phusong channels --neighbours neighbours.csv"
                )
            }
        }
        if totals.isEmpty {
            warnings.append("neighbours: no technology has two sites in the run, so no neighbours.csv")
        } else {
            csv = ([NeighbourLists.header] + rows).joined(separator: "\n") + "\n"
        }
        summary = .init(
            marginDB: settings.marginDB, minimumPercent: settings.minimumPercent, maximum: settings.maximum,
            coSiteWithinM: NeighbourSettings.coSiteMetres, sitesKeptPerCell: RankedServers.slotsKept, technologies: totals
        )
    }

    /// Writes `neighbours.csv` into `staging`.
    func write(staging: OutputStaging) throws(InputError) {
        if let csv { try staging.write(csv, to: "neighbours.csv") }
    }

    /// Puts the figures and warnings into `summary`.
    func summarize(into summary: inout FootprintSummary) {
        summary.neighbours = self.summary
        summary.warnings += warnings
    }
}
