import Foundation
import Terrain

/// Terminal geometry of a path as ITM sees it: horizons, effective heights and terrain irregularity.
public struct ITMPathGeometry: Sendable, Equatable {
    /// Horizon elevation angles (radians) seen from the transmitter and the receiver.
    public var horizonAngles: (Double, Double)
    /// Distances (m) from each terminal to its horizon.
    public var horizonDistances: (Double, Double)
    /// Effective antenna heights (m).
    public var effectiveHeights: (Double, Double)
    /// Terrain irregularity parameter Δh (m).
    public var deltaH: Double
    /// Path length (m).
    public var distance: Double
    /// The elevation (radians) at which the path reaches the receiver on its profile: the receiver's horizon where
    /// the terrain stands in the way, else the transmitting antenna's direction — before ITM takes the horizons of
    /// paths well within line of sight from its smooth-earth estimates. nil in area mode, which reads no profile.
    public var arrivalAngle: Double? = nil

    public static func == (a: ITMPathGeometry, b: ITMPathGeometry) -> Bool {
        a.horizonAngles == b.horizonAngles && a.horizonDistances == b.horizonDistances
            && a.effectiveHeights == b.effectiveHeights && a.deltaH == b.deltaH && a.distance == b.distance
            && a.arrivalAngle == b.arrivalAngle
    }
}

/// The terrain of one ITM path as the profile analysis reads it: elevations at `intervals + 1` equal steps,
/// sums over ranges of them, and the terminals' horizons. A full profile computes these by scanning;
/// the footprint kernel's radial keeps them incrementally.
protocol ITMTerrain {
    var intervals: Int { get }
    /// Distance between elevations, metres.
    var step: Double { get }
    func withElevations<R>(_ body: (UnsafeBufferPointer<Double>) -> R) -> R
    /// Σ z[i] and Σ i·z[i] over i in first...last.
    func sum(_ first: Int, _ last: Int) -> Double
    func weightedSum(_ first: Int, _ last: Int) -> Double
    /// The highest elevation angle from each terminal and its distance [TN101, Eqn 6.15].
    func horizons(earthRadius: Double, heights: (Double, Double)) -> (angles: (Double, Double), distances: (Double, Double))
    /// Terrain irregularity Δh between two distances.
    func deltaH(from start: Double, to end: Double, workspace: inout DeltaHWorkspace) -> Double
}

extension ITMTerrain {
    func deltaH(from start: Double, to end: Double, workspace: inout DeltaHWorkspace) -> Double {
        ownDeltaH(from: start, to: end, workspace: &workspace)
    }

    /// Δh of these elevations themselves, never one shared with other paths.
    func ownDeltaH(from start: Double, to end: Double, workspace: inout DeltaHWorkspace) -> Double {
        withElevations { ITMProfileAnalysis.computeDeltaH($0, step: step, from: start, to: end, workspace: &workspace) }
    }

    /// Mean elevation without the first and last 10 % of the path.
    func systemHeight() -> Double {
        let p10 = floorInteger(0.1 * Double(intervals))
        return sum(p10, intervals - p10) / Double(intervals - 2 * p10 + 1)
    }

    /// Least-squares straight line through the elevations between two distances; its heights at both path ends.
    func fit(from start: Double, to end: Double) -> (Double, Double) {
        let (first, last) = ITMProfileAnalysis.fitRange(intervals: intervals, step: step, from: start, to: end)
        return withElevations { z in
            ITMProfileAnalysis.lineThrough(
                first: first, last: last, intervals: intervals, ends: (z[first], z[last]),
                interior: (sum(first + 1, last - 1), weightedSum(first + 1, last - 1))
            )
        }
    }
}

/// A whole profile held in memory: every statistic is a scan.
struct ITMProfileTerrain: ITMTerrain {
    let elevations: [Double]
    let step: Double
    var intervals: Int { elevations.count - 1 }

    func withElevations<R>(_ body: (UnsafeBufferPointer<Double>) -> R) -> R { elevations.withUnsafeBufferPointer(body) }

    func sum(_ first: Int, _ last: Int) -> Double {
        first > last ? 0 : elevations[first...last].reduce(0, +)
    }

    func weightedSum(_ first: Int, _ last: Int) -> Double {
        first > last ? 0 : (first...last).reduce(0) { $0 + Double($1) * elevations[$1] }
    }

