import Coverage
import Foundation
import Geometry
import Planning
import Propagation
import Terrain

/// What each mast's outage — a power cut, a storm, a fault — would cost (`masts.csv`): the residents its sites cover,
/// those no other mast covers (left without any coverage while it is down; per technology, left without that
/// technology), that area, and the communes covered now that would have no coverage left; and the covered residents
/// whom a single mast covers, the network's exposure to one mast failing. With a backhaul's chains, also what each
/// mast's outage costs with the masts whose backhaul passes through it, off air with it.
struct MastOutages {
    /// One mast and what its outage costs.
    struct Mast {
        /// The sites' `mast`, or the first site's id where they name none.
        let name: String
        let siteIDs: [String]
        let technologies: [Technology]
        let location: GeoPoint
        let residentsCovered: Double
        /// Residents no other mast covers, under any technology.
        let residentsOnlyItCovers: Double
        /// Per technology of the run, the residents no other mast covers with it (0 where this mast carries none).
        let residentsOnlyItCoversByTechnology: [Technology: Double]
        let areaOnlyItCoversKm2: Double
        /// Of `residentsOnlyItCovers`, those in priority communes.
        let priorityResidentsOnlyItCovers: Double
        /// Communes covered now that no other mast covers anywhere.
        let communesLeftWithoutCoverage: [String]
        /// With a backhaul's chains: the masts its outage cuts off, and what they cost together with it.
        let cutOff: CutOff?
    }

    /// A mast's outage with the masts whose every backhaul chain passes through it.
    struct CutOff {
        let masts: [String]
        /// Residents no mast still on air covers, under any technology.
        let residentsOnlyTheyCover: Double
        /// Communes covered now that no mast still on air covers anywhere.
        let communesOnlyTheyCover: [String]
    }

