import Coverage

/// Each cell's best server among some sites: the number (1-based, in the run's list) of the site offered with the
/// strongest power, the earlier site on a tie; 0 where none is. `add` offers only the cells a site covers (power at or
/// above its own threshold). Sites may be offered in any order: the result does not depend on it.
struct BestServers {
    /// Per cell, the best server's number, 0 for none.
    private(set) var number: [Int32]
    /// Per cell, the best server's power (dBm), NaN for none.
    private(set) var power: [Float]

    /// Bytes per grid cell.
    static let bytesPerCell = 8

    init(cellCount: Int) {
        number = Array(repeating: 0, count: cellCount)
        power = Array(repeating: .nan, count: cellCount)
    }

    /// Site `number` reaches cell `index` with `value` dBm.
    @inline(__always)
    mutating func offer(_ value: Float, number site: Int32, at index: Int) {
        let serving = power[index]
        if serving.isNaN || value > serving || (value == serving && site < number[index]) {
            power[index] = value
            number[index] = site
        }
    }

    /// Offers every cell the coverage of the site numbered `number` reaches at its threshold or above.
    mutating func add(_ coverage: SiteCoverage, number site: Int32, gridWidth: Int) {
        let threshold = Float(coverage.threshold)
        coverage.forEachReachedCell(gridWidth: gridWidth) { value, index in
            if value >= threshold { offer(value, number: site, at: index) }
        }
    }
}
