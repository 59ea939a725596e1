import Coverage
import Foundation
import Geometry
import Planning
import Propagation
import Terrain

/// What each mast's outage — a power cut, a storm, a fault — would cost (`masts.csv`): the residents its sites cover,
/// those no other mast covers (left without any coverage while it is down; per technology, left without that
/// technology), that area, and the communes covered now that would have no coverage left; and the covered residents
/// whom a single mast covers, the network's exposure to one mast failing. With a backhaul's chains, the same again for
/// each mast's outage with the masts whose backhaul passes through it, off air with it.
struct MastOutages {
    /// What an outage leaves without coverage.
    struct Loss {
        /// Residents no mast still on air covers, under any technology.
        let residents: Double
        /// Per technology of the run, the residents no mast still on air covers with it.
        let residentsByTechnology: [Technology: Double]
        let areaKm2: Double
        /// Of `residents`, those in priority communes.
        let priorityResidents: Double
        /// Communes covered now that no mast still on air covers anywhere.
        let communes: [String]
    }

    /// One mast and what its outage costs.
    struct Mast {
        /// The sites' `mast`, or the first site's id where they name none.
        let name: String
        let siteIDs: [String]
        let technologies: [Technology]
        let location: GeoPoint
        let residentsCovered: Double
        /// What its outage alone leaves without coverage: the residents only it covers.
        let loss: Loss
        /// With a backhaul's chains: the masts its outage cuts off, and what they leave without coverage together with
        /// it (its own loss where it cuts none off).
        let cutOff: (masts: [String], loss: Loss)?
    }

    /// Worst outage first (most residents left without coverage, with the masts cut off), masts costing the same in
    /// the sites' order.
    let masts: [Mast]
    /// The technologies of the run.
    let technologies: [Technology]
    /// Covered residents whom only one mast covers.
    let residentsOnOneMast: Double
    /// The same per commune, in the layer's unit order.
    let communesOnOneMast: [Double]
    /// Whether the layer marks priority communes.
    let hasPriority: Bool
    /// Whether the masts' outages include the masts they cut off (`Mast.cutOff`).
    let hasBackhaul: Bool

    /// The masts of `footprints`' sites (`SiteMasts`) over the residents (`residentsPerCell` on a grid `gridWidth`
    /// wide, and per commune in `residents`) whose coverage `statistics` gives; with `chains`, each outage also with
    /// the masts it cuts off.
    init(
        footprints: [SiteFootprint], residents: ResidentGrid, residentsPerCell: [Double], statistics: ResidentStatistics,
        gridWidth: Int, chains: BackhaulChains? = nil
    ) {
        let sites = footprints.map(\.site), groups = SiteMasts.groups(of: sites)
        let technologies = Technology.allCases.filter { technology in sites.contains { $0.technology == technology } }
        var outage = SiteSetOutage(
            footprints: footprints, technologies: technologies, residents: residents, residentsPerCell: residentsPerCell, gridWidth: gridWidth
        )
        let communes = statistics.communes, cellAreaKm2 = residents.cellAreaKm2
        /// An outage's tally as what it leaves without coverage.
        func loss(_ tally: SiteSetOutage.Tally) -> Loss {
            let byUnit = tally.residentsLostByUnit
            return Loss(
                residents: tally.residentsLost,
                residentsByTechnology: Dictionary(uniqueKeysWithValues: zip(technologies, tally.residentsLostByTechnology)),
                areaKm2: Double(tally.cellsLost) * cellAreaKm2,
                priorityResidents: byUnit.reduce(0) { $0 + (communes[$1.key].priorityWeight > 0 ? $1.value : 0) },
                communes: byUnit.keys.sorted().filter { communes[$0].isLeftWithoutCoverage(losing: byUnit[$0]!) }.map { communes[$0].id }
            )
        }
        let own = groups.map { outage.loss(down: $0) }
        let names = groups.map { sites[$0[0]].mast ?? sites[$0[0]].id }
        let cutOff = chains?.mastsCutOff(masts: groups, sites: sites)
        let masts = groups.enumerated().map { mast, members in
            let ownLoss = loss(own[mast])
            return Mast(
                name: names[mast], siteIDs: members.map { sites[$0].id },
                technologies: technologies.filter { technology in members.contains { sites[$0].technology == technology } },
                location: sites[members[0]].location, residentsCovered: own[mast].residentsCovered, loss: ownLoss,
                cutOff: cutOff.map { cutOff in
                    let down = cutOff[mast]
                    return (down.map { names[$0] }, down.isEmpty ? ownLoss : loss(outage.loss(down: ([mast] + down).flatMap { groups[$0] })))
                }
            )
        }
        let cost = masts.map { ($0.cutOff?.loss ?? $0.loss).residents }
        self.masts = masts.indices.sorted { (-cost[$0], $0) < (-cost[$1], $1) }.map { masts[$0] }
        self.technologies = technologies
        residentsOnOneMast = own.reduce(0) { $0 + $1.residentsLost }
        communesOnOneMast = residents.unitCells.indices.map { unit in own.reduce(0) { $0 + ($1.residentsLostByUnit[unit] ?? 0) } }
        hasPriority = communes.contains { $0.priorityWeight > 0 }
        hasBackhaul = chains != nil
    }

