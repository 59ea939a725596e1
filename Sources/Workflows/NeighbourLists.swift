import Coverage
import Foundation
import Planning
import Propagation
import Terrain

/// How a run lists each site's handover neighbours (`--neighbours`): the sites of its technology a handset it serves
/// may hand over to.
public struct NeighbourSettings: Sendable, Equatable {
    /// A cell counts toward A → B where A is the strongest site of its technology and covers it, and B covers it too
    /// less than this many dB below A: where a handset served by A would measure B as a handover candidate.
    public var marginDB: Double
    /// The least share of A's best-server cells B must reach so for B to be listed as A's neighbour, percent.
    public var minimumPercent: Double
    /// The most neighbours a site lists (32: a GSM cell's BCCH allocation list).
    public var maximum: Int

    public init(marginDB: Double = 6, minimumPercent: Double = 1, maximum: Int = 32) {
        self.marginDB = marginDB
        self.minimumPercent = minimumPercent
        self.maximum = maximum
    }

    public static let marginRange = 1.0...20
    public static let minimumPercentRange = 0.0...100
    public static let maximumRange = 1...256
    /// Sites closer than this many metres stand on one mast (sectors of one site, of any technology): always each
    /// other's neighbours — unless both name their `mast` and the names differ; sites naming one mast stand on it
    /// however far apart their coordinates.
    public static let coSiteMetres = 10.0

    /// Whether `first` and `second` stand on one mast.
    static func onOneMast(_ first: Site, _ second: Site) -> Bool {
        if let mast = first.mast, let other = second.mast { return mast == other }
        return first.location.distance(to: second.location) < coSiteMetres
    }
}

/// Lists of neighbour relations, one per site of a run (by index), each relation saying why it is listed.
protocol NeighbourListing {
    var lists: [[NeighbourLists.Relation]] { get }
}

extension NeighbourListing {
    /// How many relations there are of `reason`, or of any with nil.
    func count(_ reason: NeighbourLists.Reason? = nil) -> Int {
        lists.reduce(0) { $0 + $1.filter { reason == nil || $0.reason == reason }.count }
    }
}

/// Each site's neighbours among the sites of one technology, in the order a site lists them: those on its mast, then
/// those reaching most of its best-server cells within the margin, then those listing it that it did not list
/// (neighbour relations are kept both ways), each list cut at the maximum.
struct NeighbourLists: NeighbourListing {
    /// Why a site lists another.
    enum Reason: String {
        case coSite = "co-site", coverage, mutual
    }

    struct Relation: Equatable {
        let target: Int
        let reason: Reason
    }

    let technology: Technology
    /// Per site of the run (by index), its neighbours in order; empty for sites of other technologies.
    private(set) var lists: [[Relation]]
    /// Relations the maximum left out.
    private(set) var leftOut = 0
    let overlaps: ServerOverlaps

    /// The lists of `technology`'s sites among `sites`, from the overlaps within `settings`' margin.
    init(overlaps: ServerOverlaps, sites: [Site], technology: Technology, settings: NeighbourSettings) {
        self.technology = technology
        self.overlaps = overlaps
        lists = Array(repeating: [], count: sites.count)
        let members = sites.indices.filter { sites[$0].technology == technology }
        for source in members {
            let others = members.filter { $0 != source }
            let onMast = others.filter { NeighbourSettings.onOneMast(sites[$0], sites[source]) }
            let served = Double(overlaps.servedCells[source]), cells = overlaps.cells[source]
            let reaching = others.filter { other in
                cells[other] > 0 && !onMast.contains(other) && 100 * Double(cells[other]) / served >= settings.minimumPercent
            }.sorted { cells[$0] > cells[$1] || (cells[$0] == cells[$1] && $0 < $1) }
            let list = onMast.map { Relation(target: $0, reason: .coSite) } + reaching.map { Relation(target: $0, reason: .coverage) }
            leftOut += max(0, list.count - settings.maximum)
            lists[source] = Array(list.prefix(settings.maximum))
        }
        let oneWay = lists
        for source in members {
            for relation in oneWay[source] where !lists[relation.target].contains(where: { $0.target == source }) {
                if lists[relation.target].count < settings.maximum {
                    lists[relation.target].append(Relation(target: source, reason: .mutual))
                } else {
                    leftOut += 1
                }
            }
        }
    }

    /// The sites of the technology.
    func members(_ sites: [Site]) -> [Int] { sites.indices.filter { sites[$0].technology == technology } }

    /// The relations between sites on one carrier (for 2G, one BCCH channel: a handset cannot tell the two apart).
    func sameFrequencyCount(_ sites: [Site]) -> Int {
        lists.indices.reduce(0) { total, source in
            total + lists[source].filter { sites[$0.target].frequencyMHz == sites[source].frequencyMHz }.count
        }
    }

    /// The clashes of the cells' identities — a 2G cell's BCCH and BSIC, a 3G cell's carrier and scrambling code, a 4G
    /// or 5G cell's carrier and PCI — when every site of the technology has one (nil otherwise): pairs of neighbours on one identity (collisions) and
    /// pairs of a site's neighbours on one identity (confusions: a handset's report cannot say which).
    func identityClashes(_ sites: [Site]) -> (collisions: Int, confusions: Int)? {
        let identities = sites.map { site -> [Double]? in
            switch technology {
            case .gsm: site.bsic.map { [site.frequencyMHz, Double($0)] }
            case .lte, .nr: site.pci.map { [site.frequencyMHz, Double($0)] }
            case .umts: site.psc.map { [site.frequencyMHz, Double($0)] }
            }
        }
        let members = self.members(sites)
        guard !members.isEmpty, members.allSatisfy({ identities[$0] != nil }) else { return nil }
        var collisions = Set<[Int]>(), confusions = 0
        for source in members {
            let targets = lists[source].map(\.target)
            for target in targets where identities[target] == identities[source] { collisions.insert([min(source, target), max(source, target)]) }
            for (offset, first) in targets.enumerated() {
                confusions += targets[(offset + 1)...].filter { identities[$0] == identities[first] }.count
            }
        }
        return (collisions.count, confusions)
    }

    /// The CSV header of `rows(sites:)`.
    static let header = "technology,source,target,rank,reason,source_cells,cells,percent,same_frequency"

    /// Every relation: the source's best-server cells, the target's cells among them within the margin, and whether
    /// the two transmit on one frequency.
    func relations(sites: [Site]) -> [NeighbourRow] {
        lists.indices.flatMap { source in
            lists[source].enumerated().map { rank, relation in
                NeighbourRow(
                    sourceTechnology: technology, source: source, targetTechnology: technology, target: relation.target, rank: rank + 1,
                    reason: relation.reason, sourceCells: overlaps.servedCells[source], cells: overlaps.cells[source][relation.target],
                    sameFrequency: sites[relation.target].frequencyMHz == sites[source].frequencyMHz
                )
            }
        }
    }

    /// One CSV row per relation of `relations(sites:)`.
    static func rows(_ relations: [NeighbourRow], sites: [Site]) -> [String] {
        relations.map { row in
            [
                row.sourceTechnology.rawValue, csvField(sites[row.source].id), csvField(sites[row.target].id), "\(row.rank)",
                row.reason.rawValue, "\(row.sourceCells)", "\(row.cells)", String(format: "%.3f", row.percent),
                row.sameFrequency == true ? "true" : "false",
            ].joined(separator: ",")
        }
    }
}