    func horizons(earthRadius: Double, heights: (Double, Double)) -> (angles: (Double, Double), distances: (Double, Double)) {
        let z = elevations, distance = Double(intervals) * step
        let transmitter = z[0] + heights.0, receiver = z[intervals] + heights.1
        var (angles, distances) = ITMProfileAnalysis.directPath(
            transmitter: transmitter, receiver: receiver, distance: distance, earthRadius: earthRadius
        )
        var fromTransmitter = 0.0, fromReceiver = distance
        for index in stride(from: 1, to: intervals, by: 1) {
            fromTransmitter += step
            fromReceiver -= step
            let seenFromTransmitter = (z[index] - transmitter) / fromTransmitter - fromTransmitter / (2 * earthRadius)
            let seenFromReceiver = -(receiver - z[index]) / fromReceiver - fromReceiver / (2 * earthRadius)
            if seenFromTransmitter > angles.0 { (angles.0, distances.0) = (seenFromTransmitter, fromTransmitter) }
            if seenFromReceiver > angles.1 { (angles.1, distances.1) = (seenFromReceiver, fromReceiver) }
        }
        return (angles, distances)
    }
}

/// Terrain-profile analysis of the ITM point-to-point mode (NTIA ITM 1.4: FindHorizons, QuickPfl,
/// ComputeDeltaH, LinearLeastSquaresFit).
enum ITMProfileAnalysis {
    /// Horizons, effective heights and Δh of `terrain` for structural `heights` on an earth of radius `earthRadius`.
    /// `workspace` is working storage for Δh.
    static func geometry<Terrain: ITMTerrain>(
        of terrain: Terrain, heights: (Double, Double), earthRadius: Double, workspace: inout DeltaHWorkspace
    ) -> ITMPathGeometry {
        let step = terrain.step, intervals = terrain.intervals
        let distance = Double(intervals) * step
        var (angles, horizons) = terrain.horizons(earthRadius: earthRadius, heights: heights)
        let arrival = angles.1

        // "Consideration of terrain elevations should begin at a point about 15 times the tower height"
        // [Hufford 1982], or at 10 % of the horizon distance, whichever is less.
        let start = min(15 * heights.0, 0.1 * horizons.0)
        let end = distance - min(15 * heights.1, 0.1 * horizons.1)
        let deltaH = terrain.deltaH(from: start, to: end, workspace: &workspace)
        let ends = terrain.withElevations { ($0[0], $0[intervals]) }
        var effective: (Double, Double)

        if horizons.0 + horizons.1 > 1.5 * distance {
            // Well within line of sight: effective heights over a straight-line fit of the whole path.
            let fit = terrain.fit(from: start, to: end)
            effective = (heights.0 + max(ends.0 - fit.0, 0), heights.1 + max(ends.1 - fit.1, 0))
            horizons = (smoothHorizon(effective.0, earthRadius, deltaH), smoothHorizon(effective.1, earthRadius, deltaH))
            let combined = horizons.0 + horizons.1
            if combined <= distance {
                let scale = (distance / combined) * (distance / combined)
                effective = (effective.0 * scale, effective.1 * scale)
                horizons = (smoothHorizon(effective.0, earthRadius, deltaH), smoothHorizon(effective.1, earthRadius, deltaH))
            }
            angles = (smoothHorizonAngle(effective.0, horizons.0, earthRadius, deltaH),
                      smoothHorizonAngle(effective.1, horizons.1, earthRadius, deltaH))
        } else {
            // Each terminal's foreground fitted up to 90 % of its horizon distance.
            let near = terrain.fit(from: start, to: 0.9 * horizons.0)
            let far = terrain.fit(from: distance - 0.9 * horizons.1, to: end)
            effective = (heights.0 + max(ends.0 - near.0, 0), heights.1 + max(ends.1 - far.1, 0))
        }
        return ITMPathGeometry(
            horizonAngles: angles, horizonDistances: horizons, effectiveHeights: effective, deltaH: deltaH,
            distance: distance, arrivalAngle: arrival
        )
    }

    /// Elevation angles and distances of the terminals seen from each other: the horizons when nothing
    /// between them stands higher.
    static func directPath(
        transmitter: Double, receiver: Double, distance: Double, earthRadius: Double
    ) -> (angles: (Double, Double), distances: (Double, Double)) {
        let rise = (receiver - transmitter) / distance, bulge = distance / (2 * earthRadius)
        return ((rise - bulge, -rise - bulge), (distance, distance))
    }

