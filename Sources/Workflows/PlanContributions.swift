import Geometry
import Planning

/// What each chosen site of a plan brings: the residents on its footprint, and those no other chosen site (nor one on
/// air) covers — what the plan would lose without it; and the residents the plan covers that the sites on air did not.
struct PlanContributions {
    /// Per chosen site, in the order given.
    let residentsCovered: [Double]
    let residentsOnlyItCovers: [Double]
    let residentsNewlyCovered: Double

    /// `footprints` of the chosen sites (those on air flagged in `onAir`), over `residentsPerCell` on a grid `gridWidth` wide.
    init(footprints: [SiteFootprint], onAir: [Bool], residentsPerCell: [Double], gridWidth: Int) {
        let cells = footprints.map { $0.cells.cellIndices(gridWidth: gridWidth) }
        var sitesCovering = [UInt16](repeating: 0, count: residentsPerCell.count)
        var coveredOnAir = [Bool](repeating: false, count: residentsPerCell.count)
        for (index, footprint) in cells.enumerated() {
            for cell in footprint {
                sitesCovering[cell] &+= 1
                if onAir[index] { coveredOnAir[cell] = true }
            }
        }
        residentsCovered = cells.map { $0.reduce(0) { $0 + residentsPerCell[$1] } }
        residentsOnlyItCovers = cells.map { footprint in
            footprint.reduce(0) { $0 + (sitesCovering[$1] == 1 ? residentsPerCell[$1] : 0) }
        }
        residentsNewlyCovered = sitesCovering.indices.reduce(0) { sum, cell in
            sum + (sitesCovering[cell] > 0 && !coveredOnAir[cell] ? residentsPerCell[cell] : 0)
        }
    }
}
