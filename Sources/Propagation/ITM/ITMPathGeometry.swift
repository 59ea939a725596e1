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

    public static func == (a: ITMPathGeometry, b: ITMPathGeometry) -> Bool {
        a.horizonAngles == b.horizonAngles && a.horizonDistances == b.horizonDistances
            && a.effectiveHeights == b.effectiveHeights && a.deltaH == b.deltaH && a.distance == b.distance
    }
}

/// Terrain-profile analysis of the ITM point-to-point mode (NTIA ITM 1.4: FindHorizons, QuickPfl,
/// ComputeDeltaH, LinearLeastSquaresFit).
enum ITMProfileAnalysis {
    /// Horizons, effective heights and Δh of `profile` for structural `heights` on an earth of curvature `gammaE`.
    static func geometry(of profile: TerrainProfile, heights: (Double, Double), gammaE: Double) -> ITMPathGeometry {
        let z = profile.elevations, step = profile.step, intervals = z.count - 1
        let distance = Double(intervals) * step
        let earthRadius = 1 / gammaE
        var (angles, horizons) = findHorizons(z, step: step, earthRadius: earthRadius, heights: heights)

        // "Consideration of terrain elevations should begin at a point about 15 times the tower height"
        // [Hufford 1982], or at 10 % of the horizon distance, whichever is less.
        let start = min(15 * heights.0, 0.1 * horizons.0)
        let end = distance - min(15 * heights.1, 0.1 * horizons.1)
        let deltaH = computeDeltaH(z, step: step, from: start, to: end)
        var effective: (Double, Double)

        if horizons.0 + horizons.1 > 1.5 * distance {
            // Well within line of sight: effective heights over a straight-line fit of the whole path.
            let fit = leastSquaresFit(z, intervals: intervals, step: step, from: start, to: end)
            effective = (heights.0 + max(z[0] - fit.0, 0), heights.1 + max(z[intervals] - fit.1, 0))
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
            let near = leastSquaresFit(z, intervals: intervals, step: step, from: start, to: 0.9 * horizons.0)
            let far = leastSquaresFit(z, intervals: intervals, step: step, from: distance - 0.9 * horizons.1, to: end)
            effective = (heights.0 + max(z[0] - near.0, 0), heights.1 + max(z[intervals] - far.1, 0))
        }
        return ITMPathGeometry(
            horizonAngles: angles, horizonDistances: horizons, effectiveHeights: effective, deltaH: deltaH,
            distance: distance
        )
    }

    /// Horizon distance over irregular terrain for effective height `height` [Algorithm, Eqn 3.3].
    static func smoothHorizon(_ height: Double, _ earthRadius: Double, _ deltaH: Double) -> Double {
        (2 * height * earthRadius).squareRoot() * exp(-0.07 * (deltaH / max(height, 5)).squareRoot())
    }

    /// Horizon angle for an effective height and horizon distance [Algorithm, Eqn 3.4].
    static func smoothHorizonAngle(_ height: Double, _ horizon: Double, _ earthRadius: Double, _ deltaH: Double) -> Double {
        let smooth = (2 * height * earthRadius).squareRoot()
        return (0.65 * deltaH * (smooth / horizon - 1) - 2 * height) / smooth
    }

    /// The highest elevation angle from each terminal over the profile, and its distance [TN101, Eqn 6.15].
    static func findHorizons(
        _ z: [Double], step: Double, earthRadius: Double, heights: (Double, Double)
    ) -> (angles: (Double, Double), distances: (Double, Double)) {
        let intervals = z.count - 1, distance = Double(intervals) * step
        let transmitter = z[0] + heights.0, receiver = z[intervals] + heights.1
        var angles = ((receiver - transmitter) / distance - distance / (2 * earthRadius),
                      -(receiver - transmitter) / distance - distance / (2 * earthRadius))
        var distances = (distance, distance)
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

    /// Least-squares straight line through the profile between two distances; its heights at both path ends.
    static func leastSquaresFit(
        _ z: [Double], intervals: Int, step: Double, from start: Double, to end: Double
    ) -> (Double, Double) {
        var first = Int(max(start / step, 0))
        var last = intervals - Int(max(Double(intervals) - end / step, 0))
        if last <= first {
            first = Int(max(Double(first) - 1, 0))
            last = intervals - Int(max(Double(intervals) - (Double(last) + 1), 0))
        }
        let length = Double(last - first)
        var offset = -0.5 * length
        let centre = Double(last) + offset
        var sum = 0.5 * (z[first] + z[last])
        var weighted = 0.5 * (z[first] - z[last]) * offset
        var index = first
        var count = 2.0
        while count <= length {
            index += 1
            offset += 1
            sum += z[index]
            weighted += z[index] * offset
            count += 1
        }
        sum /= length
        weighted = weighted * 12 / ((length * length + 2) * length)
        return (sum - weighted * centre, sum + weighted * (Double(intervals) - centre))
    }

    /// Terrain irregularity Δh: interdecile range of the profile's deviations from a straight fit between
    /// two distances, resampled at 10·p10 − 5 points, scaled to an infinite path [ERL 79-ITS 67, Eqn 3].
    static func computeDeltaH(_ z: [Double], step: Double, from start: Double, to end: Double) -> Double {
        let intervals = z.count - 1
        var position = start / step
        let span = end / step - position
        guard span >= 2 else { return 0 }
        let p10 = min(max(4, Int(0.1 * (span + 8))), 25)
        let count = 10 * p10 - 5, p90 = count - p10
        let sampleIntervals = Double(count - 1)
        let increment = span / sampleIntervals
        var index = Int(position)
        position -= Double(index + 1)
        var samples = [Double](repeating: 0, count: count)
        for sample in 0..<count {
            while position > 0, index + 1 < intervals {
                position -= 1
                index += 1
            }
            samples[sample] = z[index + 1] + (z[index + 1] - z[index]) * position
            position += increment
        }
        let line = leastSquaresFit(samples, intervals: count - 1, step: 1, from: 0, to: sampleIntervals)
        var fit = line.0
        let slope = (line.1 - line.0) / sampleIntervals
        var deviations = [Double](repeating: 0, count: count)
        for sample in 0..<count {
            deviations[sample] = samples[sample] - fit
            fit += slope
        }
        deviations.sort(by: >)
        let interdecile = deviations[p10 - 1] - deviations[p90]
        return interdecile / (1 - 0.8 * exp(-(end - start) / 50e3))
    }
}
