import Geometry
import Planning

/// What each chosen site of a plan brings: the residents on its footprint, and those no other chosen site (nor one on
/// air) covers — what the plan would lose without it; and the residents the plan covers that the sites on air did not,
/// and of those, the ones no other network covers either.
struct PlanContributions {
    /// Per chosen site, in the order given.
    let residentsCovered: [Double]
    let residentsOnlyItCovers: [Double]
    let residentsNewlyCovered: Double
    /// With `coveredElsewhere`: the residents newly covered on cells it leaves out.
    let residentsFirstServed: Double?

    /// `footprints` of the chosen sites (those on air flagged in `onAir`), over `residentsPerCell` on a grid `gridWidth`
    /// wide; `coveredElsewhere` flags the cells another network covers.
    init(footprints: [SiteFootprint], onAir: [Bool], residentsPerCell: [Double], gridWidth: Int, coveredElsewhere: [Bool]? = nil) {
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
        func newlyCovered(_ cell: Int) -> Bool { sitesCovering[cell] > 0 && !coveredOnAir[cell] }
        residentsNewlyCovered = sitesCovering.indices.reduce(0) { $0 + (newlyCovered($1) ? residentsPerCell[$1] : 0) }
        residentsFirstServed = coveredElsewhere.map { elsewhere in
            sitesCovering.indices.reduce(0) { $0 + (newlyCovered($1) && !elsewhere[$1] ? residentsPerCell[$1] : 0) }
        }
    }
}
