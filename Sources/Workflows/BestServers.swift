import Coverage

/// Each cell's best server among some sites: the number (1-based, in the run's list) of the covering site — power at or
/// above its own threshold — with the strongest power, the earlier site on a tie; 0 where none covers. Sites may be
/// offered in any order: the result does not depend on it.
struct BestServers {
    /// Per cell, the best server's number, 0 for none.
    private(set) var number: [Int32]
    private var power: [Float]

    /// Bytes per grid cell.
    static let bytesPerCell = 8

    init(cellCount: Int) {
        number = Array(repeating: 0, count: cellCount)
        power = Array(repeating: .nan, count: cellCount)
    }

    /// Site `number` covers cell `index` with `value` dBm.
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
        for row in 0..<coverage.height {
            for column in 0..<coverage.width {
                let value = coverage.power[row * coverage.width + column]
                guard !value.isNaN, value >= threshold else { continue }
                offer(value, number: site, at: (coverage.row + row) * gridWidth + coverage.column + column)
            }
        }
    }
}
