import Coverage
import Geometry
import Terrain

/// In one operator's plan, the cells other operators' sites on air cover: where residents have service besides its
/// network. A leased sector's footprint stands for its host's (the same radio on the same mast); the others' are computed.
struct OthersCoverage {
    /// Per cell of the plan's grid.
    let covered: [Bool]

    /// The coverage of `plan`'s other operators' sites on air, reusing `footprints` of the `candidates` leasing their masts
    /// and computing the rest with `compute`, on a grid `gridWidth` wide of `cellCount` cells.
    init(
        _ plan: OperatorCandidates, candidates: [PlanCandidate], footprints: [SiteFootprint], cellCount: Int, gridWidth: Int,
        compute: ([Site]) throws(InputError) -> [SiteFootprint]
    ) throws(InputError) {
        var sectorOfHost: [String: Int] = [:]
        for (index, candidate) in candidates.enumerated() {
            if let host = plan.hosts[candidate.site.id] { sectorOfHost[host.id] = index }
        }
        let computed = try compute(plan.othersOnAir.filter { sectorOfHost[$0.id] == nil })
        var covered = [Bool](repeating: false, count: cellCount)
        for footprint in computed + sectorOfHost.values.map({ footprints[$0] }) {
            for cell in footprint.cells.cellIndices(gridWidth: gridWidth) { covered[cell] = true }
        }
        self.covered = covered
    }
}
