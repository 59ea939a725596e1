import Coverage
import Propagation

/// One technology's strongest sites per cell, kept as sites finish in any order: the `slots` strongest (power, then
/// the earlier site on a tie), whatever their frequency — for the interference matrix, which asks what each site
/// would suffer from each other on its own channel.
struct RankedServers {
    /// Whether each site (by its index in the run's list) is of the technology.
    private let counted: [Bool]
    let slots: Int
    /// Per cell, `slots` site numbers (1-based; 0 for none) and their powers, strongest first.
    private var numbers: [Int32]
    private var powers: [Float]

    /// Bytes per grid cell for `slots`.
    static func bytesPerCell(slots: Int) -> Int { slots * 8 }

    /// Nil when fewer than two sites are of `technology`.
    init?(sites: [Site], technology: Technology, cellCount: Int, slots: Int) {
        counted = sites.map { $0.technology == technology }
        guard counted.filter({ $0 }).count > 1 else { return nil }
        self.slots = slots
        numbers = Array(repeating: 0, count: cellCount * slots)
        powers = Array(repeating: .nan, count: cellCount * slots)
    }

    /// Adds the power of the site numbered `number` (1-based); sites of other technologies add nothing.
    mutating func add(_ coverage: SiteCoverage, number: Int32, gridWidth: Int) {
        guard counted[Int(number) - 1] else { return }
        for row in 0..<coverage.height {
            for column in 0..<coverage.width {
                let value = coverage.power[row * coverage.width + column]
                guard !value.isNaN else { continue }
                insert(value, number: number, cell: (coverage.row + row) * gridWidth + coverage.column + column)
            }
        }
    }

    /// Puts site `number`'s `value` among the cell's strongest, if it is one of them.
    private mutating func insert(_ value: Float, number: Int32, cell: Int) {
        func outranks(_ slot: Int) -> Bool {
            numbers[slot] == 0 || value > powers[slot] || (value == powers[slot] && number < numbers[slot])
        }
        let first = cell * slots
        var slot = first + slots - 1
        guard outranks(slot) else { return }
        while slot > first, outranks(slot - 1) {
            (numbers[slot], powers[slot]) = (numbers[slot - 1], powers[slot - 1])
            slot -= 1
        }
        (numbers[slot], powers[slot]) = (number, value)
    }

    /// For each cell the strongest site covers (power at or above `thresholds[n − 1]`, site n's threshold), the other
    /// sites kept whose power lies less than `limitDB` below it: each would alone bring the cell's C/I under the limit
    /// were it on the server's channel.
    func matrix(limitDB: Double, thresholds: [Double]) -> InterferenceMatrix {
        var matrix = InterferenceMatrix(siteCount: thresholds.count, slots: slots)
        for first in stride(from: 0, to: numbers.count, by: slots) {
            let server = Int(numbers[first])
            guard server > 0, powers[first] >= Float(thresholds[server - 1]) else { continue }
            matrix.servedCells[server - 1] += 1
            let floor = Double(powers[first]) - limitDB
            var within = 0
            for slot in (first + 1)..<(first + slots) where numbers[slot] > 0 && Double(powers[slot]) > floor {
                matrix.cells[server - 1][Int(numbers[slot]) - 1] += 1
                within += 1
            }
            if within == slots - 1 { matrix.cellsWithAllSlotsWithin += 1 }
        }
        return matrix
    }
}

/// Per pair of sites, how many of the first's covered cells the second would alone push under a C/I limit were they
/// on one channel; the input of a frequency plan.
struct InterferenceMatrix {
    /// Per site (index in the run's list), the cells it covers as the strongest site.
    var servedCells: [Int]
    /// `cells[victim][interferer]`.
    var cells: [[Int]]
    /// How many interferers a cell keeps; a cell with every one of them within the limit may have more.
    let slots: Int
    /// Cells where every interferer kept lies within the limit, so that weaker ones may be left out of the counts.
    var cellsWithAllSlotsWithin = 0

    init(siteCount: Int, slots: Int) {
        servedCells = Array(repeating: 0, count: siteCount)
        cells = Array(repeating: Array(repeating: 0, count: siteCount), count: siteCount)
        self.slots = slots
    }

    /// The pairs with any cell, in the sites' order of victims and most cells first: CSV with a header, the
    /// interferer's share of the victim's cells in percent, and how many 200 kHz channels apart the two carriers are.
    func csv(sites: [Site]) -> String {
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

    /// How many pairs have a cell.
    var pairCount: Int { cells.reduce(0) { $0 + $1.filter { $0 > 0 }.count } }
}
