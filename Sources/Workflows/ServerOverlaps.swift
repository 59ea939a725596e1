import Coverage
import Planning

/// Per pair of sites of one technology, how many of the first's best-server cells the second reaches within a window
/// of its power: the input of the 2G interference matrix (`interference.csv`) and of neighbour lists.
struct ServerOverlaps {
    /// Per site (index in the run's list), the cells it covers as the strongest site.
    var servedCells: [Int]
    /// `cells[server][other]`.
    var cells: [[Int]]
    /// How many sites a cell keeps (its server among them); a cell with every other one within the window may have more.
    let slots: Int
    /// Cells where every other site kept lies within the window, so that weaker ones may be left out of the counts.
    var cellsWithAllSlotsWithin = 0

    init(siteCount: Int, slots: Int) {
        servedCells = Array(repeating: 0, count: siteCount)
        cells = Array(repeating: Array(repeating: 0, count: siteCount), count: siteCount)
        self.slots = slots
    }

    /// How many pairs have a cell.
    var pairCount: Int { cells.reduce(0) { $0 + $1.filter { $0 > 0 }.count } }

    /// The interference matrix, the overlaps within a C/I limit: the pairs with any cell, in the sites' order of
    /// victims (servers) and most cells first, as CSV with a header, the interferer's share of the victim's cells in
    /// percent, and how many 200 kHz channels apart the two carriers are.
    func interferenceCSV(sites: [Site]) -> String {
        var lines = ["victim,interferer,victim_cells,cells,percent,channels_apart"]
        for victim in sites.indices where servedCells[victim] > 0 {
            let interferers = sites.indices.filter { cells[victim][$0] > 0 }.sorted { cells[victim][$0] > cells[victim][$1] }
            for interferer in interferers {
                let percent = 100 * Double(cells[victim][interferer]) / Double(servedCells[victim])
                let apart = Int((abs(sites[victim].frequencyMHz - sites[interferer].frequencyMHz) / 0.2).rounded())
                lines.append(
                    [csvField(sites[victim].id), csvField(sites[interferer].id), "\(servedCells[victim])",
                     "\(cells[victim][interferer])", String(format: "%.3f", percent), "\(apart)"].joined(separator: ",")
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
