import Coverage
import Foundation
import Terrain

/// A backhaul's `reach.csv` (`phusong backhaul --hub-field`) as an evaluation reads it: for each site of the backhaul,
/// the sites every chain of working hops from it to the fibre passes through (`depends_on`). A mast whose backhaul
/// passes through another goes off air with it.
package struct BackhaulChains {
    /// Per site id of the backhaul, the ids its chains pass through.
    let dependsOn: [String: [String]]

    /// Reads `path`, refusing a file without `id` and `depends_on` columns, a row without an id, an id given twice, or
    /// a file naming none of `sites` (by id or `mast`).
    package init(path: String, sites: [Site]) throws(InputError) {
        let csv = CSV(try readTextInput(path))
        guard let columns = csv.columns(["id", "depends_on"]) else {
            let header = csv.header.joined(separator: ", ")
            throw InputError(path: path, reason: "needs the columns id and depends_on (reach.csv of phusong backhaul --hub-field); it has \(header)")
        }
        var dependsOn: [String: [String]] = [:]
        for (line, fields) in csv.dataRows {
            let values = columns.map { $0 < fields.count ? fields[$0].trimmingCharacters(in: .whitespaces) : "" }
            guard !values[0].isEmpty else { throw InputError(path: path, reason: "row \(line) has no id") }
            guard dependsOn[values[0]] == nil else { throw InputError(path: path, reason: "row \(line) gives id '\(values[0])' again") }
            dependsOn[values[0]] = values[1].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        guard sites.contains(where: { dependsOn[$0.id] != nil || $0.mast.map { dependsOn[$0] != nil } == true }) else {
            throw InputError(path: path, reason: "names none of the run's sites, by id or mast")
        }
        self.dependsOn = dependsOn
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
                let chain = dependsOn[sites[site].id] ?? sites[site].mast.flatMap { dependsOn[$0] } ?? []
                for relay in chain.compactMap({ mastNamed[$0] }) where relay != mast { cutOff[relay].insert(mast) }
            }
        }
        return cutOff.map { $0.sorted() }
    }
}