    /// Horizon distance over irregular terrain for effective height `height` [Algorithm, Eqn 3.3].
    static func smoothHorizon(_ height: Double, _ earthRadius: Double, _ deltaH: Double) -> Double {
        (2 * height * earthRadius).squareRoot() * exponential(-0.07 * (deltaH / max(height, 5)).squareRoot())
    }

    /// Horizon angle for an effective height and horizon distance [Algorithm, Eqn 3.4].
    static func smoothHorizonAngle(_ height: Double, _ horizon: Double, _ earthRadius: Double, _ deltaH: Double) -> Double {
        let smooth = (2 * height * earthRadius).squareRoot()
        return (0.65 * deltaH * (smooth / horizon - 1) - 2 * height) / smooth
    }

    /// The elevation indices a least-squares fit between two distances uses (NTIA LinearLeastSquaresFit).
    static func fitRange(intervals: Int, step: Double, from start: Double, to end: Double) -> (first: Int, last: Int) {
        var first = floorInteger(max(start / step, 0))
        var last = intervals - floorInteger(max(Double(intervals) - end / step, 0))
        if last <= first {
            first = max(first - 1, 0)
            last = intervals - max(intervals - (last + 1), 0)
        }
        return (first, last)
    }

    /// The least-squares line through elevations first...last, with the end points at half weight, from the
    /// end elevations and the interior sums Σz and Σi·z; its heights at index 0 and at `intervals`.
    static func lineThrough(
        first: Int, last: Int, intervals: Int, ends: (Double, Double), interior: (sum: Double, weighted: Double)
    ) -> (Double, Double) {
        let length = Double(last - first)
        let centre = Double(last) - 0.5 * length
        let mean = (0.5 * (ends.0 + ends.1) + interior.sum) / length
        let moment = 0.5 * (ends.0 - ends.1) * (-0.5 * length) + interior.weighted - centre * interior.sum
        let slope = moment * 12 / ((length * length + 2) * length)
        return (mean - slope * centre, mean + slope * (Double(intervals) - centre))
    }

    /// Terrain irregularity Δh: interdecile range of the profile's deviations from a straight fit between
    /// two distances, resampled at 10·p10 − 5 points, scaled to an infinite path [ERL 79-ITS 67, Eqn 3].
    static func computeDeltaH(
        _ z: UnsafeBufferPointer<Double>, step: Double, from start: Double, to end: Double, workspace: inout DeltaHWorkspace
    ) -> Double {
        let first = start / step
        let span = end / step - first
        guard span >= 2 else { return 0 }
        let p10 = min(max(4, Int(0.1 * (span + 8))), 25)
        let count = 10 * p10 - 5
        let sampleIntervals = Double(count - 1)
        let increment = span / sampleIntervals
        // Grown at least twofold: receivers come outward along a sweep's radials, and grown to fit each time the
        // buffer was reallocated and cleared up to 22 times per group of radials.
        if workspace.samples.count < 3 * count {
            workspace.samples = [Double](repeating: 0, count: max(3 * count, 2 * workspace.samples.count))
        }
        return workspace.samples.withUnsafeMutableBufferPointer { buffer in
            let samples = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
            resample(z, at: first, by: increment, into: samples)
            var sum = 0.0, weighted = 0.0, number = 0.0  // the sample's number as a Double, exact
            for sample in 1..<(count - 1) {
                number += 1
                sum += samples[sample]
                weighted += number * samples[sample]
            }
            let line = lineThrough(
                first: 0, last: count - 1, intervals: count - 1, ends: (samples[0], samples[count - 1]),
                interior: (sum, weighted)
            )
            let slope = (line.1 - line.0) / sampleIntervals
            subtract(line: line.0, slope: slope, from: samples)
            // The p10-th largest minus the p10-th smallest deviation.
            let tails = samples.tails(p10, scratch: UnsafeMutableBufferPointer(rebasing: buffer[count..<(3 * count)]))
            return (tails.largest - tails.smallest) / (1 - 0.8 * exponential(-(end - start) / 50e3))
        }
    }
}

