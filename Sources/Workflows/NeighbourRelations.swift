import Coverage
import Propagation
import Terrain

/// One technology's neighbour relations as cell-identity plans (PCIs, scrambling codes) read them: who lists whom, the
/// cells each pair overlaps in, and which sites stand on one mast. Identities clash two ways: a site and a neighbour
/// on one (a collision) and two neighbours of one site on one (a confusion: a handset's report cannot say which); and,
/// with a reuse distance, a third: two sites nearer than it, neighbours or not, on one.
public struct NeighbourRelations: Sendable {
    /// How a plan's identities clash.
    public struct Clashes: Sendable, Equatable {
        /// Pairs of neighbours on one identity.
        public var collisions = 0
        /// Pairs of one site's neighbours on one identity.
        public var confusions = 0
        /// Pairs of sites within the reuse distance, not neighbours, on one identity.
        public var reuse = 0

        public init(collisions: Int = 0, confusions: Int = 0, reuse: Int = 0) {
            self.collisions = collisions
            self.confusions = confusions
            self.reuse = reuse
        }
    }

    /// The sites, in the order the relations first name them.
    public let ids: [String]
    /// Per site, the sites it lists as neighbours.
    let listed: [[Int]]
    /// Per site, the sites listing it.
    let listers: [[Int]]
    /// Per site, its neighbours either way and the cells they overlap in (both ways summed).
    let overlaps: [[(site: Int, cells: Int)]]
    /// Pairs of sites on one mast (the sectors of one site).
    let onOneMast: [(Int, Int)]
    /// Per site, the sites within the reuse distance that are not its neighbours (none without one).
    private(set) var nearby: [[Int]]

    /// `relations`: source lists target (indices into `ids`), over `cells` of the source's best-server cells;
    /// `onOneMast`: pairs of sites on one mast.
    public init(ids: [String], relations: [(source: Int, target: Int, cells: Int)], onOneMast: [(Int, Int)]) {
        self.ids = ids
        var listed = Array(repeating: Set<Int>(), count: ids.count), listers = listed
        var weights = Array(repeating: [Int: Int](), count: ids.count)
        for (source, target, cells) in relations where source != target {
            listed[source].insert(target)
            listers[target].insert(source)
            weights[source][target, default: 0] += cells
            weights[target][source, default: 0] += cells
        }
        self.listed = listed.map { $0.sorted() }
        self.listers = listers.map { $0.sorted() }
        overlaps = weights.map { $0.map { (site: $0.key, cells: $0.value) }.sorted { $0.site < $1.site } }
        self.onOneMast = onOneMast
        nearby = Array(repeating: [], count: ids.count)
    }

    /// These relations with sites nearer than `metres` kept off one identity, each site placed at `locations[site]`
    /// (in the order of `ids`, as `perSite` gives them).
    public func keepingApart(within metres: Double, locations: [GeoPoint]) -> NeighbourRelations {
        var apart = self
        apart.nearby = ids.indices.map { site in
            let neighbours = Set(overlaps[site].map(\.site))
            return ids.indices.filter { $0 != site && !neighbours.contains($0) && locations[$0].distance(to: locations[site]) < metres }
        }
        return apart
    }