    /// `masts.csv` (and the GeoPackage's `masts`): a row per mast, worst outage first, where it stands (WGS84 `lat`,
    /// `lon`, and the point); each outage's loss in the columns `lossColumns` names, the mast's own and, with a
    /// backhaul, with the masts it cuts off.
    func table(totalResidents: CoverageFigures, syntheticTerrain: Bool) -> FeatureTable {
        func number(_ value: Double, _ format: String) -> String { String(format: format, value) }
        let own = lossColumns("only_it_covers", communes: "communes_left_without_coverage")
        let together = lossColumns("only_they_cover", communes: "communes_only_they_cover")
        var header = ["mast", "sites", "technologies", "lat", "lon", "residents_covered"] + own
        if hasBackhaul { header += ["masts_cut_off"] + together }
        header.append("synthetic_terrain")
        var table = FeatureTable(
            name: "masts", crs: wgs84, columns: header,
            textColumns: ["mast", "sites", "technologies", "communes_left_without_coverage", "masts_cut_off", "communes_only_they_cover", "synthetic_terrain"]
        )
        /// A loss's fields, in the order of `lossColumns`.
        func fields(_ loss: Loss) -> [String] {
            var fields = [number(loss.residents, "%.1f"), totalResidents.share(ofResidents: loss.residents).map { number($0, "%.3f") } ?? ""]
            fields += technologies.map { number(loss.residentsByTechnology[$0] ?? 0, "%.1f") } + [number(loss.areaKm2, "%.4f")]
            if hasPriority { fields.append(number(loss.priorityResidents, "%.1f")) }
            return fields + [loss.communes.joined(separator: ";")]
        }
        for mast in masts {
            var row = [
                mast.name, mast.siteIDs.joined(separator: ";"), mast.technologies.map(\.rawValue).joined(separator: " "),
                number(mast.location.latitude, "%.6f"), number(mast.location.longitude, "%.6f"), number(mast.residentsCovered, "%.1f"),
            ] + fields(mast.loss)
            if let cutOff = mast.cutOff { row += [cutOff.masts.joined(separator: ";")] + fields(cutOff.loss) }
            row.append(syntheticTerrain ? "yes" : "no")
            table.append(row, shape: .point(MapPoint(x: mast.location.longitude, y: mast.location.latitude)))
        }
        return table
    }

    /// The columns of a loss whom `subject` names (`only_it_covers`: `residents_only_it_covers`, …): its residents and
    /// their share, per technology, its area, with priority communes theirs, and the communes left (`communes`).
    private func lossColumns(_ subject: String, communes: String) -> [String] {
        var columns = ["residents_\(subject)", "residents_pct_\(subject)"]
        columns += technologies.map { "residents_\(subject)_\($0.rawValue.lowercased())" } + ["area_\(subject)_km2"]
        if hasPriority { columns.append("priority_residents_\(subject)") }
        return columns + [communes]
    }
}
