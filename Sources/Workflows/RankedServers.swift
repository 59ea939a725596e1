import Coverage
import Propagation

/// One technology's strongest sites per cell, kept as sites finish in any order: the `slots` strongest (power, then
/// the earlier site on a tie), whatever their frequency — for the interference matrix, which asks what each site
/// would suffer from each other on its own channel, and for neighbour lists.
struct RankedServers {
    /// How many sites each cell keeps: the server and five others.
    static let slotsKept = 6

    /// Whether each site (by its index in the run's list) is of the technology.
    private let counted: [Bool]
    let slots: Int
    /// Per cell, `slots` site numbers (1-based; 0 for none) and their powers, strongest first.
    private var numbers: [Int32]
    private var powers: [Float]

    /// Bytes per grid cell of one technology's ranks.
    static let bytesPerCell = slotsKept * 8

    /// Nil when no site is of `technology`.
    init?(sites: [Site], technology: Technology, cellCount: Int, slots: Int = slotsKept) {
        counted = sites.map { $0.technology == technology }
        guard counted.contains(true) else { return nil }
        self.slots = slots
        numbers = Array(repeating: 0, count: cellCount * slots)
        powers = Array(repeating: .nan, count: cellCount * slots)
    }

    /// Adds the power of the site numbered `number` (1-based); sites of other technologies add nothing.
    mutating func add(_ coverage: SiteCoverage, number: Int32, gridWidth: Int) {
        guard counted[Int(number) - 1] else { return }
        coverage.forEachReachedCell(gridWidth: gridWidth) { value, cell in insert(value, number: number, cell: cell) }
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

    /// Per cell, the number of the strongest site (1-based) where it covers the cell (power at or above
    /// `thresholds[n − 1]`, site n's threshold), else 0.
    func coveringServers(thresholds: [Double]) -> [Int32] {
        stride(from: 0, to: numbers.count, by: slots).map { first in
            let server = numbers[first]
            return server > 0 && powers[first] >= Float(thresholds[Int(server) - 1]) ? server : 0
        }
    }

    /// Per site, the cells it covers as the strongest site (power at or above `thresholds[n − 1]`, site n's threshold),
    /// and per other site kept how many of those cells it reaches less than `windowDB` below the server: at any power,
    /// or with `othersCovering` only at or above its own threshold.
    func overlaps(windowDB: Double, thresholds: [Double], othersCovering: Bool) -> ServerOverlaps {
        var overlaps = ServerOverlaps(siteCount: thresholds.count, slots: slots)
        for first in stride(from: 0, to: numbers.count, by: slots) {
            let server = Int(numbers[first])
            guard server > 0, powers[first] >= Float(thresholds[server - 1]) else { continue }
            overlaps.servedCells[server - 1] += 1
            let floor = Double(powers[first]) - windowDB
            var within = 0
            for slot in (first + 1)..<(first + slots) where numbers[slot] > 0 && Double(powers[slot]) > floor {
                within += 1
                let other = Int(numbers[slot])
                guard !othersCovering || powers[slot] >= Float(thresholds[other - 1]) else { continue }
                overlaps.cells[server - 1][other - 1] += 1
            }
            if within == slots - 1 { overlaps.cellsWithAllSlotsWithin += 1 }
        }
        return overlaps
    }
}
