import Coverage
import Geometry
import Planning
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
        covered = Self.marking(computed + sectorOfHost.values.map { footprints[$0] }, on: [Bool](repeating: false, count: cellCount), gridWidth: gridWidth)
    }

    /// `mask` with the cells of `footprints` (on a grid `gridWidth` wide) set.
    private static func marking(_ footprints: [SiteFootprint], on mask: [Bool], gridWidth: Int) -> [Bool] {
        var mask = mask
        for footprint in footprints {
            for cell in footprint.cells.cellIndices(gridWidth: gridWidth) { mask[cell] = true }
        }
        return mask
    }
}

extension OthersCoverage {
    /// Per commune of `residents` (the layer's order), the residents no operator serves: besides the others' sites on air,
    /// with the operator's sites on air (`onAir`, their footprints on a grid `gridWidth` wide), and with its plan's (`planned`).
    func residentsWithoutService(
        residents: ResidentGrid, onAir: [SiteFootprint], planned: [SiteFootprint], gridWidth: Int
    ) -> [(before: Double, after: Double)] {
        let before = Self.marking(onAir, on: covered, gridWidth: gridWidth), after = Self.marking(planned, on: covered, gridWidth: gridWidth)
        return zip(residents.unitCells, residents.unitResidents).map { cells, counts in
            zip(cells, counts).reduce((before: 0.0, after: 0.0)) { sums, cell in
                (sums.before + (before[cell.0] ? 0 : cell.1), sums.after + (after[cell.0] ? 0 : cell.1))
            }
        }
    }
}
