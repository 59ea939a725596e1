/// The storage of a `RadialPath`, in one allocation per kind: per slot the height, the prefix sums Σh and Σi·h, the
/// height lowered for the earth's curvature and the indices of the two upper hulls; per block of samples the highest
/// one. It also holds what stays fixed over the path's life, so that the path itself stays within 128 bytes, which
/// copy without a call to `memcpy` (the footprint kernel copies the path for every cell). A path whose only
/// reference-counted part this is copies for one retain and writes a sample after one uniqueness check; it copies
/// the storage before writing whenever another copy of the path shares it.
final class PathSamples: @unchecked Sendable {  // never written while shared: see `RadialPath.makeSamplesUnique`
    /// Slots per kind of value, and blocks.
    let slots: Int
    let blocks: Int
    /// The path's antenna height, curvature coefficient and statistics kept (see `RadialPath`).
    let antennaHeight: Double
    let curvature: Double
    let statistics: RadialPath.Statistics
    private let values: UnsafeMutablePointer<Double>
    private let indices: UnsafeMutablePointer<Int>
    /// Each kind's part of the two allocations, found once rather than at every access.
    let heights: UnsafeMutablePointer<Double>
    /// sums[i] = Σ_{j<i} h_j and weightedSums[i] = Σ_{j<i} j·h_j.
    let sums: UnsafeMutablePointer<Double>
    let weightedSums: UnsafeMutablePointer<Double>
    let curvedHeights: UnsafeMutablePointer<Double>
    let blockHighest: UnsafeMutablePointer<Double>
    /// The indices of the upper hulls of the heights over flat and over curved earth (`UpperHull`).
    let flatHull: UnsafeMutablePointer<Int>
    let curvedHull: UnsafeMutablePointer<Int>

    init(slots: Int, blocks: Int, antennaHeight: Double, curvature: Double, statistics: RadialPath.Statistics) {
        (self.slots, self.blocks) = (slots, blocks)
        (self.antennaHeight, self.curvature, self.statistics) = (antennaHeight, curvature, statistics)
        values = .allocate(capacity: 4 * slots + blocks)
        values.initialize(repeating: 0, count: 4 * slots + blocks)
        indices = .allocate(capacity: 2 * slots)
        indices.initialize(repeating: 0, count: 2 * slots)
        (heights, sums, weightedSums, curvedHeights) = (values, values + slots, values + 2 * slots, values + 3 * slots)
        blockHighest = values + 4 * slots
        (flatHull, curvedHull) = (indices, indices + slots)
    }

    deinit {
        values.deallocate()
        indices.deallocate()
    }

    func copy() -> PathSamples {
        let copy = PathSamples(
            slots: slots, blocks: blocks, antennaHeight: antennaHeight, curvature: curvature, statistics: statistics
        )
        copy.values.update(from: values, count: 4 * slots + blocks)
        copy.indices.update(from: indices, count: 2 * slots)
        return copy
    }
}
