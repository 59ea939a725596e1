import Terrain

/// A terrain profile that grows outward from a site one sample at a time and keeps the running statistics
/// that terrain models need for a receiver anywhere beyond its last sample, so that a whole radial of
/// receivers costs about as much as one profile:
/// - prefix sums of heights and of index-weighted heights (means and least-squares fits in O(1));
/// - the transmitter's horizon so far over curved earth (a running maximum), and the upper convex hull of the
///   curvature-corrected heights, from which the horizon seen back from a receiver is found by binary search;
/// - when asked for (`Statistics`), the same horizon and hull over flat earth, and the highest sample of every
///   block of `blockSize` samples.
/// A receiver reads the appended samples, then a short tail of samples of its own (the terrain just in front
/// of it, taken on its own line) and its ground height, all placed by `placeReceiver`, which extends the sums over
/// them; horizons over the tail are found directly.
public struct RadialPath: Sendable {
    /// The statistics a path keeps beyond the sums and the curved-earth horizons and hull, which every model reads.
    public struct Statistics: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The transmitter's and the receiver's horizons over flat earth, and `highestAbove(slope:)`.
        public static let flatEarth = Statistics(rawValue: 1)
        /// `highestInBlock(_:)`.
        public static let blockMaxima = Statistics(rawValue: 2)
    }

    /// Distance between samples, metres.
    public private(set) var step: Double
    /// Curvature coefficient 1/(2a) (per metre) of the curved-earth statistics.
    var curvature: Double { samples.curvature }
    /// The statistics it keeps beyond those every model reads.
    var statistics: Statistics { samples.statistics }
    /// Number of terrain samples appended so far.
    public private(set) var count = 0
    /// Slot of the receiver's ground height, after the samples and the receiver's tail.
    public private(set) var receiverIndex = 0
    /// Per slot — the samples, then the receiver's tail and ground — the height, the sums through it and the
    /// height lowered by the earth's curvature at its distance (h − curvature·d²); the hulls' indices; the blocks'
    /// highest samples.
    private var samples: PathSamples
    /// The transmitter's highest samples so far by elevation angle, over flat and over curved earth: among the
    /// appended samples, and (once a receiver is placed) among its tail as well.
    private var samplesHorizons = TransmitterHorizons()
    private var receiverHorizons = TransmitterHorizons()
    var flatHorizon: Int { receiverHorizons.flat }
    var curvedHorizon: Int { receiverHorizons.curved }
    private var flatHull = UpperHull()
    private var curvedHull = UpperHull()

    /// Samples per block of `highestInBlock`.
    static let blockSize = 16

    /// An empty path for up to `capacity` samples (tail included) every `step` metres; the antenna stands `antennaHeight`
    /// metres above the first sample; curved statistics use an earth of curvature coefficient `curvature`; `statistics`
    /// says which others to keep.
    public init(
        step: Double, capacity: Int, antennaHeight: Double, curvature: Double, statistics: Statistics = [.flatEarth, .blockMaxima]
    ) {
        self.step = step
        samples = PathSamples(
            slots: capacity + 2, blocks: capacity / Self.blockSize + 1, antennaHeight: antennaHeight, curvature: curvature,
            statistics: statistics
        )
        clearBlocks()
    }

    /// Forgets every sample, keeping the storage; new samples will be `step` metres apart.
    public mutating func removeAll(step: Double) {
        self.step = step
        count = 0
        samplesHorizons = TransmitterHorizons()
        flatHull.removeAll()
        curvedHull.removeAll()
        makeSamplesUnique()
        clearBlocks()
    }

    private func clearBlocks() {
        samples.blockHighest.update(repeating: -.infinity, count: samples.blocks)
    }

    /// Appends the next ground sample (metres).
    public mutating func append(_ height: Double) {
        makeSamplesUnique()
        appendToUniqueSamples(height)
    }

    /// Appends samples until there are `end`: the heights of `terrain` at `origin + index · direction` (cell
    /// coordinates) for each next index. False at the first void, with the samples before it appended. One call per
    /// stretch of a radial, so that a sample costs no call of its own.
    public mutating func appendSamples(
        upTo end: Int, of terrain: GridSampler, origin: (column: Double, row: Double), direction: (column: Double, row: Double)
    ) -> Bool {
        makeSamplesUnique()
        while count < end {
            let index = Double(count)
            guard let height = terrain.height(
                column: origin.column + index * direction.column, row: origin.row + index * direction.row
            ) else { return false }
            appendToUniqueSamples(Double(height))
        }
        return true
    }

    @inline(__always)
    private mutating func appendToUniqueSamples(_ height: Double) {
        let index = count
        store(height, at: index)
        if statistics.contains(.blockMaxima) {
            samples.blockHighest[index / Self.blockSize] = max(samples.blockHighest[index / Self.blockSize], height)
        }
        count += 1
        guard index > 0 else { return }
        let flatEarth = statistics.contains(.flatEarth)
        samplesHorizons.include(index, of: samples, flatEarth: flatEarth)
        if flatEarth { flatHull.extend(with: index, of: samples.heights, in: samples.flatHull) }
        curvedHull.extend(with: index, of: samples.curvedHeights, in: samples.curvedHull)
    }

    /// Places a receiver: `tail` (heights of the samples between the last appended one and the receiver,
    /// nearest the site first) and then the receiver's `ground`.
    public mutating func placeReceiver(ground: Double, tail: UnsafeBufferPointer<Double>) {
        makeSamplesUnique()
        receiverHorizons = samplesHorizons
        for (offset, height) in tail.enumerated() { placeTailSample(height, at: count + offset) }
        placeReceiverGround(ground, at: count + tail.count)
    }

    /// Places a receiver at sample `index` (at or beyond `count`) whose tail, the samples from the last appended one up
    /// to it, lies on its own line: the heights of `terrain` at `origin + (i / index) · toReceiver` (cell coordinates)
    /// for each i in `count..<index`, then its `ground`. False when the line crosses a void there: no profile.
    public mutating func placeReceiver(
        ground: Double, at index: Int, of terrain: GridSampler, origin: (column: Double, row: Double),
        toReceiver: (column: Double, row: Double)
    ) -> Bool {
        makeSamplesUnique()
        receiverHorizons = samplesHorizons
        let perSlot = 1 / Double(index)
        for slot in count..<index {
            let fraction = Double(slot) * perSlot
            guard let height = terrain.height(
                column: origin.column + fraction * toReceiver.column, row: origin.row + fraction * toReceiver.row
            ) else { return false }
            placeTailSample(Double(height), at: slot)
        }
        placeReceiverGround(ground, at: index)
        return true
    }

    @inline(__always)
    private mutating func placeTailSample(_ height: Double, at slot: Int) {
        store(height, at: slot)
        receiverHorizons.include(slot, of: samples, flatEarth: statistics.contains(.flatEarth))
    }

    @inline(__always)
    private mutating func placeReceiverGround(_ ground: Double, at slot: Int) {
        receiverIndex = slot
        store(ground, at: slot)
    }

    /// The heights of every slot up to the receiver's (only those are meaningful).
    var heights: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: samples.heights, count: samples.slots) }

    /// Copies the samples first if another copy of the path shares them: this path is about to write.
    private mutating func makeSamplesUnique() {
        if !isKnownUniquelyReferenced(&samples) { samples = samples.copy() }
    }

    /// Writes slot `index`'s height and the values derived from it; the slots before it are in place.
    @inline(__always)
    private func store(_ height: Double, at index: Int) {
        samples.heights[index] = height
        samples.sums[index + 1] = samples.sums[index] + height
        samples.weightedSums[index + 1] = samples.weightedSums[index] + Double(index) * height
        samples.curvedHeights[index] = lowered(height, at: index)
    }

    /// `height` at slot `index` lowered by the earth's curvature at its distance (h − curvature·d²).
    @inline(__always)
    private func lowered(_ height: Double, at index: Int) -> Double {
        let distance = Double(index) * step
        return height - curvature * distance * distance
    }

    /// The samples the transmitter sees steepest over flat and over curved earth (0: none yet; the flat one stays
    /// 0 without `flatEarth`). Each keeps its rise above the antenna, over curved earth the rise of its lowered height:
    /// its elevation angle times its distance, so that angles compare by cross-multiplying and a sample costs no division.
    private struct TransmitterHorizons {
        var flat = 0, curved = 0
        var flatRise = -Double.infinity, curvedRise = -Double.infinity

        /// Lets slot `index` of `samples` (its height and lowered height in place) join the samples seen so far.
        @inline(__always)
        mutating func include(_ index: Int, of samples: PathSamples, flatEarth: Bool) {
            let antenna = samples.heights[0] + samples.antennaHeight
            // rise / index > best / flat, both distances positive (and any rise beats none: 0 > −∞).
            if flatEarth {
                let rise = samples.heights[index] - antenna
                if rise * Double(flat) > flatRise * Double(index) { (flat, flatRise) = (index, rise) }
            }
            let rise = samples.curvedHeights[index] - antenna
            if rise * Double(curved) > curvedRise * Double(index) { (curved, curvedRise) = (index, rise) }
        }
    }

    /// The sample with the steepest elevation angle seen back from the placed receiver, whose absolute height
    /// is `height`, over flat (`curved` false) or curved earth, among the appended samples after the first
    /// and the receiver's tail; 0 when there is none.
    func receiverHorizon(height: Double, curved: Bool) -> Int {
        assert(curved || statistics.contains(.flatEarth), "flat-earth horizons need the .flatEarth statistics")
        let (hull, hullIndices) = curved ? (curvedHull, samples.curvedHull) : (flatHull, samples.flatHull)
        let receiver = receiverIndex
        let eye = curved ? lowered(height, at: receiver) : height
        let y = curved ? samples.curvedHeights : samples.heights
        func steeper(_ a: Int, than b: Int) -> Bool { (y[a] - eye) * Double(receiver &- b) > (y[b] - eye) * Double(receiver &- a) }
        var best = 0
        if !hull.isEmpty {
            // Elevation angles along the hull rise to the tangent point, then fall: binary search for it.
            var low = 0, high = hull.count - 1
            while low < high {
                let middle = (low + high) / 2
                if steeper(hullIndices[middle + 1], than: hullIndices[middle]) { low = middle + 1 } else { high = middle }
            }
            best = hullIndices[low]
        }
        for index in max(count, 1)..<receiver where best == 0 || steeper(index, than: best) { best = index }
        return best
    }

    /// The sample maximising h − slope·index (flat earth), that is the one highest above a line of
    /// `slope` metres per sample, among the appended samples after the first and the receiver's tail;
    /// 0 when there is none.
    func highestAbove(slope: Double) -> Int {
        assert(statistics.contains(.flatEarth), "highestAbove needs the .flatEarth statistics")
        func above(_ index: Int) -> Double { heights[index] - slope * Double(index) }
        var best = 0
        if !flatHull.isEmpty {
            let hull = samples.flatHull
            var low = 0, high = flatHull.count - 1
            while low < high {
                let middle = (low + high) / 2
                let a = hull[middle], b = hull[middle + 1]
                if heights[b] - heights[a] > slope * Double(b - a) { low = middle + 1 } else { high = middle }
            }
            best = hull[low]
        }
        for index in max(count, 1)..<receiverIndex where best == 0 || above(index) > above(best) { best = index }
        return best
    }

    /// The highest appended sample among samples block·`blockSize` ..< (block + 1)·`blockSize`.
    func highestInBlock(_ block: Int) -> Double {
        assert(statistics.contains(.blockMaxima), "highestInBlock needs the .blockMaxima statistics")
        return samples.blockHighest[block]
    }

    /// Sum of heights over slots first...last (up to the receiver's).
    func sum(_ first: Int, _ last: Int) -> Double { samples.sums[last + 1] - samples.sums[first] }

    /// Σ index·height over slots first...last (up to the receiver's).
    func weightedSum(_ first: Int, _ last: Int) -> Double { samples.weightedSums[last + 1] - samples.weightedSums[first] }
}
