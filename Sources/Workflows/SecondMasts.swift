import Geometry
import Planning

/// The residents whom a single mast on air covers, cell by cell, and the candidates that would give them a second mast
/// to fall back on when it fails: a plan's resilience to one mast's outage. Candidates stand on masts as `SiteMasts`
/// groups them, so a sector added to the one mast gives nobody a second.
struct SecondMasts {
    /// Per candidate, its mast.
    private let mastOfCandidate: [Int32]
    /// Per cell, the one mast of the sites on air covering it; -1 where none does, -2 where several do.
    private let singleMastOfCell: [Int32]
    private let gridWidth: Int

    /// The masts of `candidates` (those on air covering `footprints`, on a grid `gridWidth` wide of `cellCount` cells).
    init(candidates: [PlanCandidate], footprints: [SiteFootprint], cellCount: Int, gridWidth: Int) {
        var mastOf = [Int32](repeating: 0, count: candidates.count)
        for (mast, members) in SiteMasts.groups(of: candidates.map(\.site)).enumerated() {
            for member in members { mastOf[member] = Int32(mast) }
        }
        var single = [Int32](repeating: -1, count: cellCount)
        for (index, candidate) in candidates.enumerated() where candidate.kind == .existing {
            for cell in footprints[index].cells.cellIndices(gridWidth: gridWidth) {
                single[cell] = single[cell] == -1 || single[cell] == mastOf[index] ? mastOf[index] : -2
            }
        }
        mastOfCandidate = mastOf
        singleMastOfCell = single
        self.gridWidth = gridWidth
    }

    /// The mast `candidate` stands on (an index among the candidates' masts).
    func mast(of candidate: Int) -> Int32 { mastOfCandidate[candidate] }

    /// Whether a single mast on air covers `cell`.
    func isOnOneMast(_ cell: Int) -> Bool { singleMastOfCell[cell] >= 0 }

    /// The cells of `candidate`'s `footprint` that one other mast on air covers alone: those it gives a second mast.
    func cellsGivenASecondMast(by candidate: Int, footprint: SiteFootprint) -> [Int] {
        footprint.cells.cellIndices(gridWidth: gridWidth).filter { singleMastOfCell[$0] >= 0 && singleMastOfCell[$0] != mastOfCandidate[candidate] }
    }

    /// The residents (`residentsPerCell`) covered by a single mast on air whom the `chosen` candidates (indices, with
    /// their `footprints`) give a second mast.
    func residentsGivenASecondMast(chosen: [Int], footprints: [SiteFootprint], residentsPerCell: [Double]) -> Double {
        var given = [Bool](repeating: false, count: residentsPerCell.count)
        for candidate in chosen {
            for cell in cellsGivenASecondMast(by: candidate, footprint: footprints[candidate]) { given[cell] = true }
        }
        return given.indices.reduce(0) { $0 + (given[$1] ? residentsPerCell[$1] : 0) }
    }
}
