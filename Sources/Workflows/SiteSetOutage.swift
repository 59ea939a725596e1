import Coverage
import Geometry
import Planning

/// What a set of sites off air at once costs — a mast and the masts whose backhaul passes through it: the residents
/// no site still on air covers, under any technology, and those residents per commune.
struct SiteSetOutage {
    private let footprints: [SiteFootprint]
    private let gridWidth: Int
    private let residentsPerCell: [Double]
    /// Per cell, how many sites cover it.
    private let coveringSites: [Int32]
    /// Per cell, the communes it lies in and its residents in each: `cellUnits[unitStart[cell]..<unitStart[cell + 1]]`.
    private let unitStart: [Int32]
    private let cellUnits: [(unit: Int32, residents: Double)]
    /// Per cell, how many of the sites off air cover it: zero between calls of `loss`.
    private var downCount: [Int32]

    /// The outages of `footprints`' sites over `residents` (`residentsPerCell` on a grid `gridWidth` wide).
    init(footprints: [SiteFootprint], residents: ResidentGrid, residentsPerCell: [Double], gridWidth: Int) {
        self.footprints = footprints
        self.gridWidth = gridWidth
        self.residentsPerCell = residentsPerCell
        var covering = [Int32](repeating: 0, count: residentsPerCell.count)
        for footprint in footprints {
            for cell in footprint.cells.cellIndices(gridWidth: gridWidth) { covering[cell] &+= 1 }
        }
        coveringSites = covering
        downCount = [Int32](repeating: 0, count: covering.count)
        var start = [Int32](repeating: 0, count: residentsPerCell.count + 1)
        for cells in residents.unitCells { for cell in cells { start[cell + 1] &+= 1 } }
        for cell in start.indices.dropFirst() { start[cell] &+= start[cell - 1] }
        var next = start, units = [(unit: Int32, residents: Double)](repeating: (0, 0), count: Int(start.last ?? 0))
        for (unit, (cells, counts)) in zip(residents.unitCells, residents.unitResidents).enumerated() {
            for (cell, count) in zip(cells, counts) {
                units[Int(next[cell])] = (Int32(unit), count)
                next[cell] &+= 1
            }
        }
        unitStart = start
        cellUnits = units
    }

    /// With `down` (site indices) off air: the residents no other site covers, and per commune (by index) theirs.
    mutating func loss(down: [Int]) -> (residents: Double, byUnit: [Int: Double]) {
        var touched: [Int] = []
        for site in down {
            for cell in footprints[site].cells.cellIndices(gridWidth: gridWidth) {
                if downCount[cell] == 0 { touched.append(cell) }
                downCount[cell] &+= 1
            }
        }
        var residents = 0.0, byUnit: [Int: Double] = [:]
        for cell in touched where downCount[cell] == coveringSites[cell] {
            residents += residentsPerCell[cell]
            for entry in cellUnits[Int(unitStart[cell])..<Int(unitStart[cell + 1])] { byUnit[Int(entry.unit), default: 0] += entry.residents }
        }
        for cell in touched { downCount[cell] = 0 }
        return (residents, byUnit)
    }
}