    /// The site of `sites` (read from `path`, which must hold every one) of each id, in the order of `ids`.
    public func perSite(_ sites: [Site], path: String) throws(InputError) -> [Site] {
        let byId = Dictionary(sites.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var ordered: [Site] = []
        for id in ids {
            guard let site = byId[id] else { throw InputError(path: path, reason: "site '\(id)' of the neighbour lists is not in the site list") }
            ordered.append(site)
        }
        return ordered
    }

    /// The `technology` sites of the neighbour lists in `path` (a `neighbours.csv`, in the order they first appear):
    /// their relations and cells, the co-site ones joining sectors into masts. Other technologies' rows are left out,
    /// and with `sameCarrierOnly` the relations between carriers too (their sites stay).
    public static func read(_ path: String, technology: Technology, sameCarrierOnly: Bool = false) throws(InputError) -> NeighbourRelations {
        let csv = CSV(try readTextInput(path))
        let names = ["technology", "source", "target", "reason", "cells"] + (sameCarrierOnly ? ["same_frequency"] : [])
        guard let columns = csv.columns(names) else {
            throw InputError(
                path: path, reason: "needs the columns \(names.dropLast().joined(separator: ", ")) and \(names.last!): the neighbours.csv of a run with --neighbours"
            )
        }
        var sites = SiteNumbers(), relations: [(source: Int, target: Int, cells: Int)] = [], onOneMast: [(Int, Int)] = []
        for (line, row) in csv.dataRows {
            guard row.count > columns.max()!, let listed = Technology(named: row[columns[0]]), !row[columns[1]].isEmpty,
                row[columns[1]] != row[columns[2]], let cells = Int(row[columns[4]]), (0...ChannelPlan.maximumCells).contains(cells),
                !sameCarrierOnly || ["true", "false"].contains(row[columns[5]])
            else {
                throw InputError(
                    path: path,
                    reason: "line \(line): expected a technology, two different site ids and whole cells (at most \(ChannelPlan.maximumCells))"
                        + (sameCarrierOnly ? ", same_frequency true or false" : "")
                )
            }
            guard listed == technology else { continue }
            let pair = (sites.number(row[columns[1]]), sites.number(row[columns[2]]))
            guard !sameCarrierOnly || row[columns[5]] == "true" else { continue }
            relations.append((pair.0, pair.1, cells))
            if row[columns[3]] == "co-site" { onOneMast.append(pair) }
        }
        guard !sites.ids.isEmpty else { throw InputError(path: path, reason: "lists no \(technology.rawValue) neighbours") }
        return NeighbourRelations(ids: sites.ids, relations: relations, onOneMast: onOneMast)
    }

    /// The lists of `read(_:technology:)` and, with a site list at `sitesPath` (which must hold each), their sites in
    /// the order of `ids`, with the sites nearer than `reuseMetres`, if given, kept apart.
    public static func read(
        _ path: String, technology: Technology, sameCarrierOnly: Bool = false, sites sitesPath: String?, reuseMetres: Double?
    ) throws(InputError) -> (relations: NeighbourRelations, sites: [Site]?) {
        let relations = try read(path, technology: technology, sameCarrierOnly: sameCarrierOnly)
        guard let sitesPath else { return (relations, nil) }
        let sites = try relations.perSite(try SiteFile.load(sitesPath), path: sitesPath)
        guard let reuseMetres else { return (relations, sites) }
        return (relations.keepingApart(within: reuseMetres, locations: sites.map(\.location)), sites)
    }

    /// The sites `site` must not share an identity with, each as often as sharing it would count in `clashes(in:)`:
    /// its neighbours either way (collisions), the other neighbours of each site listing it (confusions), and the
    /// other sites within the reuse distance.
    func conflicting(_ site: Int) -> [Int] {
        overlaps[site].map(\.site) + conflictingBeyondNeighbours(site)
    }

    /// Those of `conflicting(site)` that are not its neighbours: the other neighbours of each site listing it
    /// (confusions) and the other sites within the reuse distance.
    func conflictingBeyondNeighbours(_ site: Int) -> [Int] {
        listers[site].flatMap { listed[$0] }.filter { $0 != site } + nearby[site]
    }

    /// How the identities `codes` (one per site) clash.
    public func clashes(in codes: [Int]) -> Clashes {
        clashes { codes[$0] == codes[$1] }
    }

    /// How the sites' identities clash, `sharing(a, b)` telling whether sites a and b share one (both ways alike).
    public func clashes(where sharing: (Int, Int) -> Bool) -> Clashes {
        var clashes = Clashes()
        for site in ids.indices {
            clashes.collisions += overlaps[site].filter { $0.site > site && sharing($0.site, site) }.count
            clashes.reuse += nearby[site].filter { $0 > site && sharing($0, site) }.count
            let targets = listed[site]
            for (offset, first) in targets.enumerated() {
                clashes.confusions += targets[(offset + 1)...].filter { sharing($0, first) }.count
            }
        }
        return clashes
    }

    /// For `site` in `codes`: the neighbours sharing its identity, the pairs of neighbours of a site listing it in
    /// which it shares the other's, and the other sites within the reuse distance sharing it.
    public func clashes(of site: Int, in codes: [Int]) -> Clashes {
        clashes(of: site) { codes[$0] == codes[$1] }
    }

    /// `clashes(of:in:)` with `sharing(a, b)` telling whether sites a and b share an identity.
    public func clashes(of site: Int, where sharing: (Int, Int) -> Bool) -> Clashes {
        Clashes(
            collisions: overlaps[site].filter { sharing($0.site, site) }.count,
            confusions: listers[site].reduce(0) { total, lister in total + listed[lister].filter { $0 != site && sharing($0, site) }.count },
            reuse: nearby[site].filter { sharing($0, site) }.count
        )
    }

    /// How many pairs of neighbours `same` holds for (each pair once), and the cells they overlap in; for `site`
    /// alone, its neighbours so.
    func neighbours(of site: Int? = nil, where same: (_ first: Int, _ other: Int) -> Bool) -> (pairs: Int, cells: Int) {
        var pairs = 0, cells = 0
        for first in site.map({ $0..<$0 + 1 }) ?? ids.indices {
            for other in overlaps[first] where (site != nil || other.site > first) && same(first, other.site) {
                pairs += 1
                cells += other.cells
            }
        }
        return (pairs, cells)
    }
}