/// `z` (heights at whole intervals) at `samples.count` positions from `first` in steps of `increment` (intervals):
/// linear between the heights either side of each position, the first interval's line before it and the last's beyond
/// it. Two positions at a time, in the two lanes of one computation.
@inline(__always)
private func resample(
    _ z: UnsafeBufferPointer<Double>, at first: Double, by increment: Double, into samples: UnsafeMutableBufferPointer<Double>
) {
    let lastInterval = Double(z.count - 1)
    @inline(__always) func height(at position: SIMD2<Double>) -> SIMD2<Double> {
        // The height index at or after the position, within 1…intervals: ⌈position⌉ from ⌊position⌋ (or the position
        // itself when it is whole), clamped.
        let floor = nearestInteger(position - 0.5)
        let ceiling = floor.value.replacing(with: floor.value + 1, where: floor.value .< position)
        let above = pointwiseMin(pointwiseMax(ceiling, SIMD2(repeating: 1)), SIMD2(repeating: lastInterval))
        let index = nearestInteger(above).integer
        let (a, b) = (Int(truncatingIfNeeded: index[0]), Int(truncatingIfNeeded: index[1]))
        let upper = SIMD2(z[a], z[b]), lower = SIMD2(z[a &- 1], z[b &- 1])
        return upper + (upper - lower) * (position - above)
    }
    var sample = 0, pair = SIMD2<Double>(0, 1)  // the pair's sample numbers as Doubles, exact
    while sample &+ 1 < samples.count {
        let values = height(at: first + pair * increment)
        (samples[sample], samples[sample &+ 1]) = (values[0], values[1])
        sample &+= 2
        pair += 2
    }
    if sample < samples.count { samples[sample] = height(at: SIMD2(repeating: first + Double(sample) * increment))[0] }
}

/// Subtracts the line `intercept + slope · i` from each `samples[i]`, two samples at a time.
@inline(__always)
private func subtract(line intercept: Double, slope: Double, from samples: UnsafeMutableBufferPointer<Double>) {
    var sample = 0, pair = SIMD2<Double>(0, 1)  // the pair's sample numbers as Doubles, exact
    while sample &+ 1 < samples.count {
        let deviations = SIMD2(samples[sample], samples[sample &+ 1]) - (intercept + slope * pair)
        (samples[sample], samples[sample &+ 1]) = (deviations[0], deviations[1])
        sample &+= 2
        pair += 2
    }
    if sample < samples.count { samples[sample] -= intercept + slope * Double(sample) }
}

/// Working storage for Δh: the resampling buffer (with room for its two tails) and, along a group of neighbouring
/// radials, the Δh computed per 5 % band of distance, which later receivers in the band reuse.
public struct DeltaHWorkspace: Sendable {
    var samples: [Double] = []
    /// Δh already computed, by distance band (paths up to 10,000 km); empty until a value is shared, so that a
    /// single path's workspace costs no more than its resampling buffer.
    private var known: [(start: Double, value: Double)?] = []
    static let bandCount = Int(log(1e7) / log(1.05)) + 1
    private let bandStarts = bandStartsTable
    /// The band of the latest path looked up.
    private var recentBand = 0

    public init() {}

    /// The Δh shared in the band of a path `end` metres long by a path that starts within `tolerance` metres
    /// of `start`, if there is one.
    mutating func shared(end: Double, start: Double, tolerance: Double) -> Double? {
        guard !known.isEmpty, let known = known[band(of: end)], abs(start - known.start) <= tolerance else { return nil }
        return known.value
    }

    /// Shares `value`, the Δh of a path from `start` to `end` metres, with later paths in its band.
    mutating func share(_ value: Double, end: Double, start: Double) {
        if known.isEmpty { known = .init(repeating: nil, count: Self.bandCount) }
        known[band(of: end)] = (start, value)
    }

    /// The distance band of a path `end` metres long: bands grow geometrically by 5 %, band k holding the lengths
    /// whose log(length) / log(1.05) truncates to k. Found by stepping from the band of the path before (receivers
    /// come outward along a radial, so it is mostly the same band or the next) over the bands' exact starts.
    mutating func band(of end: Double) -> Int {
        var band = recentBand
        while band + 1 < bandStarts.count && end >= bandStarts[band + 1] { band += 1 }
        while band > 0 && end < bandStarts[band] { band -= 1 }
        recentBand = band
        return band
    }

    /// The shortest length in each band: the first double for which the logarithm's quotient reaches the band.
    private static let bandStartsTable: [Double] = (0..<bandCount).map { band in
        func bandByLogarithm(_ length: Double) -> Int { Int(log(length) / log(1.05)) }
        guard band > 0 else { return 0 }
        var start = exp(Double(band) * log(1.05))
        while bandByLogarithm(start) >= band { start = start.nextDown }
        while bandByLogarithm(start) < band { start = start.nextUp }
        return start
    }

