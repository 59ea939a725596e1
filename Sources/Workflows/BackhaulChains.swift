import Coverage
import Foundation
import Terrain

/// A backhaul's `reach.csv` (`phusong backhaul --hub-field`) as an evaluation reads it: for each site of the backhaul,
/// the sites every chain of working hops from it to the fibre passes through (`depends_on`). A mast whose backhaul
/// passes through another goes off air with it.
package struct BackhaulChains {
    /// Per site id of the backhaul, the ids its chains pass through.
    let dependsOn: [String: [String]]
    /// Per site id, the sites a working hop joins it to (`working_hops`); nil for a file without the column.
    let workingHops: [String: [String]]?
    /// The ids on the fibre (`hub` true); empty for a file without the column.
    let hubs: Set<String>

    /// Reads `path`, refusing a file without `id` and `depends_on` columns, a row without an id, an id given twice, or
    /// a file naming none of `sites` (by id or `mast`).
    package init(path: String, sites: [Site]) throws(InputError) {
        let csv = CSV(try readTextInput(path))
        guard let columns = csv.columns(["id", "depends_on"]) else {
            let header = csv.header.joined(separator: ", ")
            throw InputError(path: path, reason: "needs the columns id and depends_on (reach.csv of phusong backhaul --hub-field); it has \(header)")
        }
        let links = csv.header.firstIndex(of: "working_hops"), hub = csv.header.firstIndex(of: "hub")
        var dependsOn: [String: [String]] = [:], workingHops: [String: [String]] = [:], hubs = Set<String>()
        for (line, fields) in csv.dataRows {
            func field(_ column: Int?) -> String { column.map { $0 < fields.count ? fields[$0].trimmingCharacters(in: .whitespaces) : "" } ?? "" }
            let id = field(columns[0])
            guard !id.isEmpty else { throw InputError(path: path, reason: "row \(line) has no id") }
            guard dependsOn[id] == nil else { throw InputError(path: path, reason: "row \(line) gives id '\(id)' again") }
            dependsOn[id] = Self.ids(field(columns[1]))
            workingHops[id] = Self.ids(field(links))
            if field(hub).lowercased() == "true" { hubs.insert(id) }
        }
        self.dependsOn = dependsOn
        self.workingHops = links == nil ? nil : workingHops
        self.hubs = hubs
        guard sites.contains(where: { row(of: $0) != nil }) else {
            throw InputError(path: path, reason: "names none of the run's sites, by id or mast")
        }
    }

    /// The ids of a `;`-separated list.
    private static func ids(_ list: String) -> [String] {
        list.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The row a site follows: its own (by id) or, failing that, its mast's; nil when the file has neither.
    func row(of site: Site) -> String? {
        dependsOn[site.id] != nil ? site.id : site.mast.flatMap { dependsOn[$0] != nil ? $0 : nil }
    }

    /// Of `built` (rows' ids), those a chain of working hops between built sites joins to a built hub; nil for a
    /// file without `working_hops`.
    func reachingFibre(built: Set<String>) -> Set<String>? {
        routesToFibre(built: built).map { Set($0.keys) }
    }

    /// For each of `built` (rows' ids) that a chain of working hops between built sites joins to a built hub, the ids
    /// after it on a chain of fewest hops, the hub last (none for a hub); nil for a file without `working_hops`.
    /// Breadth first from the hubs in id order, each site's hops in the file's order: the same file gives the same routes.
    func routesToFibre(built: Set<String>) -> [String: [String]]? {
        guard let workingHops else { return nil }
        var routes: [String: [String]] = [:], queue = hubs.intersection(built).sorted(), next = 0
        for hub in queue { routes[hub] = [] }
        while next < queue.count {
            let id = queue[next]
            next += 1
            for neighbour in workingHops[id] ?? [] where built.contains(neighbour) && routes[neighbour] == nil {
                routes[neighbour] = [id] + routes[id]!
                queue.append(neighbour)
            }
        }
        return routes
    }

    /// For each of `masts` (site indices into `sites`, as `SiteMasts` groups them), the other masts its outage takes
    /// off air: those with a site whose chains (its row by id, or failing that by its `mast`) pass through one of the
    /// mast's sites or its `mast` — a mast's sites share its backhaul.
    package func mastsCutOff(masts: [[Int]], sites: [Site]) -> [[Int]] {
        var mastNamed: [String: Int] = [:]
        for (mast, members) in masts.enumerated() {
            for site in members {
                mastNamed[sites[site].id] = mast
                if let name = sites[site].mast { mastNamed[name] = mast }
            }
        }
        var cutOff = [Set<Int>](repeating: [], count: masts.count)
        for (mast, members) in masts.enumerated() {
            for site in members {
                let chain = row(of: sites[site]).flatMap { dependsOn[$0] } ?? []
                for relay in chain.compactMap({ mastNamed[$0] }) where relay != mast { cutOff[relay].insert(mast) }
            }
        }
        return cutOff.map { $0.sorted() }
    }
}
