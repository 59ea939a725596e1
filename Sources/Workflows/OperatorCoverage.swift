import Coverage
import Terrain
import Geometry
import Planning

/// The residents each operator's sites cover, when the sites name their operators: every figure of the evaluation's
/// statistics computed over one operator's footprints alone, the residents only it covers (whom its network's loss would
/// leave without coverage), and per commune the residents covered by exactly one operator (who have no other to turn to).
struct OperatorCoverage {
    /// One operator's network and what it covers.
    struct Network {
        let name: String
        let sites: Int
        /// The masts its sites stand on, grouped as `masts.csv` groups them (`SiteMasts`).
        let masts: Int
        let statistics: ResidentStatistics
        /// Per commune (the layer's order), the residents it covers and no other operator does.
        let onlyItCovers: [Double]
    }

    let networks: [Network]
    /// Per commune, the residents covered by 0, 1, 2, … operators (index = count of operators).
    let residentsByOperatorCount: [[Double]]

    /// Each of `names`' coverage (`masks`, in the same order, from its sites' `footprints`) over the evaluation's
    /// `residents` on a grid of `cellCount` cells.
    init(names: [String], masks: [CoverageMasks], footprints: [SiteFootprint], residents: ResidentGrid, cellCount: Int, targetPercent: Double) {
        var operatorsCovering = [UInt8](repeating: 0, count: cellCount)
        for mask in masks {
            for (cell, covered) in mask.masks["any"]!.enumerated() where covered { operatorsCovering[cell] &+= 1 }
        }
        networks = zip(names, masks).map { name, mask in
            let any = mask.masks["any"]!
            let sites = footprints.map(\.site).filter { $0.networkOperator == name }
            return Network(
                name: name, sites: sites.count, masts: SiteMasts.groups(of: sites).count,
                statistics: ResidentStatistics(residents: residents, coverage: mask, targetPercent: targetPercent),
                onlyItCovers: zip(residents.unitCells, residents.unitResidents).map { cells, counts in
                    zip(cells, counts).reduce(0) { sum, entry in any[entry.0] && operatorsCovering[entry.0] == 1 ? sum + entry.1 : sum }
                }
            )
        }
        residentsByOperatorCount = zip(residents.unitCells, residents.unitResidents).map { cells, counts in
            var byCount = [Double](repeating: 0, count: names.count + 1)
            for (cell, count) in zip(cells, counts) { byCount[Int(operatorsCovering[cell])] += count }
            return byCount
        }
    }

    /// `operators.csv` (and the GeoPackage's `operators`, with each commune's outline): a row per commune and operator
    /// with that operator's figures per coverage layer, the residents only it covers and whether it meets the target.
    func table(layer: AdminLayer, syntheticTerrain: Bool) -> FeatureTable {
        var header = ["commune_id", "commune", "district_id", "district", "province_id", "province", "operator", "sites", "residents"]
        for key in CoverageMasks.keys.map({ $0.lowercased() }) { header += ["covered_residents_\(key)", "residents_pct_\(key)"] }
        header += ["residents_only_it_covers", "residents_pct_only_it_covers", "meets_target", "synthetic_terrain"]
        var table = FeatureTable(name: "operators", crs: wgs84, columns: header, textColumns: [
            "commune_id", "commune", "district_id", "district", "province_id", "province", "operator", "meets_target", "synthetic_terrain",
        ])
        for (index, unit) in layer.units.enumerated() {
            for network in networks {
                let commune = network.statistics.communes[index], figures = commune.figures
                let meeting = network.statistics.meetingTarget["any"]?.contains(commune.id) == true
                var row = [
                    commune.id, commune.name, commune.district?.id ?? "", commune.district?.name ?? "", commune.province?.id ?? "",
                    commune.province?.name ?? "", network.name, "\(network.sites)", fixed(figures.residents, 2),
                ]
                for key in CoverageMasks.keys {
                    row += [fixed(figures.coveredResidents[key] ?? 0, 2), figures.residentsPercent(key).map { fixed($0, 3) } ?? ""]
                }
                let only = network.onlyItCovers[index]
                row += [fixed(only, 2), figures.share(ofResidents: only).map { fixed($0, 3) } ?? "", meeting ? "yes" : "no", syntheticTerrain ? "yes" : "no"]
                table.append(row, shape: .polygons(unit.shape))
            }
        }
        return table
    }

    /// `summary.json`'s `operators`, shares of `total`'s residents.
    func summary(total: CoverageFigures) -> FootprintSummary.Operators {
        let byCount = residentsByOperatorCount.reduce(into: [Double](repeating: 0, count: networks.count + 1)) { sums, commune in
            for (count, residents) in commune.enumerated() { sums[count] += residents }
        }
        return FootprintSummary.Operators(
            networks: networks.map { network in
                let only = network.onlyItCovers.reduce(0, +)
                return FootprintSummary.Operators.Network(
                    name: network.name, sites: network.sites, masts: network.masts, total: network.statistics.total,
                    priority: network.statistics.priorityCommunes.isEmpty ? nil : network.statistics.priority,
                    residentsPercent: shares(network.statistics.total),
                    residentsPercentByCommune: Dictionary(uniqueKeysWithValues: network.statistics.communes.compactMap { commune in
                        commune.figures.residents > 0 ? (commune.id, shares(commune.figures)) : nil
                    }),
                    communesMeetingTarget: network.statistics.meetingTarget["any"] ?? [],
                    residentsOnlyItCovers: only, residentsPercentOnlyItCovers: total.share(ofResidents: only)
                )
            },
            residentsByOperatorCount: Dictionary(uniqueKeysWithValues: byCount.enumerated().map { ("\($0)", $1) })
        )
    }

    /// The covered shares of `figures`' residents per coverage layer.
    private func shares(_ figures: CoverageFigures) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: CoverageMasks.keys.compactMap { key in figures.residentsPercent(key).map { (key, $0) } })
    }
}