    /// Forgets the shared Δh values: a new group of radials begins.
    public mutating func startGroup() {
        for band in known.indices { known[band] = nil }
    }
}

extension UnsafeMutableBufferPointer where Element == Double {
    /// The `k`-th smallest and the `k`-th largest element (1 ≤ k, 2k ≤ count), with `scratch` room for twice the
    /// elements. From a sample of sixteen evenly spread over the elements, its 4th smallest and 4th largest (near
    /// the 24th and 76th percentiles; Δh's k is a tenth of the elements) split off the two tails in one pass, and
    /// only the tails are searched; should a tail come out smaller than `k`, both come from all the elements.
    /// Leaves the elements in any order.
    func tails(_ k: Int, scratch: UnsafeMutableBufferPointer<Double>) -> (smallest: Double, largest: Double) {
        let n = count, spare = scratch.baseAddress!
        if n >= 64 {
            func sampled(_ rank: Int) -> Double {
                for index in 0..<16 { scratch[index] = self[index * n / 16 + n / 32] }
                return UnsafeMutableBufferPointer(rebasing: scratch[0..<16]).select(rank, spare: spare + 16)
            }
            let low = sampled(3), high = sampled(12)
            var lowCount = 0, highCount = 0
            for index in 0..<n {  // the elements of each tail, written unconditionally and kept by counting
                let value = self[index]
                scratch[lowCount] = value
                lowCount &+= one(if: value <= low)
                scratch[n &+ highCount] = value
                highCount &+= one(if: value >= high)
            }
            if lowCount >= k && highCount >= k {  // the elements themselves are free to be the spare now
                return (
                    UnsafeMutableBufferPointer(rebasing: scratch[0..<lowCount]).select(k - 1, spare: baseAddress!),
                    UnsafeMutableBufferPointer(rebasing: scratch[n..<(n + highCount)]).select(highCount - k, spare: baseAddress!)
                )
            }
        }
        let copy = UnsafeMutableBufferPointer(rebasing: scratch[n..<(2 * n)])
        _ = copy.update(fromContentsOf: self)
        return (copy.select(k - 1, spare: spare), select(n - k, spare: spare))
    }

    /// The element that would stand at `rank` if the buffer were sorted ascending, with `spare` room for as many
    /// elements. Partitions around a median of three into the spare and back again, without branching on the
    /// elements — each is written to both ends and kept at one by counting — since on terrain's deviations a
    /// comparison's branch is a coin toss and its mispredictions, not instructions, are what a selection costs.
    /// Leaves both buffers in any order.
    func select(_ rank: Int, spare: UnsafeMutablePointer<Double>) -> Double {
        var source = baseAddress!, target = spare, count = count, rank = rank
        while count > 8 {
            let first = source[0], middle = source[count / 2], last = source[count &- 1]
            let pivot = Swift.max(Swift.min(first, middle), Swift.min(Swift.max(first, middle), last))
            var less = 0, greater = 0
            for index in 0..<count {
                let value = source[index]
                target[less] = value
                less &+= one(if: value < pivot)
                target[count &- 1 &- greater] = value
                greater &+= one(if: value > pivot)
            }
            let kept: Int
            if rank < less {
                (kept, count) = (0, less)
            } else if rank >= count - greater {
                (kept, rank, count) = (count - greater, rank - (count - greater), greater)
            } else {
                return pivot  // the pivot's equals fill the ranks between the two sides
            }
            (source, target) = (target + kept, source)
        }
        // A few elements left: each one's rank counted, ties broken by position.
        for index in 0..<count {
            let value = source[index]
            var below = 0
            for other in 0..<count {
                below &+= one(if: source[other] < value) | (one(if: source[other] == value) & one(if: other < index))
            }
            if below == rank { return value }
        }
        preconditionFailure("rank \(rank) is outside 0..<\(count)")
    }
}

/// 1 if `condition` holds, else 0, taken from the Bool's own byte: a count kept this way compiles to no branch, where
/// `condition ? 1 : 0` may become one.
@inline(__always) private func one(if condition: Bool) -> Int {
    Int(unsafeBitCast(condition, to: UInt8.self))
}