    /// Worst outage first (most residents left without coverage), masts costing the same in the sites' order.
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
        technologies = Technology.allCases.filter { technology in sites.contains { $0.technology == technology } }
        let coverage = MastCoverage(
            masts: groups, footprints: footprints, technologies: technologies, gridWidth: gridWidth, residentsPerCell: residentsPerCell
        )
        let owners = coverage.owners, covered = coverage.residentsCovered
        var onlyIt = [[Double]](repeating: [Double](repeating: 0, count: groups.count), count: owners.count)
        var onlyCells = [Int](repeating: 0, count: groups.count)
        for (layer, owner) in owners.enumerated() {
            for (cell, mast) in owner.enumerated() where mast >= 0 {
                onlyIt[layer][Int(mast)] += residentsPerCell[cell]
                if layer == 0 { onlyCells[Int(mast)] += 1 }
            }
        }
        // Per mast, per commune (by index), the residents left without coverage; per commune, those on one mast.
        var losses = [[Int: Double]](repeating: [:], count: groups.count)
        var onOneMast = [Double](repeating: 0, count: residents.unitCells.count)
        for unit in residents.unitCells.indices {
            for (cell, value) in zip(residents.unitCells[unit], residents.unitResidents[unit]) where owners[0][cell] >= 0 {
                losses[Int(owners[0][cell])][unit, default: 0] += value
                onOneMast[unit] += value
            }
        }
        communesOnOneMast = onOneMast
        let communes = statistics.communes, cellAreaKm2 = residents.cellAreaKm2, technologies = technologies
        /// The communes covered now that `losses` (residents per commune index) leaves without coverage.
        func communesLost(_ losses: [Int: Double]) -> [String] {
            losses.keys.sorted().filter { communes[$0].isLeftWithoutCoverage(losing: losses[$0]!) }.map { communes[$0].id }
        }
        let names = groups.map { sites[$0[0]].mast ?? sites[$0[0]].id }
        let cutOff = chains.map { chains in
            let cutOff = chains.mastsCutOff(masts: groups, sites: sites)
            var outage = SiteSetOutage(footprints: footprints, residents: residents, residentsPerCell: residentsPerCell, gridWidth: gridWidth)
            return groups.indices.map { mast in
                // A mast cutting none off costs what it costs alone.
                let loss = cutOff[mast].isEmpty
                    ? (residents: onlyIt[0][mast], byUnit: losses[mast]) : outage.loss(down: ([mast] + cutOff[mast]).flatMap { groups[$0] })
                return CutOff(
                    masts: cutOff[mast].map { names[$0] }, residentsOnlyTheyCover: loss.residents, communesOnlyTheyCover: communesLost(loss.byUnit)
                )
            }
        }
        let masts = groups.enumerated().map { mast, members in
            let first = sites[members[0]]
            return Mast(
                name: names[mast], siteIDs: members.map { sites[$0].id },
                technologies: technologies.filter { technology in members.contains { sites[$0].technology == technology } },
                location: first.location, residentsCovered: covered[mast], residentsOnlyItCovers: onlyIt[0][mast],
                residentsOnlyItCoversByTechnology: Dictionary(uniqueKeysWithValues: technologies.enumerated().map { ($1, onlyIt[1 + $0][mast]) }),
                areaOnlyItCoversKm2: Double(onlyCells[mast]) * cellAreaKm2,
                priorityResidentsOnlyItCovers: losses[mast].reduce(0) { $0 + (communes[$1.key].priorityWeight > 0 ? $1.value : 0) },
                communesLeftWithoutCoverage: communesLost(losses[mast]), cutOff: cutOff?[mast]
            )
        }
        let cost = masts.map { $0.cutOff?.residentsOnlyTheyCover ?? $0.residentsOnlyItCovers }
        self.masts = masts.indices.sorted { (-cost[$0], $0) < (-cost[$1], $1) }.map { masts[$0] }
        residentsOnOneMast = onlyIt[0].reduce(0, +)
        hasPriority = communes.contains { $0.priorityWeight > 0 }
        hasBackhaul = chains != nil
    }


    /// `masts.csv` (and the GeoPackage's `masts`): a row per mast, worst outage first, where it stands (WGS84 `lat`,
    /// `lon`, and the point).
    func table(totalResidents: CoverageFigures, syntheticTerrain: Bool) -> FeatureTable {
        func number(_ value: Double, _ format: String) -> String { String(format: format, value) }
        let keys = technologies.map { $0.rawValue.lowercased() }
        var header = ["mast", "sites", "technologies", "lat", "lon", "residents_covered", "residents_only_it_covers", "residents_pct_only_it_covers"]
        header += keys.map { "residents_only_it_covers_\($0)" } + ["area_only_it_covers_km2"]
        if hasPriority { header.append("priority_residents_only_it_covers") }
        header.append("communes_left_without_coverage")
        let backhaulColumns = ["masts_cut_off", "residents_only_they_cover", "residents_pct_only_they_cover", "communes_only_they_cover"]
        if hasBackhaul { header += backhaulColumns }
        header.append("synthetic_terrain")
        var table = FeatureTable(
            name: "masts", crs: wgs84, columns: header,
            textColumns: ["mast", "sites", "technologies", "communes_left_without_coverage", "masts_cut_off", "communes_only_they_cover", "synthetic_terrain"]
        )
        for mast in masts {
            var row = [
                mast.name, mast.siteIDs.joined(separator: ";"), mast.technologies.map(\.rawValue).joined(separator: " "),
                number(mast.location.latitude, "%.6f"), number(mast.location.longitude, "%.6f"), number(mast.residentsCovered, "%.1f"),
                number(mast.residentsOnlyItCovers, "%.1f"),
                totalResidents.share(ofResidents: mast.residentsOnlyItCovers).map { number($0, "%.3f") } ?? "",
            ]
            row += technologies.map { number(mast.residentsOnlyItCoversByTechnology[$0] ?? 0, "%.1f") }
            row.append(number(mast.areaOnlyItCoversKm2, "%.4f"))
            if hasPriority { row.append(number(mast.priorityResidentsOnlyItCovers, "%.1f")) }
            row.append(mast.communesLeftWithoutCoverage.joined(separator: ";"))
            if let cutOff = mast.cutOff {
                row += [
                    cutOff.masts.joined(separator: ";"), number(cutOff.residentsOnlyTheyCover, "%.1f"),
                    totalResidents.share(ofResidents: cutOff.residentsOnlyTheyCover).map { number($0, "%.3f") } ?? "",
                    cutOff.communesOnlyTheyCover.joined(separator: ";"),
                ]
            }
            row.append(syntheticTerrain ? "yes" : "no")
            table.append(row, shape: .point(MapPoint(x: mast.location.longitude, y: mast.location.latitude)))
        }
        return table
    }
}

/// Per cell, the mast covering it — under any technology (layer 0), then under each of the run's — or -1 where none
/// does and -2 where more than one does; and per mast, the residents its sites cover together.
private struct MastCoverage {
    private(set) var owners: [[Int32]]
    private(set) var residentsCovered: [Double]

    /// The coverage of `masts` (site indices into `footprints`) on a grid `gridWidth` wide.
    init(masts: [[Int]], footprints: [SiteFootprint], technologies: [Technology], gridWidth: Int, residentsPerCell: [Double]) {
        owners = [[Int32]](repeating: [Int32](repeating: -1, count: residentsPerCell.count), count: 1 + technologies.count)
        residentsCovered = [Double](repeating: 0, count: masts.count)
        var lastMast = [Int32](repeating: -1, count: residentsPerCell.count)
        for (index, members) in masts.enumerated() {
            let mast = Int32(index)
            for site in members {
                let layer = 1 + technologies.firstIndex(of: footprints[site].site.technology)!
                for cell in footprints[site].cells.cellIndices(gridWidth: gridWidth) {
                    Self.claim(&owners[0][cell], for: mast)
                    Self.claim(&owners[layer][cell], for: mast)
                    if lastMast[cell] != mast {  // a cell two of the mast's sites cover counts once
                        lastMast[cell] = mast
                        residentsCovered[index] += residentsPerCell[cell]
                    }
                }
            }
        }
    }

    /// Marks `owner` (a cell's mast) as covered by `mast` too.
    private static func claim(_ owner: inout Int32, for mast: Int32) {
        if owner == -1 { owner = mast } else if owner != mast { owner = -2 }
    }
}
