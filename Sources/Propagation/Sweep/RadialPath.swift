/// A terrain profile that grows outward from a site one sample at a time and keeps the running statistics
/// that terrain models need for a receiver anywhere beyond its last sample, so that a whole radial of
/// receivers costs about as much as one profile:
/// - prefix sums of heights and of index-weighted heights (means and least-squares fits in O(1));
/// - the transmitter's horizon so far, over flat and over curved earth (running maxima);
/// - upper convex hulls of the heights, flat and curvature-corrected, from which the horizon seen back
///   from a receiver is found by binary search.
/// A receiver at sample k reads samples 0..<k and its own ground height, stored in slot k by `placeReceiver`.
public struct RadialPath: Sendable {
    /// Distance between samples, metres.
    public private(set) var step: Double
    /// Antenna height above the first sample, metres.
    let antennaHeight: Double
    /// Curvature coefficient 1/(2a) (per metre) of the curved-earth statistics.
    let curvature: Double
    /// Number of terrain samples appended so far.
    public private(set) var count = 0
    /// Heights, with one slot beyond the samples for the receiver's ground.
    private(set) var heights: [Double]
    /// sums[i] = Σ_{j<i} h_j and weightedSums[i] = Σ_{j<i} j·h_j.
    private var sums: [Double]
    private var weightedSums: [Double]
    /// The transmitter's highest sample so far by elevation angle: over flat and over curved earth.
    private(set) var flatHorizon = 0
    private(set) var curvedHorizon = 0
    private var flatHull: [Int]
    private var curvedHull: [Int]

    /// An empty path for up to `capacity` samples every `step` metres; the antenna stands `antennaHeight`
    /// metres above the first sample; curved statistics use an earth of curvature coefficient `curvature`.
    public init(step: Double, capacity: Int, antennaHeight: Double, curvature: Double) {
        self.step = step
        self.antennaHeight = antennaHeight
        self.curvature = curvature
        heights = [Double](repeating: 0, count: capacity + 1)
        sums = [Double](repeating: 0, count: capacity + 1)
        weightedSums = [Double](repeating: 0, count: capacity + 1)
        flatHull = []
        flatHull.reserveCapacity(capacity)
        curvedHull = []
        curvedHull.reserveCapacity(capacity)
    }

    /// Forgets every sample, keeping the storage; new samples will be `step` metres apart.
    public mutating func removeAll(step: Double) {
        self.step = step
        count = 0
        flatHorizon = 0
        curvedHorizon = 0
        flatHull.removeAll(keepingCapacity: true)
        curvedHull.removeAll(keepingCapacity: true)
    }

    /// Absolute height of the transmitting antenna.
    var antenna: Double { heights[0] + antennaHeight }

    /// Appends the next ground sample (metres).
    public mutating func append(_ height: Double) {
        let index = count
        heights[index] = height
        sums[index + 1] = sums[index] + height
        weightedSums[index + 1] = weightedSums[index] + Double(index) * height
        count += 1
        guard index > 0 else { return }
        let source = antenna
        if flatHorizon == 0 || flatAngle(index, from: source) > flatAngle(flatHorizon, from: source) { flatHorizon = index }
        if curvedHorizon == 0 || curvedAngle(index, from: source) > curvedAngle(curvedHorizon, from: source) {
            curvedHorizon = index
        }
        Self.extendUpperHull(&flatHull, with: index, heights: heights, curvature: 0, step: step)
        Self.extendUpperHull(&curvedHull, with: index, heights: heights, curvature: curvature, step: step)
    }

    /// Puts the receiver's ground height in the slot after the last sample.
    public mutating func placeReceiver(ground: Double) {
        heights[count] = ground
    }

    private func flatAngle(_ index: Int, from source: Double) -> Double { (heights[index] - source) / Double(index) }

    private func curvedAngle(_ index: Int, from source: Double) -> Double {
        (heights[index] - source) / (Double(index) * step) - curvature * Double(index) * step
    }

    /// Height lowered by the earth's curvature at its distance from the transmitter.
    private func curvedHeight(_ index: Int) -> Double {
        Self.lowered(heights, index, curvature: curvature, step: step)
    }

    private static func lowered(_ heights: [Double], _ index: Int, curvature: Double, step: Double) -> Double {
        let distance = Double(index) * step
        return heights[index] - curvature * distance * distance
    }

    private static func extendUpperHull(
        _ hull: inout [Int], with index: Int, heights: [Double], curvature: Double, step: Double
    ) {
        func height(_ index: Int) -> Double { lowered(heights, index, curvature: curvature, step: step) }
        let y = height(index)
        while hull.count >= 2 {
            let a = hull[hull.count - 2], b = hull[hull.count - 1]
            // Drop b when it lies on or below the chord from a to the new point.
            let cross = Double(b - a) * (y - height(a)) - (height(b) - height(a)) * Double(index - a)
            guard cross >= 0 else { break }
            hull.removeLast()
        }
        hull.append(index)
    }

    /// The sample with the steepest elevation angle seen back from a receiver at sample `receiver` whose
    /// absolute height is `height`, over flat (`curved` false) or curved earth; 0 when there is none.
    func receiverHorizon(at receiver: Int, height: Double, curved: Bool) -> Int {
        let hull = curved ? curvedHull : flatHull
        guard !hull.isEmpty else { return 0 }
        let eye: Double
        if curved {
            let distance = Double(receiver) * step
            eye = height - curvature * distance * distance
        } else {
            eye = height
        }
        func y(_ index: Int) -> Double { curved ? curvedHeight(index) : heights[index] }
        // Elevation angles along the hull rise to the tangent point, then fall: binary search for it.
        var low = 0, high = hull.count - 1
        while low < high {
            let middle = (low + high) / 2
            let a = hull[middle], b = hull[middle + 1]
            if (y(b) - eye) * Double(receiver - a) > (y(a) - eye) * Double(receiver - b) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return hull[low]
    }

    /// The sample maximising h − slope·index (flat earth), that is the one highest above a line of
    /// `slope` metres per sample; 0 when there is none.
    func highestAbove(slope: Double) -> Int {
        guard !flatHull.isEmpty else { return 0 }
        var low = 0, high = flatHull.count - 1
        while low < high {
            let middle = (low + high) / 2
            let a = flatHull[middle], b = flatHull[middle + 1]
            if heights[b] - heights[a] > slope * Double(b - a) { low = middle + 1 } else { high = middle }
        }
        return flatHull[low]
    }

    /// Sum of heights over samples first...last (the receiver slot included when last == count).
    func sum(_ first: Int, _ last: Int) -> Double {
        last < count ? sums[last + 1] - sums[first] : sums[count] - sums[first] + heights[count]
    }

    /// Σ index·height over samples first...last (the receiver slot included when last == count).
    func weightedSum(_ first: Int, _ last: Int) -> Double {
        last < count
            ? weightedSums[last + 1] - weightedSums[first]
            : weightedSums[count] - weightedSums[first] + Double(count) * heights[count]
    }
}
