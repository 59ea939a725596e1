import Coverage
import Geometry
import Planning
import Propagation

/// What a set of sites off air at once costs — a mast's, or a mast's and those whose backhaul passes through it: the
/// residents they cover, and those no site still on air covers (under any technology, and under each), their cells
/// and their residents per commune.
struct SiteSetOutage {
    /// One outage's figures.
    struct Tally {
        /// Residents on the cells the sites off air cover.
        let residentsCovered: Double
        /// Residents no site still on air covers with anything, and the cells they are on.
        let residentsLost: Double
        let cellsLost: Int
        /// Per technology (in the order given), residents no site of it still on air covers.
        let residentsLostByTechnology: [Double]
        /// Per commune (by index), the residents lost.
        let residentsLostByUnit: [Int: Double]
    }

    private let footprints: [SiteFootprint]
    private let gridWidth: Int
    private let residentsPerCell: [Double]
    /// Per site, its layer: 1 + its technology's index.
    private let layerOfSite: [Int]
    /// Per layer (any technology, then each technology), per cell, how many sites cover it.
    private let coveringSites: [[Int32]]
    /// Per cell, the communes it lies in and its residents in each: `cellUnits[unitStart[cell]..<unitStart[cell + 1]]`.
    private let unitStart: [Int32]
    private let cellUnits: [(unit: Int32, residents: Double)]
    /// Per cell, how many of the sites off air cover it: zero between counts.
    private var downCount: [Int32]

    /// The outages of `footprints`' sites, of `technologies`, over `residents` (`residentsPerCell` on a grid
    /// `gridWidth` wide).
    init(footprints: [SiteFootprint], technologies: [Technology], residents: ResidentGrid, residentsPerCell: [Double], gridWidth: Int) {
        self.footprints = footprints
        self.gridWidth = gridWidth
        self.residentsPerCell = residentsPerCell
        let layers = footprints.map { 1 + (technologies.firstIndex(of: $0.site.technology) ?? 0) }
        var covering = [[Int32]](repeating: [Int32](repeating: 0, count: residentsPerCell.count), count: 1 + technologies.count)
        for (footprint, layer) in zip(footprints, layers) {
            for cell in footprint.cells.cellIndices(gridWidth: gridWidth) {
                covering[0][cell] &+= 1
                covering[layer][cell] &+= 1
            }
        }
        layerOfSite = layers
        coveringSites = covering
        downCount = [Int32](repeating: 0, count: residentsPerCell.count)
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

    /// With `down` (site indices) off air: what they cover and what no other site covers.
    mutating func loss(down: [Int]) -> Tally {
        var covered = 0.0, lost = 0.0, cells = 0, byUnit: [Int: Double] = [:]
        let touched = count(down)
        for cell in touched {
            covered += residentsPerCell[cell]
            guard downCount[cell] == coveringSites[0][cell] else { continue }
            lost += residentsPerCell[cell]
            cells += 1
            for entry in cellUnits[Int(unitStart[cell])..<Int(unitStart[cell + 1])] { byUnit[Int(entry.unit), default: 0] += entry.residents }
        }
        clear(touched)
        var byTechnology: [Double] = []
        for layer in coveringSites.indices.dropFirst() {
            let touched = count(down.filter { layerOfSite[$0] == layer })
            byTechnology.append(touched.reduce(0) { $0 + (downCount[$1] == coveringSites[layer][$1] ? residentsPerCell[$1] : 0) })
            clear(touched)
        }
        return Tally(residentsCovered: covered, residentsLost: lost, cellsLost: cells, residentsLostByTechnology: byTechnology, residentsLostByUnit: byUnit)
    }

    /// Counts in `downCount` how many of `sites` cover each cell; returns the cells they cover, in the order first met.
    private mutating func count(_ sites: [Int]) -> [Int] {
        var touched: [Int] = []
        for site in sites {
            for cell in footprints[site].cells.cellIndices(gridWidth: gridWidth) {
                if downCount[cell] == 0 { touched.append(cell) }
                downCount[cell] &+= 1
            }
        }
        return touched
    }

    /// Sets `downCount` back to zero on `cells`.
    private mutating func clear(_ cells: [Int]) {
        for cell in cells { downCount[cell] = 0 }
    }
}
